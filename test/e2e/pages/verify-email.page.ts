import type { Page } from 'playwright-core';
import { AccountFlowPage } from './account-flow.page.js';

/** The page the emailed link opens (`/verify-email?token=…`): the registration's details and a confirm button. */
export class VerifyEmailPage extends AccountFlowPage {
  static readonly heading = 'Confirm your email address';

  private constructor(page: Page) {
    super(page);
  }

  static async verifyOnPage(page: Page): Promise<VerifyEmailPage> {
    await VerifyEmailPage.verifyHeading(page, VerifyEmailPage.heading);
    return new VerifyEmailPage(page);
  }

  /** Presses "Confirm email address" with the keyboard; returns the status of the post. */
  async confirm(): Promise<number> {
    return this.submitWith(this.page.getByRole('button', { name: 'Confirm email address' }), '/verify-email', 'keyboard');
  }
}
