import type { Page } from 'playwright-core';
import { AccountFlowPage } from './account-flow.page.js';

/** The NHS.UK 403 page someone sees when they try to change an entry that is not theirs. */
export class LibraryRefusedPage extends AccountFlowPage {
  static readonly heading = 'You do not have permission to see this page';

  private constructor(page: Page) {
    super(page);
  }

  static async verifyOnPage(page: Page): Promise<LibraryRefusedPage> {
    await LibraryRefusedPage.verifyHeading(page, LibraryRefusedPage.heading);
    return new LibraryRefusedPage(page);
  }
}
