import type { Locator, Page } from 'playwright-core';
import { KhubPage } from './khub.page.js';

/** The NHS-style 404 page shown for any path khub does not know. */
export class NotFoundPage extends KhubPage {
  static readonly heading = 'Page not found';

  /** The NHS.UK header, whose colour shows the stylesheet loaded. */
  readonly header: Locator;

  private constructor(page: Page) {
    super(page);
    this.header = page.locator('header.nhsuk-header');
  }

  static async verifyOnPage(page: Page): Promise<NotFoundPage> {
    await KhubPage.verifyHeading(page, NotFoundPage.heading);
    return new NotFoundPage(page);
  }

  /** The header's computed background colour, for example `rgb(0, 94, 184)` when nhsuk-frontend styles it. */
  async headerBackground(): Promise<string> {
    // A string expression, because the project's TypeScript has no DOM types for a function body.
    return String(await this.page.evaluate(`getComputedStyle(document.querySelector('header.nhsuk-header')).backgroundColor`));
  }
}
