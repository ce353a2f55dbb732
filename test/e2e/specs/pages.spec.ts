import assert from 'node:assert/strict';
import { it } from 'node:test';
import { describeInBrowser } from '../../helpers/browser.js';
import { AccessibilityStatementPage } from '../pages/accessibility-statement.page.js';
import { ApiDocsPage } from '../pages/api-docs.page.js';
import { HomePage } from '../pages/home.page.js';
import { NotFoundPage } from '../pages/not-found.page.js';

/** nhsuk-frontend's header blue (#005eb8) as the browser computes it. */
const NHS_BLUE = 'rgb(0, 94, 184)';

describeInBrowser('other pages in a browser', (session) => {
  it('shows a styled, accessible "Page not found" for an unknown path', async () => {
    const { page } = session;
    const response = await page.goto('/no/such/page');
    assert.equal(response?.status(), 404);
    const notFound = await NotFoundPage.verifyOnPage(page);
    assert.equal(await notFound.headerBackground(), NHS_BLUE, 'the NHS.UK stylesheet applies on a nested unknown path');
    assert.ok(await notFound.skipLink.count(), 'the 404 page keeps the skip link');
  });

  it('reaches the API docs and the accessibility statement from the footer, both accessible', async () => {
    const { page } = session;
    const home = await HomePage.open(page);
    await home.followFooterLink('API');
    const apiDocs = await ApiDocsPage.verifyOnPage(page);
    await apiDocs.followFooterLink('Accessibility statement');
    await AccessibilityStatementPage.verifyOnPage(page);
  });
});
