import type { Page } from 'playwright-core';
import { KhubPage } from './khub.page.js';

/** The accessibility statement at `/accessibility`. */
export class AccessibilityStatementPage extends KhubPage {
  static readonly heading = 'Accessibility statement';

  private constructor(page: Page) {
    super(page);
  }

  static async verifyOnPage(page: Page): Promise<AccessibilityStatementPage> {
    await KhubPage.verifyHeading(page, AccessibilityStatementPage.heading);
    return new AccessibilityStatementPage(page);
  }
}
