import type { Locator, Page } from 'playwright-core';
import { AccountFlowPage } from './account-flow.page.js';
import { clickAndWaitForNewPage } from './khub.page.js';

/** A record's page at `/records/:id`: its fields, MeSH headings (each a search), full-text links and other versions. */
export class RecordPage extends AccountFlowPage {
  readonly headings: Locator;
  readonly otherVersions: Locator;
  readonly abstract: Locator;

  private constructor(page: Page) {
    super(page);
    this.headings = page.getByTestId('headings');
    this.otherVersions = page.getByTestId('other-versions');
    this.abstract = page.getByTestId('abstract');
  }

  static async verifyOnPage(page: Page, title: string): Promise<RecordPage> {
    await RecordPage.verifyHeading(page, title);
    return new RecordPage(page);
  }

  /** The headings as listed, with "Major topic" where it is one. */
  async headingList(): Promise<string[]> {
    return (await this.headings.locator('li').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
  }

  /** The full-text link for an identifier ("DOI", "PubMed ID (PMID)", "PubMed Central (PMCID)"). */
  async identifierLink(label: string): Promise<string | null> {
    const row = this.main.locator('.nhsuk-summary-list__row').filter({ has: this.page.locator('dt', { hasText: label }) });
    return row.getByRole('link').getAttribute('href');
  }

  async followHeading(name: string): Promise<void> {
    await clickAndWaitForNewPage(this.page, this.headings.getByRole('link', { name, exact: true }));
  }

  async openOtherVersion(title: string): Promise<void> {
    await clickAndWaitForNewPage(this.page, this.otherVersions.getByRole('link', { name: title, exact: true }));
  }
}
