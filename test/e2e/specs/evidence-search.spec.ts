import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import type { Page } from 'playwright-core';
import { describeInBrowser } from '../../helpers/browser.js';
import { SAMPLE_MESH, loadRecords } from '../../helpers/search-engine.js';
import { importMesh } from '../../../src/modules/thesaurus/index.js';
import type { StoredRecord } from '../../../src/modules/records/index.js';
import { EvidenceSearchPage } from '../pages/evidence-search.page.js';
import { HomePage } from '../pages/home.page.js';
import { NotFoundPage } from '../pages/not-found.page.js';
import { RecordPage } from '../pages/record.page.js';
import { FULL_RECORD, FULL_RECORD_COPY, searchRecords } from '../support/search-records.js';

/** Whether the page scrolls sideways: content wider than the viewport. */
async function scrollsSideways(page: Page): Promise<boolean> {
  return Number(await page.evaluate('document.documentElement.scrollWidth')) > Number(await page.evaluate('document.documentElement.clientWidth'));
}

describeInBrowser('searching the evidence in a browser', (session) => {
  let stored: StoredRecord[] = [];
  const aboutDiabetes = () => stored.filter((r) => [r.title, r.abstract ?? '', ...r.keywords, ...r.mesh.map((h) => h.name)].join(' ').toLowerCase().includes('diabetes'));

  before(async () => {
    await importMesh(session.app.db, [SAMPLE_MESH], { year: 2024 });
    stored = await loadRecords(session.app.db, searchRecords());
  });

  it('searches from the header, narrows by a filter with the count it showed, and removes it again', async () => {
    const { page } = session;
    const home = await HomePage.open(page);
    await home.followStartPoint('Search the evidence');
    const empty = await EvidenceSearchPage.verifyOnPage(page);
    assert.equal(await empty.search('diabetes'), 200);
    const results = await EvidenceSearchPage.verifyOnPage(page);
    const total = aboutDiabetes().length;
    assert.equal(await results.count(), `${total} results`);
    assert.equal((await results.titles()).length, 20);
    assert.ok((await results.markedWords()).every((word) => word.toLowerCase() === 'diabetes'), 'only the searched word is marked');

    const review = (await results.facet('Publication type')).find((v) => v.label === 'Review');
    assert.ok(review && !review.selected);
    await results.toggleFacet('Publication type', 'Review');
    const reviews = await EvidenceSearchPage.verifyOnPage(page);
    assert.equal(await reviews.count(), `${review.count} results`);
    assert.deepEqual(await reviews.chosen(), ['Publication type: Review']);
    assert.equal((await reviews.facet('Publication type')).find((v) => v.label === 'Review')?.selected, true);
    assert.equal(new URL(page.url()).search, '?q=diabetes&pt=review', 'the filter is in the address, to bookmark or share');

    const french = (await reviews.facet('Language')).find((v) => v.label === 'French');
    const english = (await reviews.facet('Language')).find((v) => v.label === 'English');
    assert.equal((french?.count ?? 0) + (english?.count ?? 0), review.count, 'every review is in one of the two languages');
    await reviews.toggleFacet('Language', 'English');
    const both = await EvidenceSearchPage.verifyOnPage(page);
    assert.equal(await both.count(), `${english?.count} results`);
    await both.removeFilter('Publication type: Review');
    const englishOnly = await EvidenceSearchPage.verifyOnPage(page);
    assert.deepEqual(await englishOnly.chosen(), ['Language: English']);
    assert.equal(await englishOnly.count(), `${stored.filter((r) => aboutDiabetes().includes(r) && r.languages.includes('eng')).length} results`);
    await englishOnly.toggleFacet('Language', 'English');
    const unfiltered = await EvidenceSearchPage.verifyOnPage(page);
    assert.equal(await unfiltered.count(), `${total} results`);
    assert.deepEqual(await unfiltered.chosen(), []);
  });

  it('sorts newest first and pages, and the back button returns to the page before', async () => {
    const { page } = session;
    const search = await EvidenceSearchPage.open(page, '/search?q=diabetes');
    await search.sortBy('Newest first');
    const newest = await EvidenceSearchPage.verifyOnPage(page);
    const byDate = [...aboutDiabetes()].sort((a, b) => (b.publicationDate.year ?? 0) - (a.publicationDate.year ?? 0) || (b.publicationDate.month ?? 0) - (a.publicationDate.month ?? 0) || a.id - b.id);
    const firstPage = await newest.titles();
    assert.equal(firstPage[0], byDate[0]?.title);
    await newest.goToPage('Next');
    const second = await EvidenceSearchPage.verifyOnPage(page);
    assert.equal(new URL(page.url()).search, '?q=diabetes&sort=date&page=2');
    assert.deepEqual(await second.titles(), byDate.slice(20).map((r) => r.title));
    await page.goBack();
    const back = await EvidenceSearchPage.verifyOnPage(page);
    assert.deepEqual(await back.titles(), firstPage);
  });

  it('opens a record from the results, shows its fields and other versions, and follows a MeSH heading to a search', async () => {
    const { page } = session;
    const search = await EvidenceSearchPage.open(page);
    await search.search('structured education', 'keyboard');
    const results = await EvidenceSearchPage.verifyOnPage(page);
    assert.equal(await results.count(), '2 results');
    await results.openResult(FULL_RECORD.title);
    const record = await RecordPage.verifyOnPage(page, FULL_RECORD.title);
    assert.deepEqual(await record.headingList(), ['Diabetes Mellitus, Type 2 Major topic – therapy', 'Humans']);
    assert.equal(await record.identifierLink('DOI'), 'https://doi.org/10.1000/khub.2020.001');
    assert.equal(await record.identifierLink('PubMed ID (PMID)'), 'https://pubmed.ncbi.nlm.nih.gov/31000001/');
    assert.match(await record.abstract.innerText(), /^Background\s+Education helps diabetes self-care\./);

    await record.openOtherVersion(FULL_RECORD_COPY.title);
    const copy = await RecordPage.verifyOnPage(page, FULL_RECORD_COPY.title);
    await copy.openOtherVersion(FULL_RECORD.title);
    const again = await RecordPage.verifyOnPage(page, FULL_RECORD.title);
    await again.followHeading('Diabetes Mellitus, Type 2');
    const byHeading = await EvidenceSearchPage.verifyOnPage(page);
    assert.equal(await byHeading.box.inputValue(), '"Diabetes Mellitus, Type 2"[mh]');
    assert.equal(await byHeading.count(), '1 result');
    assert.deepEqual(await byHeading.titles(), [FULL_RECORD.title]);

    await page.goto('/records/999999');
    await NotFoundPage.verifyOnPage(page);
  });

  it('points at a syntax error in the search, from the error summary to the box', async () => {
    const { page } = session;
    const search = await EvidenceSearchPage.open(page);
    assert.equal(await search.search('insulin AND heart[tiabx]', 'keyboard'), 400);
    const refused = await EvidenceSearchPage.verifyOnPage(page);
    assert.deepEqual(await refused.expectErrors(), ['Unknown field tag [tiabx] (at column 18)']);
    assert.equal((await refused.problem.locator('mark').innerText()).trim(), '[tiabx]');
    await refused.errorSummary.getByRole('link').click();
    assert.equal(await refused.focusedId(), 'q');
  });

  it('fits a 320 pixel wide screen', async () => {
    const { page } = session;
    await page.setViewportSize({ width: 320, height: 640 });
    await EvidenceSearchPage.open(page, '/search?q=diabetes&pt=review');
    assert.equal(await scrollsSideways(page), false, 'the results page does not scroll sideways');
    const full = stored.find((r) => r.sourceId === FULL_RECORD.sourceId);
    await page.goto(`/records/${full?.id}`);
    await RecordPage.verifyOnPage(page, FULL_RECORD.title);
    assert.equal(await scrollsSideways(page), false, 'the record page does not scroll sideways');
  });
});
