import type { Page } from 'playwright-core';
import { AccountFlowPage } from './account-flow.page.js';

/** Changing a library service's own details, services offered and contacts. */
export class LibraryEditPage extends AccountFlowPage {
  private constructor(page: Page) {
    super(page);
  }

  static async verifyOnPage(page: Page, serviceName: string): Promise<LibraryEditPage> {
    await LibraryEditPage.verifyHeading(page, `${serviceName}\nChange the service’s details`);
    return new LibraryEditPage(page);
  }

  /** Ticks or unticks a service offered by its label. */
  async setOffered(label: string, offered: boolean): Promise<void> {
    await this.page.getByRole('group', { name: 'Services offered' }).getByLabel(label, { exact: true }).setChecked(offered);
  }

  /** Presses "Save changes"; returns the status of the post. */
  async save(): Promise<number> {
    return this.submitWith(this.page.getByRole('button', { name: 'Save changes' }), new URL(this.page.url()).pathname);
  }
}
