import assert from 'node:assert/strict';
import { it } from 'node:test';
import { eachDialect } from '../../../../test/helpers/databases.js';
import { loadRecords } from '../../../../test/helpers/search-engine.js';
import { emptyRecord } from '../../records/index.js';
import { countMatches } from '../engine/search.js';
import { parseQuery } from '../query/parser.js';
import { firstRankedPage, searchWords } from './ranked-page.js';

it('takes the literal words of a search for ranking, leaving out excluded ones', () => {
  assert.deepEqual(searchWords(parseQuery('(hip fracture*[tiab] OR "falls prevention") NOT dogs').root), ['hip', 'fracture', 'falls', 'prevention']);
});

eachDialect('first ranked page', (getDb) => {
  it('orders exactly the Boolean answer, best matches first, then records matched without the words', async () => {
    const db = getDb();
    const records = await loadRecords(db, [
      { ...emptyRecord('t', '1'), title: 'Care homes', abstract: 'A note on hip care.' },
      { ...emptyRecord('t', '2'), title: 'Hip fracture surgery', abstract: 'Hip fracture outcomes after hip surgery.' },
      { ...emptyRecord('t', '3'), title: 'Asthma', abstract: 'Inhalers and hip.' },
      { ...emptyRecord('t', '4'), title: 'Dogs', abstract: 'Hip dysplasia in dogs.' },
    ]);
    const idOf = new Map(records.map((r) => [r.sourceId, r.id]));
    const query = parseQuery('hip NOT dogs').root;
    const page = (await firstRankedPage(db, query, 10)).map((result) => result.record.id);
    assert.equal(page.length, await countMatches(db, query));
    assert.equal(page[0], idOf.get('2'), 'the record about hips in its title and abstract ranks first');
    assert.ok(!page.includes(idOf.get('4') as number), 'NOT keeps its record out of the page');
    assert.deepEqual((await firstRankedPage(db, query, 2)).map((result) => result.record.id), page.slice(0, 2));
  });

  it('gives the same page when told the hit count, and none without asking the database for a search with no hits', async () => {
    const db = getDb();
    const query = parseQuery('hip OR dogs').root;
    const hits = await countMatches(db, query);
    assert.deepEqual(
      (await firstRankedPage(db, query, 10, { hits })).map((result) => result.record.id),
      (await firstRankedPage(db, query, 10)).map((result) => result.record.id),
    );
    assert.deepEqual(await firstRankedPage(db, parseQuery('hip').root, 10, { hits: 0 }), []);
  });

  it('gives each result its snippet', async () => {
    const [best] = await firstRankedPage(getDb(), parseQuery('"hip fracture" NOT dogs').root, 1);
    assert.equal(best?.record.sourceId, '2');
    const marked = (segments: readonly { text: string; match: boolean }[]) => segments.filter((s) => s.match).map((s) => s.text);
    assert.deepEqual(marked(best?.snippet.title ?? []), ['Hip fracture']);
    assert.deepEqual(marked(best?.snippet.abstract?.segments ?? []), ['Hip fracture']);
  });

  it('ranks a line that refers to other lines by the words of those lines', async () => {
    const db = getDb();
    await loadRecords(db, [
      { ...emptyRecord('t', '5'), title: 'Care homes and asthma', abstract: 'Hip.' },
      { ...emptyRecord('t', '6'), title: 'Asthma in care homes', abstract: 'Asthma care, asthma homes, asthma outcomes.' },
    ]);
    const lines = new Map([
      ['1', parseQuery('hip').root],
      ['2', parseQuery('asthma').root],
    ]);
    const page = await firstRankedPage(db, parseQuery('#2 NOT #1').root, 10, { resolveLine: (label) => lines.get(label) });
    assert.deepEqual(page.map((result) => result.record.sourceId).sort(), ['6']);
    const asthma = await firstRankedPage(db, parseQuery('#2').root, 10, { resolveLine: (label) => lines.get(label) });
    assert.deepEqual(asthma.map((result) => result.record.sourceId).sort(), ['3', '5', '6']);
    assert.equal(asthma[0]?.record.sourceId, '6', 'ranked by "asthma" (record 6 says it most), not left in id order (3, 5, 6)');
  });
});
