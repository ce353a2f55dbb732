import type { Page } from 'playwright-core';
import { AccountFlowPage } from './account-flow.page.js';

/** One join request (`/admin/join-requests/:id`): who is asking, and the four decisions. */
export class JoinRequestPage extends AccountFlowPage {
  private constructor(page: Page) {
    super(page);
  }

  static async verifyOnPage(page: Page, personName: string): Promise<JoinRequestPage> {
    await JoinRequestPage.verifyHeading(page, `Request from ${personName}`);
    return new JoinRequestPage(page);
  }

  /** Presses "Approve request"; returns the status of the post. */
  async approve(): Promise<number> {
    const path = `${new URL(this.page.url()).pathname}/approve`;
    return this.submitWith(this.page.getByRole('button', { name: 'Approve request' }), path);
  }
}
