import type { Locator, Page } from 'playwright-core';
import { expectAccessible } from '../../helpers/browser.js';
import { AccountFlowPage } from './account-flow.page.js';
import { clickAndWaitForNewPage } from './khub.page.js';

/** "Save this search or create an alert" above the results: opens the details and saves with a name and frequency. */
export class SaveSearchForm {
  readonly details: Locator;

  constructor(readonly page: Page) {
    this.details = page.getByTestId('save-search');
  }

  /** Opens the form with the keyboard, fills it in and saves; returns the status of the POST. */
  async save(name: string, frequency: 'Never (just save the search)' | 'Daily' | 'Weekly' | 'Monthly'): Promise<number> {
    const summary = this.details.locator('summary', { hasText: 'Save this search or create an alert' });
    await summary.focus();
    await this.page.keyboard.press('Enter');
    await expectAccessible(this.page);
    await this.details.getByLabel('Name').fill(name);
    await this.details.getByRole('radio', { name: frequency, exact: true }).check();
    const posted = this.page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/search/alerts');
    await clickAndWaitForNewPage(this.page, this.details.getByRole('button', { name: 'Save search' }));
    return (await posted).status();
  }
}

/** `/search/alerts`: the member's saved searches, each a card with its details and forms. */
export class SavedSearchesPage extends AccountFlowPage {
  static readonly heading = 'Your saved searches and alerts';

  private constructor(page: Page) {
    super(page);
  }

  static async open(page: Page): Promise<SavedSearchesPage> {
    await page.goto('/search/alerts');
    return SavedSearchesPage.verifyOnPage(page);
  }

  static async verifyOnPage(page: Page): Promise<SavedSearchesPage> {
    await SavedSearchesPage.verifyHeading(page, SavedSearchesPage.heading);
    return new SavedSearchesPage(page);
  }

  /** The saved searches' names, in page order. */
  async names(): Promise<string[]> {
    return (await this.main.getByTestId('saved-search').locator('h2').allInnerTexts()).map((name) => name.trim());
  }

  /** One saved search's details as key → value text. */
  async details(name: string): Promise<Record<string, string>> {
    const card = this.card(name);
    const rows = await card.locator('.nhsuk-summary-list__row').all();
    const entries = await Promise.all(rows.map(async (row) => [(await row.locator('.nhsuk-summary-list__key').innerText()).trim(), (await row.locator('.nhsuk-summary-list__value').innerText()).replace(/\s+/g, ' ').trim()]));
    return Object.fromEntries(entries);
  }

  /** "Run now" for one saved search: its page with what is new. */
  async runNow(name: string): Promise<void> {
    await clickAndWaitForNewPage(this.page, this.card(name).getByRole('link', { name: /^Run now\b/ }));
  }

  private card(name: string): Locator {
    return this.main.getByTestId('saved-search').filter({ has: this.page.getByRole('heading', { name, exact: true }) });
  }
}

/** `/search/alerts/{id}`: one saved search and the records added since its last alert. */
export class SavedSearchPage extends AccountFlowPage {
  readonly newCount: Locator;
  readonly results: Locator;

  private constructor(page: Page) {
    super(page);
    this.newCount = page.getByTestId('new-count');
    this.results = page.getByTestId('results');
  }

  static async verifyOnPage(page: Page, name: string): Promise<SavedSearchPage> {
    await SavedSearchPage.verifyHeading(page, `Saved search\n${name}`);
    return new SavedSearchPage(page);
  }

  async titles(): Promise<string[]> {
    return (await this.results.locator('h3').allInnerTexts()).map((title) => title.trim());
  }
}

/** The unsubscribe link's pages: confirm, then done. */
export class AlertUnsubscribePage extends AccountFlowPage {
  private constructor(page: Page) {
    super(page);
  }

  static async verifyOnPage(page: Page, heading: 'Stop this alert?' | 'Alert stopped' | 'This unsubscribe link does not work'): Promise<AlertUnsubscribePage> {
    await AlertUnsubscribePage.verifyHeading(page, heading);
    return new AlertUnsubscribePage(page);
  }

  /** Presses "Stop these emails"; returns the status of the POST. */
  async stopEmails(): Promise<number> {
    return this.submitWith(this.main.getByRole('button', { name: 'Stop these emails' }), '/search/alerts/unsubscribe');
  }
}
