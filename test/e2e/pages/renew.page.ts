import type { Locator, Page } from 'playwright-core';
import { AccountFlowPage } from './account-flow.page.js';

/** "Renew your khub account" at `/account/renew`, signed in or from the emailed renewal link. */
export class RenewPage extends AccountFlowPage {
  static readonly heading = 'Renew your khub account';

  /** The paragraph under the heading: whose account, and when it ends or ended. */
  readonly introduction: Locator;

  private constructor(page: Page) {
    super(page);
    this.introduction = this.main.locator('h1 + p');
  }

  static async verifyOnPage(page: Page): Promise<RenewPage> {
    await RenewPage.verifyHeading(page, RenewPage.heading);
    return new RenewPage(page);
  }

  /** Ticks the eligibility declaration with the space bar and presses "Renew account"; returns the status of the post. */
  async confirmAndRenew(): Promise<number> {
    await this.page.getByRole('checkbox', { name: /^I work for, or am placed with/ }).press('Space');
    return this.submitWith(this.page.getByRole('button', { name: 'Renew account' }), '/account/renew');
  }
}
