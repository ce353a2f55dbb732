import type { Page } from 'playwright-core';
import { AccountFlowPage } from './account-flow.page.js';

/** After confirming an address the organisation does not recognise (`/register/complete`): a join request was sent. */
export class RequestSentPage extends AccountFlowPage {
  static readonly heading = 'Your request has been sent';

  private constructor(page: Page) {
    super(page);
  }

  static async verifyOnPage(page: Page): Promise<RequestSentPage> {
    await RequestSentPage.verifyHeading(page, RequestSentPage.heading);
    return new RequestSentPage(page);
  }
}
