import type { Locator, Page } from 'playwright-core';
import { AccountFlowPage } from './account-flow.page.js';

/** "Organisations served" for one library service: the list with Remove buttons, and a search to add one. */
export class LibraryOrganisationsServedPage extends AccountFlowPage {
  readonly served: Locator;

  private constructor(page: Page) {
    super(page);
    this.served = page.getByTestId('organisations-served');
  }

  static async verifyOnPage(page: Page, serviceName: string): Promise<LibraryOrganisationsServedPage> {
    await LibraryOrganisationsServedPage.verifyHeading(page, `${serviceName}\nOrganisations served`);
    return new LibraryOrganisationsServedPage(page);
  }

  /** The organisations served, by name, as the table lists them. */
  async servedNames(): Promise<string[]> {
    if ((await this.served.locator('tbody').count()) === 0) return [];
    return (await this.served.locator('tbody tr td:first-child').allInnerTexts()).map((t) => t.trim());
  }

  /** Searches for an organisation to add by name or ODS code, pressing Enter in the box as a keyboard user would. */
  async search(text: string): Promise<void> {
    const box = this.page.getByRole('search', { name: 'Find an organisation to add' }).getByLabel('Name or ODS code');
    await box.fill(text);
    const navigated = this.page.waitForEvent('framenavigated', (frame) => frame === this.page.mainFrame());
    await box.press('Enter');
    await navigated;
    await this.page.waitForLoadState('load');
  }

  /** Chooses one of the organisations found (by its label, "Name (CODE)") and presses "Add organisation"; returns the status of the post. */
  async add(label?: string): Promise<number> {
    if (label) await this.page.getByRole('group', { name: 'Choose the organisation to add' }).getByLabel(label, { exact: true }).check();
    return this.submitWith(this.page.getByRole('button', { name: 'Add organisation' }), new URL(this.page.url()).pathname);
  }

  /** Presses the Remove button of an organisation served; returns the status of the post. */
  async remove(name: string): Promise<number> {
    const button = this.served.getByRole('button', { name: `Remove ${name}`, exact: true });
    const action = await button.locator('xpath=ancestor::form').getAttribute('action');
    return this.submitWith(button, action ?? '');
  }
}

/** "Are you sure you want to remove …?" before a site is removed. */
export class LibrarySiteRemovePage extends AccountFlowPage {
  private constructor(page: Page) {
    super(page);
  }

  static async verifyOnPage(page: Page, serviceName: string, siteName: string): Promise<LibrarySiteRemovePage> {
    await LibrarySiteRemovePage.verifyHeading(page, `${serviceName}\nAre you sure you want to remove ${siteName}?`);
    return new LibrarySiteRemovePage(page);
  }

  /** Presses "Yes, remove this site"; returns the status of the post. */
  async confirm(): Promise<number> {
    return this.submitWith(this.page.getByRole('button', { name: 'Yes, remove this site' }), new URL(this.page.url()).pathname);
  }
}

/** The corrections reported about an entry, for its editors. */
export class LibraryCorrectionsPage extends AccountFlowPage {
  readonly open: Locator;
  readonly flash: Locator;

  private constructor(page: Page) {
    super(page);
    this.open = page.getByTestId('open-corrections');
    this.flash = page.getByTestId('flash-success');
  }

  static async verifyOnPage(page: Page, serviceName: string): Promise<LibraryCorrectionsPage> {
    await LibraryCorrectionsPage.verifyHeading(page, `${serviceName}\nCorrections reported`);
    return new LibraryCorrectionsPage(page);
  }

  /** The text of each open correction, oldest first. */
  async openTexts(): Promise<string[]> {
    return (await this.open.getByTestId('correction-text').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
  }

  /** Presses "Mark as resolved" on the first open correction; returns the status of the post. */
  async resolveFirst(): Promise<number> {
    const button = this.open.getByRole('button', { name: /^Mark as resolved/ }).first();
    const action = await button.locator('xpath=ancestor::form').getAttribute('action');
    return this.submitWith(button, action ?? '');
  }
}
