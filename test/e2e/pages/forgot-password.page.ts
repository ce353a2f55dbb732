import type { Page } from 'playwright-core';
import { AccountFlowPage } from './account-flow.page.js';

/** "Reset your password" at `/forgot-password`: asks for the address to send a reset link to. */
export class ForgotPasswordPage extends AccountFlowPage {
  static readonly heading = 'Reset your password';

  private constructor(page: Page) {
    super(page);
  }

  static async verifyOnPage(page: Page): Promise<ForgotPasswordPage> {
    await ForgotPasswordPage.verifyHeading(page, ForgotPasswordPage.heading);
    return new ForgotPasswordPage(page);
  }

  /** Types the address and presses "Send reset link"; returns the status of the post. */
  async requestLink(email: string): Promise<number> {
    await this.page.getByLabel('Email address', { exact: true }).fill(email);
    return this.submitWith(this.page.getByRole('button', { name: 'Send reset link' }), '/forgot-password');
  }
}
