import type { Page } from 'playwright-core';
import { AccountFlowPage } from './account-flow.page.js';

/** After confirming an address that proves membership of the organisation (`/register/complete`): approved at once. */
export class AccountReadyPage extends AccountFlowPage {
  static readonly heading = 'Your khub account is ready';

  private constructor(page: Page) {
    super(page);
  }

  static async verifyOnPage(page: Page): Promise<AccountReadyPage> {
    await AccountReadyPage.verifyHeading(page, AccountReadyPage.heading);
    return new AccountReadyPage(page);
  }
}
