import assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import { expectAccessible } from '../../helpers/browser.js';
import { KhubPage, clickAndWaitForNewPage } from './khub.page.js';

/** What a person fills in on the feedback form. */
export interface FeedbackAnswers {
  /** A radio label, for example "Very satisfied". */
  readonly rating: string;
  readonly comments: string;
  readonly email?: string;
}

/** The feedback form at `/feedback`, with or without its error summary. */
export class FeedbackPage extends KhubPage {
  static readonly heading = 'Give feedback about khub';

  readonly errorSummary: Locator;
  readonly comments: Locator;
  readonly email: Locator;
  readonly sendButton: Locator;

  private constructor(page: Page) {
    super(page);
    this.errorSummary = page.locator('.nhsuk-error-summary');
    this.comments = page.locator('#comments');
    this.email = page.locator('#email');
    this.sendButton = page.getByRole('button', { name: 'Send feedback' });
  }

  static async verifyOnPage(page: Page): Promise<FeedbackPage> {
    await KhubPage.verifyHeading(page, FeedbackPage.heading);
    return new FeedbackPage(page);
  }

  /** The page after a rejected submission: "Error:" in the title and the NHS error summary shown. */
  static async verifyShowingErrors(page: Page): Promise<FeedbackPage> {
    const form = await FeedbackPage.verifyOnPage(page);
    assert.match(await page.title(), /^Error: /, 'the title starts with "Error:" so screen readers hear it first');
    assert.ok(await form.errorSummary.isVisible(), 'the error summary is shown');
    return form;
  }

  /** The links in the error summary, each with the text and the field it points to. */
  async errorLinks(): Promise<{ text: string; href: string }[]> {
    const links = this.errorSummary.getByRole('link');
    const result: { text: string; href: string }[] = [];
    for (const link of await links.all()) {
      result.push({ text: (await link.innerText()).trim(), href: (await link.getAttribute('href')) ?? '' });
    }
    return result;
  }

  /** Follows one error summary link, as a person would to fix that answer. */
  async followErrorLink(text: string): Promise<void> {
    await this.errorSummary.getByRole('link', { name: text }).click();
  }

  /** Fills in the form; the rating is chosen by its visible label. */
  async fillIn(answers: FeedbackAnswers): Promise<void> {
    await this.page.getByRole('radio', { name: answers.rating, exact: true }).check();
    await this.comments.fill(answers.comments);
    if (answers.email !== undefined) await this.email.fill(answers.email);
  }

  /** Presses "Send feedback", waits for whatever page comes back, and returns the status of the post. */
  async send(): Promise<number> {
    const posted = this.page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/feedback');
    await clickAndWaitForNewPage(this.page, this.sendButton);
    return (await posted).status();
  }

  /** The error message shown beside one field, as a screen reader reads it ("Error: …"). */
  async fieldError(field: string): Promise<string> {
    return (await this.page.locator(`#${field}-error`).innerText()).replace(/\s+/g, ' ').trim();
  }

  /** Checks the page again after its state changed (errors shown, focus moved). */
  async expectAccessible(): Promise<void> {
    await expectAccessible(this.page);
  }
}
