import assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import { expectAccessible } from '../../helpers/browser.js';

/**
 * What every khub page shares: the NHS.UK skip link, header and footer. Each page object extends it
 * with a private constructor and a `static async verifyOnPage(page)` that checks the h1 and runs axe,
 * so a journey cannot reach a page object without proving it is on that page and that it is accessible.
 */
export abstract class KhubPage {
  /** The first thing a keyboard user reaches. */
  readonly skipLink: Locator;
  /** The page's one main landmark, the skip link's target. */
  readonly main: Locator;
  readonly footer: Locator;

  protected constructor(readonly page: Page) {
    this.skipLink = page.getByRole('link', { name: 'Skip to main content' });
    this.main = page.locator('main#maincontent');
    this.footer = page.getByRole('contentinfo');
  }

  /** Waits for the page to load, then checks it has exactly one h1 with this text, then runs axe. */
  protected static async verifyHeading(page: Page, heading: string): Promise<void> {
    // Pages are rendered on the server, so once loaded the h1 is there or never will be.
    await page.waitForLoadState('load');
    const h1 = page.locator('h1');
    const count = await h1.count();
    if (count !== 1) {
      const text = (await page.locator('body').innerText()).replace(/\s+/g, ' ').slice(0, 300);
      assert.fail(`expected one h1 "${heading}" on ${page.url()} but found ${count}; the page says: ${text}`);
    }
    assert.equal((await h1.innerText()).trim(), heading, `h1 of ${page.url()}`);
    await expectAccessible(page);
  }

  /** Whether this element has keyboard focus now. */
  async isFocused(target: Locator): Promise<boolean> {
    return (await target.and(this.page.locator(':focus')).count()) === 1;
  }

  /** Follows a link in the footer, which every page has. */
  async followFooterLink(text: string): Promise<void> {
    await clickAndWaitForNewPage(this.page, this.footer.getByRole('link', { name: text, exact: true }));
  }

  /** The id of the element that has keyboard focus, or undefined when focus is on the page itself. */
  async focusedId(): Promise<string | undefined> {
    const focused = this.page.locator(':focus');
    if ((await focused.count()) === 0) return undefined;
    return (await focused.getAttribute('id')) ?? undefined;
  }
}

/**
 * Clicks something that loads a new document and waits for that document to load. Playwright's
 * click does not wait for a form post's response, and the old page's h1 would otherwise still match.
 */
export async function clickAndWaitForNewPage(page: Page, target: Locator): Promise<void> {
  const navigated = page.waitForEvent('framenavigated', (frame) => frame === page.mainFrame());
  await target.click();
  await navigated;
  await page.waitForLoadState('load');
}
