import assert from 'node:assert/strict';
import { it } from 'node:test';
import { type Kysely, sql } from 'kysely';
import { eachDialect } from '../../../test/helpers/databases.js';
import type { Database } from '../../platform/db/database.js';
import { dialectOf } from '../../platform/db/dialect.js';
import * as dropDoiIndex from '../../platform/db/migrations/2026_11_21_0021_records_drop_doi_index.js';
import { matchKeys } from './match-keys.js';

async function recordIndexes(db: Kysely<Database>): Promise<string[]> {
  const query =
    dialectOf(db) === 'sqlite'
      ? sql<{ name: string }>`select name from sqlite_master where type = 'index' and tbl_name = 'record' and name not like 'sqlite_%'`
      : sql<{ name: string }>`select indexname as name from pg_indexes where tablename = 'record' and schemaname = current_schema()`;
  return (await query.execute(db)).rows.map((row) => row.name).sort();
}

eachDialect('record table indexes', (getDb) => {
  it('has no DOI index after migration 0021 (DOIs are found through doi: match keys), and its down migration restores it', async () => {
    const db = getDb();
    assert.ok(!(await recordIndexes(db)).includes('record_doi_idx'));
    assert.ok((await recordIndexes(db)).includes('record_pmid_idx'));
    await dropDoiIndex.down(db as never);
    assert.ok((await recordIndexes(db)).includes('record_doi_idx'));
    await dropDoiIndex.up(db as never);
    assert.ok(!(await recordIndexes(db)).includes('record_doi_idx'));
    // What replaces it: a record with a DOI has a doi: match key to be found by.
    const keys = matchKeys({ pmid: null, doi: '10.1000/XYZ.1', title: 'A title', year: 2020, pages: null, firstAuthorFamily: null });
    assert.ok(keys.some((key) => key.startsWith('doi:')), keys.join(', '));
  });
});
