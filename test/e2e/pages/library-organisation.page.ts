import type { Locator, Page } from 'playwright-core';
import { AccountFlowPage } from './account-flow.page.js';

/** An organisation's public page at `/organisations/{odsCode}`: what it is and the library services that serve it. */
export class LibraryOrganisationPage extends AccountFlowPage {
  readonly services: Locator;

  private constructor(page: Page) {
    super(page);
    this.services = page.getByTestId('library-services');
  }

  /** `type` is as the caption shows it, for example "NHS trust". */
  static async verifyOnPage(page: Page, name: string, type = 'NHS trust'): Promise<LibraryOrganisationPage> {
    await LibraryOrganisationPage.verifyHeading(page, `${type}\n${name}`);
    return new LibraryOrganisationPage(page);
  }

  /** The library services listed, each as "Name (Site; Site)" as the list reads. */
  async serviceList(): Promise<string[]> {
    const items = await this.services.locator('li').all();
    return Promise.all(items.map(async (item) => (await item.innerText()).replace(/\s+/g, ' ').trim()));
  }
}
