import type { Page } from 'playwright-core';
import { AccountFlowPage } from './account-flow.page.js';

/** "Your account has been renewed" at `/account/renewed`, with the new date access ends. */
export class RenewedPage extends AccountFlowPage {
  static readonly heading = 'Your account has been renewed';

  private constructor(page: Page) {
    super(page);
  }

  static async verifyOnPage(page: Page): Promise<RenewedPage> {
    await RenewedPage.verifyHeading(page, RenewedPage.heading);
    return new RenewedPage(page);
  }

  /** The panel's text, for example "Your access now lasts until 4 March 2028." */
  async message(): Promise<string> {
    return (await this.page.locator('.nhsuk-panel__body').innerText()).trim();
  }
}
