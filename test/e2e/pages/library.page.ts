import type { Locator, Page } from 'playwright-core';
import { AccountFlowPage } from './account-flow.page.js';

/** A library service's page at `/libraries/:id`: its details, each site's hours, and for its managers the actions on it. */
export class LibraryPage extends AccountFlowPage {
  readonly manageEntry: Locator;
  readonly needsVerification: Locator;
  readonly flash: Locator;

  private constructor(page: Page) {
    super(page);
    this.manageEntry = page.getByTestId('manage-entry');
    this.needsVerification = page.getByTestId('needs-verification');
    this.flash = page.getByTestId('flash-success');
  }

  static async verifyOnPage(page: Page, name: string): Promise<LibraryPage> {
    await LibraryPage.verifyHeading(page, name);
    return new LibraryPage(page);
  }

  private site(name: string): Locator {
    return this.main.getByRole('region', { name, exact: true });
  }

  /** A site's staffed hours as the table shows them: `{ Monday: '08:30 to 17:00', … }`. */
  async hours(siteName: string): Promise<Record<string, string>> {
    const rows = await this.site(siteName).getByTestId('hours').locator('tbody tr').all();
    return Object.fromEntries(await Promise.all(rows.map(async (row) => [(await row.locator('th').innerText()).trim(), (await row.locator('td').innerText()).trim()])));
  }

  /** "Open now staffed until 17:00 (at 10:04 UK time)" and the like. */
  async openNow(siteName: string): Promise<string> {
    return (await this.site(siteName).getByTestId('open-now').innerText()).replace(/\s+/g, ' ').trim();
  }

  /** The schema.org data in the page's head, parsed. */
  async structuredData(): Promise<{ '@graph': Record<string, unknown>[] }> {
    const text = await this.page.locator('script[type="application/ld+json"]').textContent();
    return JSON.parse(text ?? 'null') as { '@graph': Record<string, unknown>[] };
  }
}
