import assert from 'node:assert/strict';
import { it } from 'node:test';
import { sql } from 'kysely';
import { eachDialect, openTestDatabase, testDialects } from '../../../../test/helpers/databases.js';
import { type RankDocument, deleteRankDocuments, rankRecords, writeRankDocuments } from './rank-index.js';
import { rankingTerms } from './rank-terms.js';

const doc = (recordId: number, title: string, abstract = ''): RankDocument => ({ recordId, title, abstract, keywords: '', headings: '' });

it('keeps the words that count for ranking: no stop words, accents or repeats', () => {
  assert.deepEqual(rankingTerms('The Effect of Café-based exercise on the EFFECT of falls'), ['effect', 'cafe', 'based', 'exercise', 'falls']);
  assert.deepEqual(rankingTerms('the of and !!'), []);
});

eachDialect('ranking index', (getDb) => {
  it('ranks a title match above an abstract-only match, matches stemmed forms, and restricts to a set', async () => {
    const db = getDb();
    await writeRankDocuments(db, [
      doc(1, 'Hip fractures in older people', 'Falls cause most of them.'),
      doc(2, 'Nutrition in care homes', 'Hip fracture risk rises with frailty and falls.'),
      doc(3, 'Asthma inhalers', 'Nothing about bones at all.'),
    ]);
    const ranked = await rankRecords(db, 'hip fracture', { limit: 10 });
    assert.deepEqual(
      ranked.map((hit) => hit.recordId),
      [1, 2],
      'stemming lets "fracture" find "fractures"; the title match ranks first',
    );
    assert.ok((ranked[0]?.score ?? 0) > (ranked[1]?.score ?? 0));
    const within = await rankRecords(db, 'hip fracture', { limit: 10, within: sql`select 2` });
    assert.deepEqual(within.map((hit) => hit.recordId), [2]);
    assert.deepEqual(await rankRecords(db, 'the of', { limit: 10 }), []);
  });

  it('replaces a record’s entry on rewrite and forgets deleted records', async () => {
    const db = getDb();
    await writeRankDocuments(db, [doc(1, 'Completely different subject now')]);
    assert.deepEqual((await rankRecords(db, 'hip', { limit: 10 })).map((hit) => hit.recordId), [2]);
    await deleteRankDocuments(db, [2]);
    assert.deepEqual(await rankRecords(db, 'hip', { limit: 10 }), []);
    assert.deepEqual((await rankRecords(db, 'subject', { limit: 10 })).map((hit) => hit.recordId), [1]);
  });

  it('pages through ranked results without repeats', async () => {
    const db = getDb();
    await writeRankDocuments(db, Array.from({ length: 25 }, (_, i) => doc(100 + i, `Falls prevention study ${i}`, 'falls '.repeat(i % 5))));
    const first = await rankRecords(db, 'falls', { limit: 10 });
    const second = await rankRecords(db, 'falls', { limit: 10, offset: 10 });
    assert.equal(new Set([...first, ...second].map((hit) => hit.recordId)).size, 20);
  });
});

if (testDialects().includes('postgres')) {
  it('ranks on PostgreSQL with a GIN index when RUM is not there, and with RUM when it is', async (t) => {
    for (const method of ['rum', 'gin'] as const) {
      const testDb = await openTestDatabase('postgres');
      t.after(() => testDb.close());
      const { db } = testDb;
      const { rows } = await sql<{ def: string }>`select indexdef as def from pg_indexes where schemaname = current_schema() and indexname = 'search_rank_document_idx'`.execute(db);
      assert.match(rows[0]?.def ?? '', /using rum/i, 'CI installs RUM, so migrations choose it');
      if (method === 'gin') {
        await sql`drop index search_rank_document_idx`.execute(db);
        await sql`create index search_rank_document_idx on search_rank using gin (document)`.execute(db);
      }
      await writeRankDocuments(db, [doc(1, 'Hip fractures in older people'), doc(2, 'Care homes', 'A hip fracture.'), doc(3, 'Asthma')]);
      assert.deepEqual((await rankRecords(db, 'hip fracture', { limit: 10 })).map((hit) => hit.recordId), [1, 2], method);
    }
  });
}
