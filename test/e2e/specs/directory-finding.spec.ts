import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import type { Page } from 'playwright-core';
import { describeInBrowser } from '../../helpers/browser.js';
import { seedDirectory } from '../../helpers/directory/seed.js';
import { HomePage } from '../pages/home.page.js';
import { LibraryFinderPage } from '../pages/library-finder.page.js';
import { LibraryOrganisationPage } from '../pages/library-organisation.page.js';
import { LibraryPage } from '../pages/library.page.js';

/** Whether the page scrolls sideways: content wider than the viewport. */
async function scrollsSideways(page: Page): Promise<boolean> {
  return Number(await page.evaluate('document.documentElement.scrollWidth')) > Number(await page.evaluate('document.documentElement.clientWidth'));
}

describeInBrowser('finding a library in a browser', (session) => {
  before(async () => seedDirectory(session.app.db));

  it('finds the nearest libraries to a postcode district, nearest first with miles and km, and opens one', async () => {
    const { page } = session;
    const home = await HomePage.open(page);
    await home.followStartPoint('Find a library');
    const finder = await LibraryFinderPage.verifyOnPage(page);
    assert.equal(await finder.search({ near: 'ox3', distance: 'Within 100 miles' }), 200);
    const results = await LibraryFinderPage.verifyOnPage(page);
    assert.equal((await results.resultCount.innerText()).trim(), '2 library services near the centre of the OX3 postcode district');
    const found = await results.resultList();
    assert.deepEqual(found.map((r) => r.name), ['Bodleian Health Care Libraries', 'Cambridge University Medical Library']);
    assert.match(found[0]?.distance ?? '', /^1\.0 mile \(1\.6 km\) away – Cairns Library/);
    assert.match(found[1]?.distance ?? '', /^6\d\.\d miles \(10\d\.\d km\) away – Medical Library, Addenbrooke’s/);
    assert.equal(new URL(page.url()).search, '?near=ox3&radius=100&q=&organisation=&county=&region=&service=', 'the search is in the address, to bookmark or share');

    await results.openResult('Bodleian Health Care Libraries');
    const library = await LibraryPage.verifyOnPage(page, 'Bodleian Health Care Libraries');
    const hours = await library.hours('Cairns Library, John Radcliffe Hospital');
    assert.deepEqual([hours.Monday, hours.Saturday], ['08:30 to 19:00', 'Closed']);
    assert.match(await library.openNow('Horton Library'), /^(Open now staffed until 17:00|Closed now opens (today|Mon|Tue|Wed|Thu|Fri) 09:00) \(at \d\d:\d\d UK time\)$/);
    const data = await library.structuredData();
    assert.deepEqual(data['@graph'].map((place) => place['@type']), ['Library', 'Library']);
  });

  it('finds libraries by county and by the organisation they serve', async () => {
    const { page } = session;
    const finder = await LibraryFinderPage.open(page);
    await finder.search({ county: 'Cambridgeshire' });
    const byCounty = await LibraryFinderPage.verifyOnPage(page);
    assert.deepEqual((await byCounty.resultList()).map((r) => r.name), ['Cambridge University Medical Library']);

    await byCounty.search({ county: 'Any county', organisation: 'Northern Care Alliance (RM3)' });
    const byOrganisation = await LibraryFinderPage.verifyOnPage(page);
    assert.deepEqual((await byOrganisation.resultList()).map((r) => r.name), ['Manchester Library and Knowledge Service']);

    // The organisation's own page, open to everyone, lists every service that serves it.
    await byOrganisation.followLink('Northern Care Alliance: its page and the library services that serve it');
    const organisation = await LibraryOrganisationPage.verifyOnPage(page, 'Northern Care Alliance');
    assert.equal(new URL(page.url()).pathname, '/organisations/RM3');
    assert.equal((await organisation.summaryList())['NHS region'], 'North West');
    assert.deepEqual(await organisation.serviceList(), ['Manchester Library and Knowledge Service (Manchester Royal Infirmary Library)']);
    await organisation.followLink('Manchester Library and Knowledge Service');
    const library = await LibraryPage.verifyOnPage(page, 'Manchester Library and Knowledge Service');
    assert.ok(await library.needsVerification.isVisible(), 'never verified: the page warns');
    await library.followLink('Manchester University');
    await LibraryOrganisationPage.verifyOnPage(page, 'Manchester University');
  });

  it('explains a postcode it cannot use, with the error summary linked to the box', async () => {
    const { page } = session;
    const finder = await LibraryFinderPage.open(page);
    assert.equal(await finder.search({ near: 'Oxford' }), 400);
    const refused = await LibraryFinderPage.verifyOnPage(page);
    assert.deepEqual(await refused.expectErrors(), ['Enter a full postcode or the first part of one, like OX3 9DU or OX3']);
    await refused.errorSummary.getByRole('link').click();
    assert.equal(await refused.focusedId(), 'near');
    assert.equal(await refused.fieldError('near'), 'Error: Enter a full postcode or the first part of one, like OX3 9DU or OX3');
  });

  it('fits a 320 pixel wide screen: the finder and a library page', async () => {
    const { page } = session;
    await page.setViewportSize({ width: 320, height: 640 });
    await page.goto('/libraries?near=CB2+0QQ');
    await LibraryFinderPage.verifyOnPage(page);
    assert.equal(await scrollsSideways(page), false, 'the finder does not scroll sideways');
    await page.goto('/libraries/1');
    await LibraryPage.verifyOnPage(page, 'Bodleian Health Care Libraries');
    assert.equal(await scrollsSideways(page), false, 'the library page does not scroll sideways');
  });
});
