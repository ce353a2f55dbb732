import type { Page } from 'playwright-core';
import { AccountFlowPage } from './account-flow.page.js';

/** "Check your email", after registering (`/register/check-email`) or asking for a password reset link. */
export class CheckEmailPage extends AccountFlowPage {
  static readonly heading = 'Check your email';

  private constructor(page: Page) {
    super(page);
  }

  static async verifyOnPage(page: Page): Promise<CheckEmailPage> {
    await CheckEmailPage.verifyHeading(page, CheckEmailPage.heading);
    return new CheckEmailPage(page);
  }

  /** The address the page says it wrote to (shown in bold on both versions of the page). */
  async sentTo(): Promise<string> {
    return (await this.main.locator('strong').first().innerText()).trim();
  }
}
