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

  /** The form for a new site of the service. */
  static async verifyAddPage(page: Page, serviceName: string): Promise<LibrarySiteEditPage> {
    await LibrarySiteEditPage.verifyHeading(page, `${serviceName}\nAdd a site`);
    return new LibrarySiteEditPage(page);
  }

  /** Types into a box by its label ("Site name", "Postcode (optional)", …). */
  async fill(label: string, value: string): Promise<void> {
    await this.main.getByLabel(label, { exact: true }).fill(value);
  }

  /** Types a day's hours (`08:00-12:30, 13:30-18:00`, or '' for closed) into its box. */
  async setHours(day: string, hours: string): Promise<void> {
    await this.page.getByRole('group', { name: 'Staffed opening hours' }).getByLabel(day, { exact: true }).fill(hours);
  }

  /** Presses "Save changes" (or, on a new site, "Add site"); returns the status of the post. */
  async save(button: 'Save changes' | 'Add site' = 'Save changes'): Promise<number> {
    return this.submitWith(this.page.getByRole('button', { name: button }), new URL(this.page.url()).pathname);
  }
}
