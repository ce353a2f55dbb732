import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { before, it } from 'node:test';
import { describeInBrowser } from '../../helpers/browser.js';
import { loadRecords } from '../../helpers/search-engine.js';
import type { StoredRecord } from '../../../src/modules/records/index.js';
import { EvidenceSearchPage } from '../pages/evidence-search.page.js';
import { MarkingControls, exportWith } from '../pages/marked-records.page.js';
import { searchRecords } from '../support/search-records.js';

/** The records of a RIS file, each as its tags' first values. */
function risRecords(text: string): Map<string, string>[] {
  return text
    .split(/\r?\nER {2}- ?\r?\n/)
    .filter((chunk) => chunk.trim() !== '')
    .map((chunk) => new Map(chunk.split(/\r?\n/).flatMap((line) => {
      const tagged = /^([A-Z][A-Z0-9]) {2}- (.*)$/.exec(line);
      return tagged ? [[tagged[1] ?? '', tagged[2] ?? ''] as [string, string]] : [];
    }).reverse()));
}

describeInBrowser('marking and exporting search results in a browser', (session) => {
  let stored: StoredRecord[] = [];
  before(async () => {
    stored = await loadRecords(session.app.db, searchRecords());
  });

  it('marks two records on page 1 and one on page 2, lists the three, and exports them as RIS', async () => {
    const { page } = session;
    const results = await EvidenceSearchPage.open(page, '/search?q=diabetes&sort=date');
    const pageOne = await results.titles();
    const marking = new MarkingControls(page);
    assert.equal(await marking.markedCount(), 0);
    await marking.mark([pageOne[1]!, pageOne[4]!]);
    await EvidenceSearchPage.verifyOnPage(page);
    assert.equal(new URL(page.url()).search, '?q=diabetes&sort=date', 'back on the same page');
    assert.equal(await marking.markedCount(), 2);

    await results.goToPage('Next');
    const second = await EvidenceSearchPage.verifyOnPage(page);
    const pageTwo = await second.titles();
    await marking.mark([pageTwo[0]!]);
    await EvidenceSearchPage.verifyOnPage(page);
    assert.equal(await marking.markedCount(), 3);

    const marked = await marking.openMarked();
    const chosen = [pageOne[1]!, pageOne[4]!, pageTwo[0]!];
    assert.deepEqual(await marked.titles(), chosen);

    const download = await marked.exportAs('RIS (EndNote, Zotero, Mendeley, RefWorks)');
    assert.match(download.suggestedFilename(), /^khub-marked-\d{4}-\d{2}-\d{2}\.ris$/);
    const records = risRecords(await readFile(await download.path(), 'utf8'));
    assert.deepEqual(records.map((r) => r.get('TI')), chosen);
    const byTitle = new Map(stored.map((r) => [r.title, r]));
    assert.deepEqual(records.map((r) => r.get('AN')), chosen.map((title) => byTitle.get(title)?.pmid ?? byTitle.get(title)?.sourceId));

    const fewer = await marked.remove(chosen[0]!);
    assert.deepEqual(await fewer.titles(), chosen.slice(1));
    const none = await fewer.clearAll();
    assert.deepEqual(await none.titles(), []);
  });

  it('exports the whole result set from the results page', async () => {
    const { page } = session;
    const results = await EvidenceSearchPage.open(page, '/search?q=diabetes');
    const total = Number((await results.count()).replace(/\D/g, ''));
    const download = await exportWith(page, { scope: `All ${total} results, newest first`, format: 'CSV (spreadsheets)' });
    const lines = (await readFile(await download.path(), 'utf8')).trim().split('\r\n');
    assert.equal(lines.length, total + 1, 'a header and one row per result');
    await EvidenceSearchPage.verifyOnPage(page);
  });
});
