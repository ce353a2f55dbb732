import type { Page } from 'playwright-core';
import { AccountFlowPage } from './account-flow.page.js';

/** "Administration" at `/admin`: a card for each area the person's roles cover. */
export class AdminPage extends AccountFlowPage {
  static readonly heading = 'Administration';

  private constructor(page: Page) {
    super(page);
  }

  static async verifyOnPage(page: Page): Promise<AdminPage> {
    await AdminPage.verifyHeading(page, AdminPage.heading);
    return new AdminPage(page);
  }
}
