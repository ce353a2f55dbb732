import type { Locator, Page } from 'playwright-core';
import { AccountFlowPage } from './account-flow.page.js';
import { clickAndWaitForNewPage } from './khub.page.js';

/** What a person fills in on the finder; drop-downs are chosen by their visible text. */
export interface LibrarySearchAnswers {
  readonly near?: string;
  /** For example "Within 25 miles". */
  readonly distance?: string;
  readonly keyword?: string;
  /** For example "Northern Care Alliance (RM3)". */
  readonly organisation?: string;
  readonly county?: string;
  readonly region?: string;
  readonly service?: string;
}

/** One result as the list shows it. */
export interface LibraryResult {
  readonly name: string;
  /** "1.0 mile (1.6 km) away – Cairns Library, …" when searching near a postcode. */
  readonly distance: string | undefined;
}

/** "Find a library" at `/libraries`: the search form beside the results. */
export class LibraryFinderPage extends AccountFlowPage {
  static readonly heading = 'Find a library';

  readonly form: Locator;
  readonly resultCount: Locator;
  readonly results: Locator;

  private constructor(page: Page) {
    super(page);
    this.form = page.getByRole('search', { name: 'Find a library' });
    this.resultCount = page.getByTestId('result-count');
    this.results = page.getByTestId('results');
  }

  static async open(page: Page): Promise<LibraryFinderPage> {
    await page.goto('/libraries');
    return LibraryFinderPage.verifyOnPage(page);
  }

  static async verifyOnPage(page: Page): Promise<LibraryFinderPage> {
    await LibraryFinderPage.verifyHeading(page, LibraryFinderPage.heading);
    return new LibraryFinderPage(page);
  }

  /** Fills in the form as given (everything else left as it is), presses Search and returns the status of the page that comes back. */
  async search(answers: LibrarySearchAnswers): Promise<number> {
    const choose = async (label: string, option: string | undefined) => {
      if (option !== undefined) await this.form.getByLabel(label, { exact: true }).selectOption({ label: option });
    };
    if (answers.near !== undefined) await this.form.getByLabel('Near a postcode').fill(answers.near);
    if (answers.keyword !== undefined) await this.form.getByLabel('Name or keyword').fill(answers.keyword);
    await choose('Distance', answers.distance);
    await choose('Organisation it serves', answers.organisation);
    await choose('County', answers.county);
    await choose('NHS region', answers.region);
    await choose('Service offered', answers.service);
    const answered = this.page.waitForResponse((r) => r.request().method() === 'GET' && new URL(r.url()).pathname === '/libraries');
    await clickAndWaitForNewPage(this.page, this.form.getByRole('button', { name: 'Search' }));
    return (await answered).status();
  }

  /** The results in the order shown. */
  async resultList(): Promise<LibraryResult[]> {
    if ((await this.results.count()) === 0) return [];
    const items = await this.results.locator(':scope > li').all();
    return Promise.all(
      items.map(async (item) => {
        const distance = item.getByTestId('distance');
        return {
          name: (await item.getByRole('heading').innerText()).trim(),
          distance: (await distance.count()) > 0 ? (await distance.innerText()).replace(/\s+/g, ' ').trim() : undefined,
        };
      }),
    );
  }

  /** Opens a result by its name. */
  async openResult(name: string): Promise<void> {
    await clickAndWaitForNewPage(this.page, this.results.getByRole('link', { name, exact: true }));
  }
}
