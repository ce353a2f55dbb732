import type { Page } from 'playwright-core';
import { AccountFlowPage } from './account-flow.page.js';

/** The page after signing out, at `/signed-out`. */
export class SignedOutPage extends AccountFlowPage {
  static readonly heading = 'You have signed out';

  private constructor(page: Page) {
    super(page);
  }

  static async verifyOnPage(page: Page): Promise<SignedOutPage> {
    await SignedOutPage.verifyHeading(page, SignedOutPage.heading);
    return new SignedOutPage(page);
  }
}
