import assert from 'node:assert/strict';
import { it } from 'node:test';
import { type Kysely, sql } from 'kysely';
import { eachDialect } from '../../../../test/helpers/databases.js';
import { loadRecords } from '../../../../test/helpers/search-engine.js';
import type { Database } from '../../../platform/db/database.js';
import { dialectOf } from '../../../platform/db/dialect.js';
import * as indexSpeed from '../../../platform/db/migrations/2026_11_22_0022_search_index_speed.js';
import { emptyRecord } from '../../records/index.js';
import { countMatches } from '../engine/index.js';
import { parseQuery } from '../query/index.js';
import { countIndexed, syncSearchIndex } from './sync.js';

/** What migration 0022 changes, as the database describes it. */
async function schemaFacts(db: Kysely<Database>) {
  const sqlite = dialectOf(db) === 'sqlite';
  const definition = async (name: string) => {
    const { rows } = sqlite
      ? await sql<{ text: string }>`select sql as text from sqlite_master where name = ${name}`.execute(db)
      : await sql<{ text: string }>`select indexdef as text from pg_indexes where schemaname = current_schema() and indexname = ${name}`.execute(db);
    return rows[0]?.text ?? '';
  };
  const { rows } = sqlite
    ? await sql<{ n: number }>`select count(*) as n from sqlite_master where name = 'search_deferred_index'`.execute(db)
    : await sql<{ n: number }>`select count(*)::int as n from pg_tables where schemaname = current_schema() and tablename = 'search_deferred_index'`.execute(db);
  const compression = sqlite
    ? null
    : (await sql<{ method: string | null }>`select attcompression::text as method from pg_attribute where attrelid = 'search_document'::regclass and attname = 'document'`.execute(db)).rows[0]?.method;
  const pending = sqlite
    ? await Promise.all(['search_fts_config', 'search_rank_config'].map(async (table) => (await sql<{ v: number }>`select v from ${sql.table(table)} where k = 'hashsize'`.execute(db)).rows[0]?.v))
    : null;
  return {
    deferredTable: Number(rows[0]?.n) === 1,
    pendingBytes: pending,
    lz4: sqlite ? null : compression === 'l',
    partialQualifierIndex: /where/i.test(await definition('search_heading_qualifier_idx')),
    prefixIndexes: sqlite ? /prefix/i.test(await definition('search_fts')) : null,
  };
}

const MB32 = 32 * 1024 * 1024;
const MB1 = 1024 * 1024;
const records = ['Asthma in children', 'Cardiac rehabilitation', 'Carbon monoxide'].map((title, i) => ({ ...emptyRecord('test', `m${i}`), title }));
const prefixSearch = parseQuery('ca*[ti]').root;

eachDialect('migration 0022 (search index speed)', (getDb) => {
  it('goes down and up again, and the index is built and searched after it', async () => {
    const db = getDb();
    await loadRecords(db, records);
    const sqlite = dialectOf(db) === 'sqlite';
    // LZ4 is an option PostgreSQL is built with (Debian's and CI's are); without it the migration leaves pglz.
    const lz4 = sqlite
      ? null
      : Boolean((await sql<{ lz4: boolean }>`select 'lz4' = any(enumvals) as lz4 from pg_settings where name = 'default_toast_compression'`.execute(db)).rows[0]?.lz4);
    assert.deepEqual(await schemaFacts(db), { deferredTable: true, pendingBytes: sqlite ? [MB32, MB32] : null, lz4, partialQualifierIndex: true, prefixIndexes: sqlite ? false : null });
    assert.equal(await countMatches(db, prefixSearch), 2);

    await indexSpeed.down(db as Kysely<unknown>);
    assert.deepEqual(await schemaFacts(db), { deferredTable: false, pendingBytes: sqlite ? [MB1, MB1] : null, lz4: sqlite ? null : false, partialQualifierIndex: false, prefixIndexes: sqlite ? true : null });
    // SQLite's full-text table is made again empty, so the index is emptied with it; PostgreSQL's stays.
    assert.equal(await countIndexed(db), sqlite ? 0 : 3);
    if (!sqlite) assert.equal(await countMatches(db, prefixSearch), 2);

    await indexSpeed.up(db as Kysely<unknown>);
    assert.deepEqual(await schemaFacts(db), { deferredTable: true, pendingBytes: sqlite ? [MB32, MB32] : null, lz4, partialQualifierIndex: true, prefixIndexes: sqlite ? false : null });
    assert.equal(await countIndexed(db), sqlite ? 0 : 3);
    assert.deepEqual(await syncSearchIndex(db), { checked: 3, indexed: sqlite ? 3 : 0, deleted: 0 });
    assert.equal(await countMatches(db, prefixSearch), 2);
  });
});
