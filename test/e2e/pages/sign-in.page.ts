import type { Locator, Page } from 'playwright-core';
import { AccountFlowPage } from './account-flow.page.js';

/** The sign-in form at `/sign-in`, with links to reset a password and to register. */
export class SignInPage extends AccountFlowPage {
  static readonly heading = 'Sign in';

  readonly email: Locator;
  readonly password: Locator;

  private constructor(page: Page) {
    super(page);
    this.email = page.getByLabel('Email address', { exact: true });
    this.password = page.getByLabel('Password', { exact: true });
  }

  static async open(page: Page): Promise<SignInPage> {
    await page.goto('/sign-in');
    return SignInPage.verifyOnPage(page);
  }

  static async verifyOnPage(page: Page): Promise<SignInPage> {
    await SignInPage.verifyHeading(page, SignInPage.heading);
    return new SignInPage(page);
  }

  /** Types the address and password and presses Enter in the password box; returns the status of the post. */
  async signIn(email: string, password: string): Promise<number> {
    await this.email.fill(email);
    await this.password.fill(password);
    return this.submitWith(this.password, '/sign-in', 'keyboard');
  }
}
