import type { Download, Locator, Page } from 'playwright-core';
import { AccountFlowPage } from './account-flow.page.js';
import { clickAndWaitForNewPage } from './khub.page.js';

/**
 * Marking results on the search page (their "Select" boxes and the "Mark selected" button) and exporting
 * from it: the parts of `/search` that the marked list adds.
 */
export class MarkingControls {
  readonly markedLink: Locator;

  constructor(private readonly page: Page) {
    this.markedLink = page.getByTestId('marked-link').getByRole('link');
  }

  /** Ticks the results with these titles and presses "Mark selected"; the page reloads where it was. */
  async mark(titles: readonly string[]): Promise<void> {
    for (const title of titles) await this.page.getByRole('checkbox', { name: `Select ${title}`, exact: true }).check();
    await clickAndWaitForNewPage(this.page, this.page.getByRole('button', { name: 'Mark selected', exact: true }));
  }

  /** The number in "Marked (N)". */
  async markedCount(): Promise<number> {
    return Number(/\((\d+)\)/.exec(await this.markedLink.innerText())?.[1]);
  }

  async openMarked(): Promise<MarkedRecordsPage> {
    await clickAndWaitForNewPage(this.page, this.markedLink);
    return MarkedRecordsPage.verifyOnPage(this.page);
  }
}

/** Exports with the form in an "Export" details block: opens it, chooses, and returns the download. */
export async function exportWith(page: Page, choice: { scope?: string; format: string }): Promise<Download> {
  const details = page.getByTestId('export-details');
  if ((await details.getAttribute('open')) === null) await details.locator('summary').click();
  if (choice.scope) await details.getByRole('radio', { name: choice.scope }).check();
  await details.getByRole('radio', { name: choice.format, exact: true }).check();
  const download = page.waitForEvent('download');
  await details.getByRole('button', { name: 'Export' }).click();
  return download;
}

/** `/search/marked`: the marked records, first marked first, with "Remove", "Clear all" and export. */
export class MarkedRecordsPage extends AccountFlowPage {
  static readonly heading = 'Marked records';
  readonly list: Locator;

  private constructor(page: Page) {
    super(page);
    this.list = page.getByTestId('marked-list');
  }

  static async open(page: Page): Promise<MarkedRecordsPage> {
    await page.goto('/search/marked');
    return MarkedRecordsPage.verifyOnPage(page);
  }

  static async verifyOnPage(page: Page): Promise<MarkedRecordsPage> {
    await MarkedRecordsPage.verifyHeading(page, MarkedRecordsPage.heading);
    return new MarkedRecordsPage(page);
  }

  async titles(): Promise<string[]> {
    if ((await this.list.count()) === 0) return [];
    return (await this.list.locator('h2').allInnerTexts()).map((t) => t.trim());
  }

  async remove(title: string): Promise<MarkedRecordsPage> {
    await clickAndWaitForNewPage(this.page, this.list.getByRole('button', { name: `Remove ${title}`, exact: true }));
    return MarkedRecordsPage.verifyOnPage(this.page);
  }

  /** "Clear all marked records", then confirms on the page that asks. */
  async clearAll(): Promise<MarkedRecordsPage> {
    await clickAndWaitForNewPage(this.page, this.main.getByRole('link', { name: 'Clear all marked records' }));
    await MarkedRecordsPage.verifyHeading(this.page, 'Clear your marked records?');
    await clickAndWaitForNewPage(this.page, this.main.getByRole('button', { name: 'Clear all marked records' }));
    return MarkedRecordsPage.verifyOnPage(this.page);
  }

  exportAs(format: string): Promise<Download> {
    return exportWith(this.page, { format });
  }
}
