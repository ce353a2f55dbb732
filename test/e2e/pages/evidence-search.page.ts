import type { Locator, Page } from 'playwright-core';
import { AccountFlowPage, pressAndWaitForNewPage } from './account-flow.page.js';
import { clickAndWaitForNewPage } from './khub.page.js';

/** A facet value as the filter list shows it. */
export interface FacetValue {
  readonly label: string;
  readonly count: number;
  readonly selected: boolean;
}

/** "Search the evidence" at `/search`: the search box, the filters beside the results, sorting and pages. */
export class EvidenceSearchPage extends AccountFlowPage {
  static readonly heading = 'Search the evidence';

  readonly form: Locator;
  readonly box: Locator;
  readonly resultCount: Locator;
  readonly results: Locator;
  readonly filters: Locator;
  readonly chosenFilters: Locator;
  readonly problem: Locator;

  private constructor(page: Page) {
    super(page);
    this.form = page.getByRole('search', { name: 'Search the evidence' });
    this.box = this.form.getByLabel('Search for');
    this.resultCount = page.getByTestId('result-count');
    this.results = page.getByTestId('results');
    this.filters = page.getByRole('navigation', { name: 'Filter results' });
    this.chosenFilters = page.getByTestId('chosen-filters');
    this.problem = page.getByTestId('search-problem');
  }

  static async open(page: Page, path = '/search'): Promise<EvidenceSearchPage> {
    await page.goto(path);
    return EvidenceSearchPage.verifyOnPage(page);
  }

  static async verifyOnPage(page: Page): Promise<EvidenceSearchPage> {
    await EvidenceSearchPage.verifyHeading(page, EvidenceSearchPage.heading);
    return new EvidenceSearchPage(page);
  }

  /** Types a search into the box and presses Search (or Enter in the box, as a keyboard user would); returns the page's status. */
  async search(text: string, how: 'click' | 'keyboard' = 'click'): Promise<number> {
    await this.box.fill(text);
    const answered = this.page.waitForResponse((r) => new URL(r.url()).pathname === '/search' && r.request().method() === 'GET');
    if (how === 'keyboard') await pressAndWaitForNewPage(this.page, this.box);
    else await clickAndWaitForNewPage(this.page, this.form.getByRole('button', { name: 'Search' }));
    return (await answered).status();
  }

  /** "12 results". */
  async count(): Promise<string> {
    return (await this.resultCount.innerText()).trim();
  }

  /** The results' titles, in the order shown. */
  async titles(): Promise<string[]> {
    if ((await this.results.count()) === 0) return [];
    return (await this.results.locator(':scope > li h3').allInnerTexts()).map((t) => t.trim());
  }

  /** The marked words of the results' titles and snippets. */
  async markedWords(): Promise<string[]> {
    return (await this.results.locator('mark').allInnerTexts()).map((t) => t.trim());
  }

  /** The values one kind of filter lists ("Publication type", "Language" …); a chosen value's link says "Remove filter". */
  async facet(title: string): Promise<FacetValue[]> {
    const items = await this.facetList(title).locator('li').allInnerTexts();
    return items.map((text) => {
      const clean = text.replace(/\s+/g, ' ').trim();
      const selected = clean.startsWith('Remove filter: ');
      const parts = /^(?:Remove filter: )?(?:✓ )?(.*?) \(([\d,]+)\)$/.exec(clean);
      return { label: parts?.[1] ?? clean, count: Number(parts?.[2]?.replace(/,/g, '')), selected };
    });
  }

  private facetList(title: string): Locator {
    return this.filters.getByRole('heading', { name: title, exact: true }).locator('xpath=following-sibling::ul[1]');
  }

  /** Chooses (or, when chosen, removes) one value of a filter by its label. */
  async toggleFacet(title: string, label: string): Promise<void> {
    await clickAndWaitForNewPage(this.page, this.facetList(title).getByRole('link', { name: new RegExp(`^(Remove filter: )?(✓ )?${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`) }));
  }

  /** The chosen filters shown above the results ("Publication type: Review"). */
  async chosen(): Promise<string[]> {
    if ((await this.chosenFilters.count()) === 0) return [];
    const links = await this.chosenFilters.getByRole('link', { name: /^Remove filter / }).allInnerTexts();
    return links.map((t) => t.replace(/^Remove\s+filter\s+/, '').replace(/\s*✕$/, '').replace(/\s+/g, ' ').trim());
  }

  /** Removes a chosen filter from the list above the results. */
  async removeFilter(text: string): Promise<void> {
    await clickAndWaitForNewPage(this.page, this.chosenFilters.getByRole('link', { name: `Remove filter ${text}` }));
  }

  async sortBy(text: 'Best match' | 'Newest first'): Promise<void> {
    await clickAndWaitForNewPage(this.page, this.main.getByTestId('sort').getByRole('link', { name: text }));
  }

  /** Follows a pagination link: "Next", "Previous" or a page number. */
  async goToPage(name: 'Next' | 'Previous' | number): Promise<void> {
    const pagination = this.main.getByRole('navigation', { name: 'Pagination', exact: true });
    const link = typeof name === 'number' ? pagination.getByRole('link', { name: `Page ${name}`, exact: true }) : pagination.getByRole('link', { name: new RegExp(`^${name}`) });
    await clickAndWaitForNewPage(this.page, link);
  }

  async openResult(title: string): Promise<void> {
    await clickAndWaitForNewPage(this.page, this.results.getByRole('link', { name: title, exact: true }));
  }
}
