import type { Locator, Page } from 'playwright-core';
import { KhubPage, clickAndWaitForNewPage } from './khub.page.js';

/** The home page at `/`: the start-point cards that send people on their way. */
export class HomePage extends KhubPage {
  static readonly heading = 'Evidence and library services for health and care staff';

  /** The cards under "Get started". */
  readonly startPoints: Locator;

  private constructor(page: Page) {
    super(page);
    this.startPoints = page.getByTestId('start-points');
  }

  /** Opens the home page and checks it. */
  static async open(page: Page): Promise<HomePage> {
    await page.goto('/');
    return HomePage.verifyOnPage(page);
  }

  static async verifyOnPage(page: Page): Promise<HomePage> {
    await KhubPage.verifyHeading(page, HomePage.heading);
    return new HomePage(page);
  }

  /** Follows the start-point card whose heading is `title`. */
  async followStartPoint(title: string): Promise<void> {
    await clickAndWaitForNewPage(this.page, this.startPoints.getByRole('link', { name: title }));
  }

  /** How wide the content is against the viewport; wider content means scrolling sideways. */
  async documentWidths(): Promise<{ scrollWidth: number; clientWidth: number }> {
    // String expressions, because the project's TypeScript has no DOM types for a function body.
    return {
      scrollWidth: Number(await this.page.evaluate('document.documentElement.scrollWidth')),
      clientWidth: Number(await this.page.evaluate('document.documentElement.clientWidth')),
    };
  }
}
