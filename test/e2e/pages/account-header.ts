import type { Locator, Page } from 'playwright-core';
import { pressAndWaitForNewPage } from './account-flow.page.js';
import { clickAndWaitForNewPage } from './khub.page.js';

/**
 * The account links in the NHS.UK header on every page: "Sign in" for visitors; once signed in, the
 * person's name (to their account), "Admin" for administrators, and the "Sign out" button.
 */
export class AccountHeader {
  readonly nav: Locator;

  constructor(private readonly page: Page) {
    this.nav = page.getByRole('navigation', { name: 'Your account' });
  }

  /** The name the header shows for the signed-in person, or undefined for a visitor. */
  async signedInAs(): Promise<string | undefined> {
    const link = this.nav.locator('a[href="/account"]');
    return (await link.count()) === 1 ? (await link.innerText()).trim() : undefined;
  }

  /** Follows a header link such as "Sign in" or "Admin". */
  async follow(text: string): Promise<void> {
    await clickAndWaitForNewPage(this.page, this.nav.getByRole('link', { name: text, exact: true }));
  }

  /** Signs out with the keyboard: focus on the header's "Sign out" button, then Enter. */
  async signOut(): Promise<void> {
    await pressAndWaitForNewPage(this.page, this.nav.getByRole('button', { name: 'Sign out' }));
  }
}
