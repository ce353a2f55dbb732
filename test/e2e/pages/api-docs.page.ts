import type { Page } from 'playwright-core';
import { KhubPage } from './khub.page.js';

/** The human-readable API documentation at `/api/v1/docs`. */
export class ApiDocsPage extends KhubPage {
  static readonly heading = 'khub API';

  private constructor(page: Page) {
    super(page);
  }

  static async verifyOnPage(page: Page): Promise<ApiDocsPage> {
    await KhubPage.verifyHeading(page, ApiDocsPage.heading);
    return new ApiDocsPage(page);
  }
}
