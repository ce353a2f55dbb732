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
    const page = await firstRankedPage(db, query, 10);
    assert.equal(page.length, await countMatches(db, query));
    assert.equal(page[0], idOf.get('2'), 'the record about hips in its title and abstract ranks first');
    assert.ok(!page.includes(idOf.get('4') as number), 'NOT keeps its record out of the page');
    assert.deepEqual(await firstRankedPage(db, query, 2), page.slice(0, 2));
  });
});
