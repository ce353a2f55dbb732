import assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import { expectAccessible } from '../../helpers/browser.js';
import { KhubPage, clickAndWaitForNewPage } from './khub.page.js';

/**
 * What the accounts pages share: links in the main content, the NHS.UK error summary and per-field
 * messages, and submitting a form by its button while reading the status the server answered with.
 */
export abstract class AccountFlowPage extends KhubPage {
  readonly errorSummary: Locator;

  protected constructor(page: Page) {
    super(page);
    this.errorSummary = page.locator('.nhsuk-error-summary');
  }

  /** Follows a link in the page's main content by its text. */
  async followLink(text: string): Promise<void> {
    await clickAndWaitForNewPage(this.page, this.main.getByRole('link', { name: text, exact: true }));
  }

  /** The page's first NHS.UK summary list as key → value text, for example `{ Name: …, Status: … }` (no "Change" links). */
  async summaryList(): Promise<Record<string, string>> {
    const rows = await this.main.locator('.nhsuk-summary-list').first().locator('.nhsuk-summary-list__row').all();
    const entries = await Promise.all(
      rows.map(async (row) => [
        (await row.locator('.nhsuk-summary-list__key').innerText()).trim(),
        (await row.locator('.nhsuk-summary-list__value').innerText()).replace(/\s+/g, ' ').trim(),
      ]),
    );
    return Object.fromEntries(entries);
  }

  /**
   * Checks the page shows a rejected form the NHS.UK way ("Error:" in the title, the summary shown and
   * focused so it is read out first), runs axe again, and returns the summary's messages.
   */
  async expectErrors(): Promise<string[]> {
    assert.match(await this.page.title(), /^Error: /, 'the title starts with "Error:" so screen readers hear it first');
    assert.ok(await this.errorSummary.isVisible(), 'the error summary is shown');
    assert.ok(await this.isFocused(this.errorSummary), 'the error summary has focus');
    await expectAccessible(this.page);
    const links = await this.errorSummary.getByRole('link').all();
    return Promise.all(links.map(async (link) => (await link.innerText()).trim()));
  }

  /** The message beside one field, as a screen reader reads it ("Error: …"). */
  async fieldError(id: string): Promise<string> {
    return (await this.page.locator(`#${id}-error`).innerText()).replace(/\s+/g, ' ').trim();
  }

  /**
   * Submits a form from `target`: a click on its button, or (as a keyboard user would) Enter pressed on its
   * button or in one of its fields. Waits for the page that comes back and returns the status of the POST to `path`.
   */
  protected async submitWith(target: Locator, path: string, how: 'click' | 'keyboard' = 'click'): Promise<number> {
    const posted = this.page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === path);
    if (how === 'keyboard') await pressAndWaitForNewPage(this.page, target);
    else await clickAndWaitForNewPage(this.page, target);
    return (await posted).status();
  }
}

/** Gives `target` keyboard focus and presses `key` (Enter submits a form from any of its fields), then waits for the new page. */
export async function pressAndWaitForNewPage(page: Page, target: Locator, key = 'Enter'): Promise<void> {
  const navigated = page.waitForEvent('framenavigated', (frame) => frame === page.mainFrame());
  await target.press(key);
  await navigated;
  await page.waitForLoadState('load');
}
