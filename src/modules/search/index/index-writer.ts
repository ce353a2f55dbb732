/** Writes and deletes records' index rows, in the caller's transaction. */
import { type Kysely, type Transaction, sql } from 'kysely';
import { insertEncoded } from '../../../platform/db/bulk-insert.js';
import type { Database } from '../../../platform/db/database.js';
import { dialectOf } from '../../../platform/db/dialect.js';
import { deleteRankDocuments, insertRankRows } from '../ranking/rank-index.js';
import { DOCUMENT_COLUMNS, FTS_INSERT_COLUMNS, HEADING_COLUMNS, POSTGRES_DOCUMENT_COLUMNS, TERM_COLUMNS, VALUE_COLUMNS } from './index-rows.js';
import { bumpIndexVersion } from './index-version.js';
import type { PreparedPage } from './prepare-page.js';

type Db = Kysely<Database> | Transaction<Database>;

const DELETE_CHUNK = 900;

/** The tables the index consists of (FTS5's and the ranking index aside). */
export const INDEX_TABLES = ['search_document', 'search_heading', 'search_value', 'search_term'] as const;

/** Removes records from the index (ids not indexed are ignored); `rank: false` leaves their ranking entries. */
export async function deleteIndexed(db: Db, recordIds: readonly number[], options: { readonly rank?: boolean } = {}): Promise<void> {
  const postgres = dialectOf(db) === 'postgres';
  if (recordIds.length > 0) await bumpIndexVersion(db);
  for (let i = 0; i < recordIds.length; i += DELETE_CHUNK) {
    const ids = sql.join(recordIds.slice(i, i + DELETE_CHUNK));
    for (const table of ['search_document', 'search_heading', 'search_value']) {
      await sql`delete from ${sql.table(table)} where record_id in (${ids})`.execute(db);
    }
    if (!postgres) await sql`delete from search_fts where rowid in (${ids})`.execute(db);
  }
  if (options.rank ?? true) await deleteRankDocuments(db, recordIds);
}

/** Inserts a prepared page's Boolean index rows and vocabulary (the records must not be indexed yet). */
export async function insertBooleanRows(db: Db, page: PreparedPage): Promise<void> {
  const postgres = dialectOf(db) === 'postgres';
  await bumpIndexVersion(db);
  await insertEncoded(db, 'search_document', postgres ? POSTGRES_DOCUMENT_COLUMNS : DOCUMENT_COLUMNS, page.documents);
  if (page.fullText) await insertEncoded(db, 'search_fts', FTS_INSERT_COLUMNS, page.fullText);
  await insertEncoded(db, 'search_heading', HEADING_COLUMNS, page.headings);
  await insertEncoded(db, 'search_value', VALUE_COLUMNS, page.values);
  await insertEncoded(db, 'search_term', TERM_COLUMNS, page.terms, { suffix: 'on conflict do nothing' });
}

/**
 * Writes a prepared page, first removing what the index held for `replaced` (the page's records the
 * index already has: deleting an id FTS5 does not hold still costs it a tombstone, so only those).
 */
export async function writePreparedPage(db: Db, page: PreparedPage, replaced: readonly number[]): Promise<void> {
  await deleteIndexed(db, replaced);
  await insertBooleanRows(db, page);
  await insertRankRows(db, page.rank);
}

/** Empties the whole index, vocabulary and ranking index included. */
export async function clearIndex(db: Db): Promise<void> {
  await bumpIndexVersion(db);
  if (dialectOf(db) === 'postgres') {
    // TRUNCATE (transactional on PostgreSQL) frees the space at once and leaves no dead rows to vacuum.
    await sql`truncate ${sql.join([...INDEX_TABLES, 'search_rank'].map((table) => sql.table(table)))}`.execute(db);
    return;
  }
  for (const table of INDEX_TABLES) await sql`delete from ${sql.table(table)}`.execute(db);
  await sql`insert into search_fts (search_fts) values ('delete-all')`.execute(db);
  await sql`insert into search_rank (search_rank) values ('delete-all')`.execute(db);
}
