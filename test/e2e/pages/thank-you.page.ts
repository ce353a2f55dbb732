import type { Page } from 'playwright-core';
import { KhubPage } from './khub.page.js';

/** The confirmation at `/feedback/thank-you` after feedback is sent. */
export class ThankYouPage extends KhubPage {
  static readonly heading = 'Thank you for your feedback';

  private constructor(page: Page) {
    super(page);
  }

  static async verifyOnPage(page: Page): Promise<ThankYouPage> {
    await KhubPage.verifyHeading(page, ThankYouPage.heading);
    return new ThankYouPage(page);
  }
}
