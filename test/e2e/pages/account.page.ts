import type { Locator, Page } from 'playwright-core';
import { AccountFlowPage } from './account-flow.page.js';

const KHUB_DATE = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London' });

/** A stored ISO timestamp as khub's pages and emails show it: "4 March 2028" (UK time). */
export function khubDate(iso: string): string {
  return KHUB_DATE.format(new Date(iso));
}

/** "Your account" at `/account`: the person's details, status, the date access ends, and what to do next. */
export class AccountPage extends AccountFlowPage {
  static readonly heading = 'Your account';

  /** The prompt shown from 4 weeks before access ends. */
  readonly renewPrompt: Locator;
  /** What a person waiting for approval (or not approved, or suspended) is told. */
  readonly statusMessage: Locator;
  /** The green "Success" banner after a change, such as a new password. */
  readonly successBanner: Locator;

  private constructor(page: Page) {
    super(page);
    this.renewPrompt = page.getByTestId('renew-soon');
    this.statusMessage = page.getByTestId('status-message');
    this.successBanner = page.getByTestId('flash-success');
  }

  static async open(page: Page): Promise<AccountPage> {
    await page.goto('/account');
    return AccountPage.verifyOnPage(page);
  }

  static async verifyOnPage(page: Page): Promise<AccountPage> {
    await AccountPage.verifyHeading(page, AccountPage.heading);
    return new AccountPage(page);
  }

  /** The status tag, for example "Active" or "Waiting for approval". */
  async status(): Promise<string> {
    return (await this.page.getByTestId('account-status').innerText()).trim();
  }

  /** The "Access until" row: a date, or why there is none yet. */
  async accessUntil(): Promise<string> {
    return (await this.summaryList())['Access until'] ?? '';
  }
}
