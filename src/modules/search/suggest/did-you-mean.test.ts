import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import type { Kysely } from 'kysely';
import { eachDialect } from '../../../../test/helpers/databases.js';
import { SAMPLE_MESH, loadRecords } from '../../../../test/helpers/search-engine.js';
import type { Database } from '../../../platform/db/database.js';
import { emptyRecord } from '../../records/index.js';
import { importMesh } from '../../thesaurus/index.js';
import { countMatches } from '../engine/search.js';
import { parseQuery } from '../query/parser.js';
import { didYouMean } from './did-you-mean.js';

eachDialect('did you mean', (getDb) => {
  let db: Kysely<Database>;
  const count = (text: string) => countMatches(db, parseQuery(text).root);

  before(async () => {
    db = getDb();
    await importMesh(db, [SAMPLE_MESH], { year: 2024 });
    await loadRecords(db, [
      ...Array.from({ length: 6 }, (_, i) => ({ ...emptyRecord('t', `d${i}`), title: `Diabetes and insulin ${i}`, abstract: i < 2 ? 'Diabetic foot care.' : null })),
      { ...emptyRecord('t', 'a1'), title: 'Asthma in children' },
      { ...emptyRecord('t', 'm1'), title: 'Myocardial infarction after surgery' },
    ]);
  });

  it('respells each word the index has never seen to the nearest word that finds the most', async () => {
    const fixed = await didYouMean(db, 'diabtees AND insulim', 0);
    assert.deepEqual(fixed, { query: 'diabetes AND insulin', count: await count('diabetes AND insulin') });
    assert.equal(fixed?.count, 6);
    // "diabetis" is one step from both "diabetes" (6 records) and "diabetic" (2): the one that finds more wins.
    assert.equal((await didYouMean(db, 'diabetis', 0))?.query, 'diabetes');
  });

  it('keeps what is spelt right, fields, operators and phrases as written', async () => {
    assert.deepEqual(await didYouMean(db, '"myocardail infarction"[ti] NOT asthma', 0), { query: '"myocardial infarction"[ti] NOT asthma', count: 1 });
    assert.equal(await didYouMean(db, 'diabetes AND zebra', 0), undefined, 'no word near "zebra"');
    assert.equal(await didYouMean(db, 'asthma', 1), undefined, 'every word is known');
    assert.equal(await didYouMean(db, 'asthmx*', 0), undefined, 'a truncated word is not respelt');
  });

  it('counts the respelt search the way the caller asks, and offers it only when it finds more', async () => {
    assert.equal(await didYouMean(db, 'astma', 0, async () => 0), undefined);
    assert.deepEqual(await didYouMean(db, 'astma', 0), { query: 'asthma', count: 1 });
  });
});
