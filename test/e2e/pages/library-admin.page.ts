import type { Locator, Page } from 'playwright-core';
import { AccountFlowPage } from './account-flow.page.js';

/** The directory's admin pages for platform admins: entries needing verification, and the services libraries offer. */
export class LibraryAdminPage extends AccountFlowPage {
  static readonly unverified = 'Library entries needing verification';
  static readonly services = 'Services libraries offer';

  readonly table: Locator;

  private constructor(page: Page) {
    super(page);
    this.table = page.locator('main table');
  }

  static async verifyOnPage(page: Page, heading: string): Promise<LibraryAdminPage> {
    await LibraryAdminPage.verifyHeading(page, heading);
    return new LibraryAdminPage(page);
  }

  /** The text of the first column of each row of the page's table. */
  async firstColumn(): Promise<string[]> {
    return (await this.table.locator('tbody tr td:first-child').allInnerTexts()).map((t) => t.trim());
  }
}
