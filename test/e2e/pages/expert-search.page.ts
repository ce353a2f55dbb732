import type { Locator, Page } from 'playwright-core';
import { AccountFlowPage, pressAndWaitForNewPage } from './account-flow.page.js';

/** A history line as the table shows it. */
export interface ExpertLine {
  readonly number: number;
  readonly text: string;
  readonly hits: number | null;
}

/** Expert search at `/search/advanced`: the line box, the numbered history, combining, pasting a strategy. Keyboard only. */
export class ExpertSearchPage extends AccountFlowPage {
  static readonly heading = 'Expert search';
  readonly box: Locator;
  readonly history: Locator;
  readonly tools: Locator;

  private constructor(page: Page) {
    super(page);
    this.box = page.getByLabel('Search line');
    this.history = page.getByTestId('history');
    this.tools = page.getByRole('navigation', { name: 'Expert search tools' });
  }

  static async open(page: Page): Promise<ExpertSearchPage> {
    await page.goto('/search/advanced');
    return ExpertSearchPage.verifyOnPage(page);
  }

  static async verifyOnPage(page: Page): Promise<ExpertSearchPage> {
    await ExpertSearchPage.verifyHeading(page, ExpertSearchPage.heading);
    return new ExpertSearchPage(page);
  }

  /** Types a line and presses Enter; returns the POST's status. */
  async run(text: string): Promise<number> {
    await this.box.fill('');
    await this.box.pressSequentially(text);
    return this.submitWith(this.box, '/search/advanced/lines', 'keyboard');
  }

  async lines(): Promise<ExpertLine[]> {
    const rows = await this.history.getByTestId('history-line').all();
    return Promise.all(
      rows.map(async (row) => {
        const hits = (await row.getByTestId('line-hits').innerText()).trim();
        return {
          number: Number(await row.getAttribute('data-line')),
          text: (await row.getByTestId('line-text').innerText()).trim(),
          hits: hits === '–' ? null : Number(hits.replace(/,/g, '')),
        };
      }),
    );
  }

  /** Ticks the lines with the space bar, then presses the combine button with Enter. */
  async combine(numbers: readonly number[], operator: 'AND' | 'OR'): Promise<number> {
    for (const n of numbers) await this.page.getByRole('checkbox', { name: `Select line #${n}` }).press('Space');
    return this.submitWith(this.page.getByRole('button', { name: `Combine with ${operator}` }), '/search/advanced/combine', 'keyboard');
  }

  /** Follows one of the expert search tools' links with Enter. */
  async goTo(tool: string): Promise<void> {
    await pressAndWaitForNewPage(this.page, this.tools.getByRole('link', { name: tool, exact: true }));
  }

  /** "View results" of a line, with Enter. */
  async viewResults(number: number): Promise<void> {
    await pressAndWaitForNewPage(this.page, this.page.getByRole('link', { name: `View results of line ${number}` }));
  }

  async banner(): Promise<string> {
    return (await this.page.locator('.nhsuk-notification-banner').innerText()).replace(/\s+/g, ' ').trim();
  }
}

/** "Find a MeSH heading" at `/search/advanced/mesh`. */
export class ExpertMeshPage extends AccountFlowPage {
  static readonly heading = 'Expert search\nFind a MeSH heading';

  static async verifyOnPage(page: Page): Promise<ExpertMeshPage> {
    await ExpertMeshPage.verifyHeading(page, ExpertMeshPage.heading);
    return new ExpertMeshPage(page);
  }

  async find(term: string): Promise<void> {
    const box = this.page.getByLabel('Word or phrase');
    await box.pressSequentially(term);
    await pressAndWaitForNewPage(this.page, box);
    await ExpertMeshPage.verifyOnPage(this.page);
  }

  async headings(): Promise<string[]> {
    return (await this.page.getByTestId('mesh-heading').getByRole('heading').allInnerTexts()).map((s) => s.trim());
  }

  /** Sets a heading's options with the space bar and adds it to the history with Enter. */
  async add(name: string, options: { explode: boolean; major: boolean }): Promise<number> {
    const card = this.page.getByTestId('mesh-heading').filter({ has: this.page.getByRole('heading', { name, exact: true }) });
    const explode = card.getByRole('checkbox', { name: /^Explode/ });
    if ((await explode.isChecked()) !== options.explode) await explode.press('Space');
    const major = card.getByRole('checkbox', { name: 'Major topic only' });
    if ((await major.isChecked()) !== options.major) await major.press('Space');
    return this.submitWith(card.getByRole('button', { name: 'Add to history' }), '/search/advanced/mesh', 'keyboard');
  }
}

/** The limits panel at `/search/advanced/limits`. */
export class ExpertLimitsPage extends AccountFlowPage {
  static readonly heading = 'Expert search\nLimits';

  static async verifyOnPage(page: Page): Promise<ExpertLimitsPage> {
    await ExpertLimitsPage.verifyHeading(page, ExpertLimitsPage.heading);
    return new ExpertLimitsPage(page);
  }

  /** Chooses by typing into each field, as a keyboard user does, then presses Enter on the button. */
  async limit(line: number, choices: { yearFrom?: string; yearTo?: string; language?: string; humans?: boolean }): Promise<number> {
    await this.page.getByLabel('Line to limit').focus();
    await this.page.keyboard.type(`#${line}`);
    if (choices.yearFrom) await this.page.getByLabel('From').pressSequentially(choices.yearFrom);
    if (choices.yearTo) await this.page.getByLabel('To', { exact: true }).pressSequentially(choices.yearTo);
    if (choices.language) {
      await this.page.getByLabel('Language').focus();
      await this.page.keyboard.type(choices.language);
    }
    if (choices.humans) await this.page.getByRole('checkbox', { name: 'Humans' }).press('Space');
    return this.submitWith(this.page.getByRole('button', { name: 'Add limited line' }), '/search/advanced/limits', 'keyboard');
  }
}

/** The printable strategy report at `/search/advanced/report`. */
export class ExpertReportPage extends AccountFlowPage {
  static readonly heading = 'Expert search\nSearch strategy report';

  static async verifyOnPage(page: Page): Promise<ExpertReportPage> {
    await ExpertReportPage.verifyHeading(page, ExpertReportPage.heading);
    return new ExpertReportPage(page);
  }

  async database(): Promise<string> {
    return (await this.page.getByTestId('report-database').innerText()).trim();
  }

  async rows(): Promise<string[]> {
    return (await this.page.getByTestId('report-line').allInnerTexts()).map((s) => s.replace(/\s+/g, ' ').trim());
  }
}

/** The other expert search pages (edit a line, clear, MeSH tree, saved strategies), checked by their heading. */
export class ExpertToolPage extends AccountFlowPage {
  static async verifyOnPage(page: Page, heading: string): Promise<ExpertToolPage> {
    await ExpertToolPage.verifyHeading(page, heading);
    return new ExpertToolPage(page);
  }

  /** Presses Enter on a button and returns the status of its POST to `path`. */
  async press(button: string, path: string): Promise<number> {
    return this.submitWith(this.page.getByRole('button', { name: button }), path, 'keyboard');
  }

  /** Follows a link with Enter (the first, when a heading is listed under each of its tree places). */
  async follow(name: string): Promise<void> {
    await pressAndWaitForNewPage(this.page, this.page.getByRole('link', { name, exact: true }).first());
  }

  /** Types into a field (emptied first) and presses Enter in it; returns the status of the POST to `path`. */
  async typeAndSubmit(label: string, text: string, path: string): Promise<number> {
    const field = this.page.getByLabel(label, { exact: true });
    await field.fill('');
    await field.pressSequentially(text);
    return this.submitWith(field, path, 'keyboard');
  }
}
