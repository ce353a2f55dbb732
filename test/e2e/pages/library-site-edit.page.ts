import type { Page } from 'playwright-core';
import { AccountFlowPage } from './account-flow.page.js';

/** Changing one site of a library service: its details and staffed hours, one box a day. */
export class LibrarySiteEditPage extends AccountFlowPage {
  private constructor(page: Page) {
    super(page);
  }

  static async verifyOnPage(page: Page, serviceName: string, siteName: string): Promise<LibrarySiteEditPage> {
    await LibrarySiteEditPage.verifyHeading(page, `${serviceName}\nChange ${siteName}`);
    return new LibrarySiteEditPage(page);
  }

  /** Types a day's hours (`08:00-12:30, 13:30-18:00`, or '' for closed) into its box. */
  async setHours(day: string, hours: string): Promise<void> {
    await this.page.getByRole('group', { name: 'Staffed opening hours' }).getByLabel(day, { exact: true }).fill(hours);
  }

  /** Presses "Save changes"; returns the status of the post. */
  async save(): Promise<number> {
    return this.submitWith(this.page.getByRole('button', { name: 'Save changes' }), new URL(this.page.url()).pathname);
  }
}
