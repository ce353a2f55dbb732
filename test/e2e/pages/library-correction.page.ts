import type { Page } from 'playwright-core';
import { AccountFlowPage } from './account-flow.page.js';

/** "Report a correction" for one library entry, and the confirmation after it. */
export class LibraryCorrectionPage extends AccountFlowPage {
  private constructor(page: Page) {
    super(page);
  }

  static async verifyOnPage(page: Page, serviceName: string): Promise<LibraryCorrectionPage> {
    await LibraryCorrectionPage.verifyHeading(page, `${serviceName}\nReport a correction`);
    return new LibraryCorrectionPage(page);
  }

  async fillIn(answers: { details: string; email?: string }): Promise<void> {
    await this.page.getByLabel('What is wrong?').fill(answers.details);
    if (answers.email !== undefined) await this.page.getByLabel('Your email address (optional)').fill(answers.email);
  }

  /** Presses "Send correction"; returns the status of the post. */
  async send(): Promise<number> {
    return this.submitWith(this.page.getByRole('button', { name: 'Send correction' }), new URL(this.page.url()).pathname);
  }
}

/** The confirmation that a correction was sent. */
export class LibraryCorrectionSentPage extends AccountFlowPage {
  static readonly heading = 'Correction sent';

  private constructor(page: Page) {
    super(page);
  }

  static async verifyOnPage(page: Page): Promise<LibraryCorrectionSentPage> {
    await LibraryCorrectionSentPage.verifyHeading(page, LibraryCorrectionSentPage.heading);
    return new LibraryCorrectionSentPage(page);
  }
}
