import type { Locator, Page } from 'playwright-core';
import { AccountFlowPage } from './account-flow.page.js';

/** The join-request queue at `/admin/join-requests`, for every organisation the admin looks after or just one. */
export class JoinRequestsPage extends AccountFlowPage {
  /** The table of requests waiting, one row each. */
  readonly requests: Locator;
  /** The green banner confirming the last decision. */
  readonly notice: Locator;
  /** "There are no requests waiting for a decision." */
  readonly empty: Locator;

  private constructor(page: Page) {
    super(page);
    this.requests = page.getByTestId('join-requests');
    this.notice = page.locator('.nhsuk-notification-banner--success');
    this.empty = page.getByTestId('no-requests');
  }

  /** Checks the queue is shown: for one organisation when `organisationName` is given (as after a decision), else for all. */
  static async verifyOnPage(page: Page, organisationName?: string): Promise<JoinRequestsPage> {
    await JoinRequestsPage.verifyHeading(page, organisationName ? `Join requests for ${organisationName}` : 'Join requests');
    return new JoinRequestsPage(page);
  }
}
