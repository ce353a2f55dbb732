import assert from 'node:assert/strict';
import { it } from 'node:test';
import { type Kysely, sql } from 'kysely';
import { eachDialect, openTestDatabase, testDialects } from '../../../../test/helpers/databases.js';
import { deleteRecords, loadRecords } from '../../../../test/helpers/search-engine.js';
import type { Database } from '../../../platform/db/database.js';
import { dialectOf } from '../../../platform/db/dialect.js';
import { emptyRecord } from '../../records/index.js';
import { countMatches } from '../engine/index.js';
import type { QueryNode } from '../query/ast.js';
import { rankRecords, writeRankDocuments } from '../ranking/rank-index.js';
import { countDeferredIndexes, deferIndexes } from './deferred-indexes.js';
import { TokenMemory } from './prepare-page.js';
import { countIndexed, rebuildSearchIndex, syncSearchIndex } from './sync.js';

const span = { start: 0, end: 1 };
const title = (word: string): QueryNode => ({ kind: 'term', word: { parts: [{ kind: 'literal', text: word }] }, fields: ['title'], span });
const record = (id: string, text: string) => ({ ...emptyRecord('test', id), title: text });

/** The search tables' indexes as the database describes them. */
async function indexDefinitions(db: Kysely<Database>): Promise<string[]> {
  const { rows } =
    dialectOf(db) === 'sqlite'
      ? await sql<{ definition: string }>`select sql as definition from sqlite_master where type = 'index' and sql is not null and tbl_name like 'search%' order by name`.execute(db)
      : await sql<{ definition: string }>`select indexdef as definition from pg_indexes where schemaname = current_schema() and tablename like 'search%' order by indexname`.execute(db);
  return rows.map((row) => row.definition);
}

/** Everything the Boolean index and vocabulary hold, in a fixed order. */
async function indexContents(db: Kysely<Database>): Promise<unknown[]> {
  const tables = [
    sql`select record_id, record_updated_at, pub_start, pub_end, added_day, has_abstract, pmid, doi from search_document order by record_id`,
    sql`select * from search_heading order by record_id, descriptor_ui, name_key, qualifier`,
    sql`select * from search_value order by record_id, kind, ordinal, value_key`,
    sql`select token from search_term order by token`,
  ];
  return Promise.all(tables.map(async (query) => (await query.execute(db)).rows));
}

eachDialect('search index sync', (getDb) => {
  it('indexes new records, re-indexes changed ones and drops deleted ones, page by page', async () => {
    const db = getDb();
    await loadRecords(db, Array.from({ length: 25 }, (_, i) => record(`r${i}`, i % 2 === 0 ? 'asthma in children' : 'hip fracture')));
    assert.equal(await countIndexed(db), 25);
    assert.equal(await countMatches(db, title('asthma')), 13);

    const later = new Date(Date.now() + 60_000);
    await loadRecords(db, [record('r0', 'hip fracture'), record('r99', 'asthma again')], later, false);
    await deleteRecords(db, ['r2', 'r3']);
    const progress: number[] = [];
    const summary = await syncSearchIndex(db, { pageSize: 10, onProgress: (p) => progress.push(p.checked) });
    assert.deepEqual(summary, { checked: 24, indexed: 2, deleted: 2 });
    assert.deepEqual(progress, [10, 20, 24]);
    assert.equal(await countIndexed(db), 24);
    assert.equal(await countMatches(db, title('asthma')), 13 - 1 - 1 + 1);
    assert.equal(await countMatches(db, title('again')), 1);

    assert.deepEqual(await syncSearchIndex(db), { checked: 24, indexed: 0, deleted: 0 });
    assert.deepEqual(await rebuildSearchIndex(db), { checked: 24, indexed: 24, deleted: 0 });
    assert.equal(await countMatches(db, title('fracture')), 12);
  });

  it('writes the same index when records are tokenised on a worker thread', async () => {
    const db = getDb();
    await rebuildSearchIndex(db, { preparation: 'inline', pageSize: 7 });
    const inline = await indexContents(db);
    const ranked = await rankRecords(db, 'hip fracture', { limit: 50 });
    assert.deepEqual(await rebuildSearchIndex(db, { preparation: 'worker', pageSize: 7 }), { checked: 24, indexed: 24, deleted: 0 });
    assert.deepEqual(await indexContents(db), inline);
    assert.deepEqual(await rankRecords(db, 'hip fracture', { limit: 50 }), ranked);
    assert.equal(await countMatches(db, title('fracture')), 12);
  });

  it('builds secondary indexes at the end of a build from empty, as the migrations made them, and finishes an interrupted one first', async () => {
    const db = getDb();
    const migrated = await indexDefinitions(db);
    assert.ok(migrated.some((definition) => /search_heading_name_idx/.test(definition)));
    await rebuildSearchIndex(db, { pageSize: 10 });
    assert.deepEqual(await indexDefinitions(db), migrated);
    assert.equal(await countDeferredIndexes(db), 0);

    // As a build from empty leaves things when it is stopped half way.
    const dropped = await db.transaction().execute((trx) => deferIndexes(trx));
    assert.ok(dropped >= 10, `${dropped} indexes deferred`);
    assert.equal(await countDeferredIndexes(db), dropped);
    assert.equal((await indexDefinitions(db)).length, migrated.length - dropped);
    assert.equal(await countMatches(db, title('fracture')), 12, 'searches still answer, only slower');

    await loadRecords(db, [record('r5', 'asthma instead')], new Date(Date.now() + 120_000), false);
    assert.deepEqual(await syncSearchIndex(db), { checked: 24, indexed: 1, deleted: 0 });
    assert.deepEqual(await indexDefinitions(db), migrated);
    assert.equal(await countDeferredIndexes(db), 0);
    assert.equal(await countMatches(db, title('fracture')), 11);
  });
});

if (testDialects().includes('postgres')) {
  it('replaces ranking entries a failed page left behind (PostgreSQL writes them on a second connection)', async (t) => {
    const testDb = await openTestDatabase('postgres');
    t.after(() => testDb.close());
    const { db } = testDb;
    const [stored] = await loadRecords(db, [record('o1', 'hip fracture')], new Date(), false);
    const id = stored?.id ?? 0;
    // As a page leaves the ranking index when its ranking half commits and its Boolean half does not.
    await writeRankDocuments(db, [{ recordId: id, title: 'asthma', abstract: '', keywords: '', headings: '' }]);
    assert.deepEqual(await syncSearchIndex(db), { checked: 1, indexed: 1, deleted: 0 });
    assert.deepEqual((await rankRecords(db, 'fracture', { limit: 5 })).map((hit) => hit.recordId), [id]);
    assert.deepEqual(await rankRecords(db, 'asthma', { limit: 5 }), []);
  });
}

it('remembers the vocabulary tokens already written, up to its limit', () => {
  const memory = new TokenMemory(3);
  assert.deepEqual(memory.unseen(new Set(['b', 'a'])), ['a', 'b']);
  assert.deepEqual(memory.unseen(new Set(['a', 'c', 'd'])), ['c', 'd'], 'd arrives after the limit, so it is not remembered');
  assert.deepEqual(memory.unseen(new Set(['a', 'b', 'c', 'd'])), ['d']);
});
