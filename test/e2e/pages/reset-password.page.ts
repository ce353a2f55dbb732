import type { Page } from 'playwright-core';
import { AccountFlowPage } from './account-flow.page.js';

/** "Choose a new password", opened from the emailed reset link (`/reset-password?token=…`). */
export class ResetPasswordPage extends AccountFlowPage {
  static readonly heading = 'Choose a new password';

  private constructor(page: Page) {
    super(page);
  }

  static async verifyOnPage(page: Page): Promise<ResetPasswordPage> {
    await ResetPasswordPage.verifyHeading(page, ResetPasswordPage.heading);
    return new ResetPasswordPage(page);
  }

  /** Types the password in both boxes and presses "Change password"; returns the status of the post. */
  async choose(password: string): Promise<number> {
    await this.page.getByLabel('New password', { exact: true }).fill(password);
    await this.page.getByLabel('Confirm new password', { exact: true }).fill(password);
    return this.submitWith(this.page.getByRole('button', { name: 'Change password' }), '/reset-password');
  }
}
