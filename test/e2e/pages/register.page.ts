import type { Page } from 'playwright-core';
import { AccountFlowPage } from './account-flow.page.js';

/** What a person types on the registration form; choices are given by their visible labels. */
export interface Registration {
  readonly fullName: string;
  readonly email: string;
  /** The option text, for example "Riverside Hospitals NHS Foundation Trust (RRV)". */
  readonly organisation: string;
  /** A radio label, for example "Medical and dental". */
  readonly staffGroup: string;
  readonly jobTitle: string;
  readonly password: string;
}

/** The registration form at `/register`. */
export class RegisterPage extends AccountFlowPage {
  static readonly heading = 'Register for a khub account';

  private constructor(page: Page) {
    super(page);
  }

  static async verifyOnPage(page: Page): Promise<RegisterPage> {
    await RegisterPage.verifyHeading(page, RegisterPage.heading);
    return new RegisterPage(page);
  }

  /** Fills in every field and ticks the eligibility declaration with the space bar. */
  async fillIn(details: Registration): Promise<void> {
    const { page } = this;
    await page.getByLabel('Full name', { exact: true }).fill(details.fullName);
    await page.getByLabel('Work email address', { exact: true }).fill(details.email);
    await page.getByLabel('Organisation', { exact: true }).selectOption({ label: details.organisation });
    await page.getByRole('radio', { name: details.staffGroup, exact: true }).check();
    await page.getByLabel('Job title', { exact: true }).fill(details.jobTitle);
    await page.getByLabel('Create a password', { exact: true }).fill(details.password);
    await page.getByRole('checkbox', { name: /^I work for, or am placed with/ }).press('Space');
  }

  /** Presses "Register"; returns the status of the post. */
  async register(): Promise<number> {
    return this.submitWith(this.page.getByRole('button', { name: 'Register' }), '/register');
  }
}
