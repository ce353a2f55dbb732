import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import type { Page } from 'playwright-core';
import { describeInBrowser } from '../../helpers/browser.js';
import { SAMPLE_MESH, loadRecords } from '../../helpers/search-engine.js';
import { importMesh } from '../../../src/modules/thesaurus/index.js';
import type { StoredRecord } from '../../../src/modules/records/index.js';
import { EvidenceSearchPage } from '../pages/evidence-search.page.js';
import { ExpertLimitsPage, ExpertMeshPage, ExpertReportPage, ExpertSearchPage, ExpertToolPage } from '../pages/expert-search.page.js';
import { HomePage } from '../pages/home.page.js';
import { SignInPage } from '../pages/sign-in.page.js';
import { GOOD_PASSWORD, createUser } from '../../helpers/factories.js';
import { searchRecords } from '../support/search-records.js';

/** Whether the page scrolls sideways: content wider than the viewport. */
async function scrollsSideways(page: Page): Promise<boolean> {
  return Number(await page.evaluate('document.documentElement.scrollWidth')) > Number(await page.evaluate('document.documentElement.clientWidth'));
}

describeInBrowser('expert search in a browser, keyboard only', (session) => {
  let stored: StoredRecord[] = [];
  const DIABETES_HEADINGS = ['D003920', 'D003922', 'D003924'];

  before(async () => {
    await importMesh(session.app.db, [SAMPLE_MESH], { year: 2024 });
    stored = await loadRecords(session.app.db, searchRecords());
  });

  it('builds a strategy with a typed line, a MeSH heading, combinations and a limit, and reports it', async () => {
    const { page } = session;
    const history = await ExpertSearchPage.open(page);
    assert.equal(await history.run('insulin.ti.'), 303);
    const typed = await ExpertSearchPage.verifyOnPage(page);
    assert.match(await typed.banner(), /Line 1 found \d+ records/);

    await typed.goTo('Find a MeSH heading');
    const mesh = await ExpertMeshPage.verifyOnPage(page);
    await mesh.find('diabetes');
    assert.deepEqual((await mesh.headings()).slice(0, 1), ['Diabetes Mellitus']);
    assert.equal(await mesh.add('Diabetes Mellitus', { explode: true, major: false }), 303);

    const withHeading = await ExpertSearchPage.verifyOnPage(page);
    assert.equal(await withHeading.combine([1, 2], 'OR'), 303);
    const combined = await ExpertSearchPage.verifyOnPage(page);
    assert.equal(await combined.run('lancet.jn.'), 303);
    const four = await ExpertSearchPage.verifyOnPage(page);
    assert.equal(await four.combine([3, 4], 'AND'), 303);

    const five = await ExpertSearchPage.verifyOnPage(page);
    await five.goTo('Limits');
    const limits = await ExpertLimitsPage.verifyOnPage(page);
    assert.equal(await limits.limit(5, { yearFrom: '2000', language: 'english' }), 303);

    const built = await ExpertSearchPage.verifyOnPage(page);
    const insulin = (r: StoredRecord) => /\binsulin\b/i.test(r.title);
    const heading = (r: StoredRecord) => r.mesh.some((h) => DIABETES_HEADINGS.includes(h.ui ?? ''));
    const lancet = (r: StoredRecord) => r.journal.isoAbbreviation === 'Lancet';
    const line5 = stored.filter((r) => (insulin(r) || heading(r)) && lancet(r));
    const line6 = line5.filter((r) => r.languages.includes('eng') && (r.publicationDate.year ?? 0) >= 2000);
    assert.deepEqual(await built.lines(), [
      { number: 1, text: 'insulin.ti.', hits: stored.filter(insulin).length },
      { number: 2, text: '"Diabetes Mellitus"[mh]', hits: stored.filter(heading).length },
      { number: 3, text: '#1 OR #2', hits: stored.filter((r) => insulin(r) || heading(r)).length },
      { number: 4, text: 'lancet.jn.', hits: stored.filter(lancet).length },
      { number: 5, text: '#3 AND #4', hits: line5.length },
      { number: 6, text: 'limit 5 to (english language and yr="2000 -Current")', hits: line6.length },
    ]);
    assert.ok(line6.length > 0 && line6.length < line5.length, 'the limit narrows the line');

    await built.viewResults(6);
    const results = await EvidenceSearchPage.verifyOnPage(page);
    assert.equal(await results.count(), `${line6.length} result${line6.length === 1 ? '' : 's'}`);

    const again = await ExpertSearchPage.open(page);
    await again.goTo('Strategy report');
    const report = await ExpertReportPage.verifyOnPage(page);
    assert.match(await report.database(), new RegExp(`^khub, ${stored.length} records, index as of \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC, MeSH 2024$`));
    const rows = await report.rows();
    assert.equal(rows.length, 6);
    assert.match(rows[5] ?? '', new RegExp(`#6.*limit 5 to \\(english language and yr="2000 -Current"\\).*${line6.length}`));

    await page.setViewportSize({ width: 320, height: 640 });
    const narrow: [string, (p: Page) => Promise<unknown>][] = [
      ['/search/advanced', ExpertSearchPage.verifyOnPage],
      ['/search/advanced/report', ExpertReportPage.verifyOnPage],
      ['/search/advanced/limits', ExpertLimitsPage.verifyOnPage],
      ['/search/advanced/mesh?term=diabetes', ExpertMeshPage.verifyOnPage],
    ];
    for (const [path, verify] of narrow) {
      await page.goto(path);
      await verify(page);
      assert.equal(await scrollsSideways(page), false, `${path} fits 320 px`);
    }
  });

  it('shows a syntax error beside the box with the place marked, keeping the text', async () => {
    const { page } = session;
    const history = await ExpertSearchPage.open(page);
    assert.equal(await history.run('diabetes AND (insulin'), 400);
    const failed = await ExpertSearchPage.verifyOnPage(page);
    assert.equal(await failed.box.inputValue(), 'diabetes AND (insulin');
    assert.equal(await page.getByTestId('line-problem').locator('mark').innerText(), '(insulin');
    assert.match((await failed.expectErrors())[0] ?? '', /^Line 1: /);
  });

  it('keeps a signed-in member\'s history, saves it as a strategy and runs it again; edits, walks the MeSH tree and clears', async () => {
    const { page } = session;
    const email = 'expert-searcher@test-trust.nhs.uk';
    await createUser(session.app.db, { email, password: GOOD_PASSWORD });
    const visitor = await ExpertSearchPage.open(page);
    assert.equal(await visitor.run('diabetes'), 303, 'a visitor starts a search before signing in');
    await ExpertSearchPage.verifyOnPage(page);
    const signIn = await SignInPage.open(page);
    assert.equal(await signIn.signIn(email, GOOD_PASSWORD), 303);
    await HomePage.verifyOnPage(page);
    const member = await ExpertSearchPage.open(page);
    assert.deepEqual((await member.lines()).map((l) => l.text), ['diabetes'], 'the visitor\'s history came with them');
    assert.equal(await member.run('lancet.jn.'), 303);

    const history = await ExpertToolPage.verifyOnPage(page, 'Expert search');
    assert.equal(await history.typeAndSubmit('Save this strategy as', 'Diabetes in the Lancet', '/search/strategies'), 303);
    const saved = await ExpertToolPage.verifyOnPage(page, 'Saved strategy\nDiabetes in the Lancet');
    const savedCounts = await page.getByTestId('saved-hits').allInnerTexts();
    assert.equal(await saved.press('Run again now', '/search/strategies/1/rerun'), 303);
    await ExpertToolPage.verifyOnPage(page, 'Saved strategy\nDiabetes in the Lancet');
    assert.deepEqual(await page.getByTestId('rerun-hits').allInnerTexts(), savedCounts, 'nothing changed, so the counts agree');
    await page.goto('/search/strategies');
    await ExpertToolPage.verifyOnPage(page, 'Expert search\nSaved strategies');

    await page.goto('/search/advanced/mesh/D003920');
    const tree = await ExpertToolPage.verifyOnPage(page, 'MeSH heading D003920\nDiabetes Mellitus');
    await tree.follow('Diabetes Mellitus, Type 2');
    await ExpertToolPage.verifyOnPage(page, 'MeSH heading D003924\nDiabetes Mellitus, Type 2');

    await page.goto('/search/advanced/lines/2/edit');
    const edit = await ExpertToolPage.verifyOnPage(page, 'Expert search\nEdit line 2');
    assert.equal(await edit.typeAndSubmit('Search line 2', 'bmj.jn.', '/search/advanced/lines/2/edit'), 303);
    const edited = await ExpertSearchPage.verifyOnPage(page);
    assert.equal((await edited.lines())[1]?.hits, stored.filter((r) => r.journal.isoAbbreviation === 'BMJ').length);

    await page.goto('/search/advanced/clear');
    const clear = await ExpertToolPage.verifyOnPage(page, 'Expert search\nClear your search history?');
    assert.equal(await clear.press('Yes, clear my history', '/search/advanced/clear'), 303);
    const cleared = await ExpertSearchPage.verifyOnPage(page);
    assert.deepEqual(await cleared.lines(), []);
  });
});
