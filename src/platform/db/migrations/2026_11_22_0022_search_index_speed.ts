import { type Kysely, sql } from 'kysely';
import { dialectOf } from '../dialect.js';

/**
 * Faster index builds (docs/search-engine.md, "Indexing rate"):
 * - `search_deferred_index` holds the definitions of secondary indexes a build from empty drops and
 *   creates again at its end (a row left behind means a build was interrupted);
 * - the qualifier index of `search_heading` covers only heading/qualifier pairs (`qualifier <> ''`,
 *   which every subheading search states), about a quarter of the rows;
 * - SQLite: the full-text table loses its prefix indexes (`prefix='2 3'`), which were a third of the
 *   cost of writing it; prefix searches read the terms instead. FTS5 cannot change a table's options
 *   and this one keeps no text, so it is made again empty: the whole index is emptied with it, and
 *   the next sync (any `khub import`, or `khub search`) builds it again;
 * - SQLite: both FTS5 tables gather up to 32 MB of new entries before writing them out (`hashsize`;
 *   1 MB by default): a page of 1,000 records becomes one segment instead of about ten, so FTS5
 *   merges far less, and writing the two tables costs half as much;
 * - PostgreSQL: the tsvector columns are compressed with LZ4 rather than pglz when the server has it
 *   (PostgreSQL 14 and later, built with LZ4 as Debian's is): storing the document tsvector cost a
 *   quarter less server time, at the same size.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table search_deferred_index (name text primary key, definition text not null)`.execute(db);
  await sql`drop index search_heading_qualifier_idx`.execute(db);
  await sql`create index search_heading_qualifier_idx on search_heading (qualifier) where qualifier <> ''`.execute(db);
  if (dialectOf(db) === 'sqlite') {
    await recreateFullText(db, '');
    await setPendingSize(db, PENDING_BYTES);
  } else if (await hasLz4(db)) await setTextCompression(db, 'lz4');
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (dialectOf(db) === 'sqlite') {
    await recreateFullText(db, `prefix = '2 3',`);
    await setPendingSize(db, FTS5_DEFAULT_PENDING_BYTES);
  } else if (await hasLz4(db)) await setTextCompression(db, 'default');
  await sql`drop index search_heading_qualifier_idx`.execute(db);
  await sql`create index search_heading_qualifier_idx on search_heading (qualifier)`.execute(db);
  await sql`drop table search_deferred_index`.execute(db);
}

const PENDING_BYTES = 32 * 1024 * 1024;
const FTS5_DEFAULT_PENDING_BYTES = 1024 * 1024;

async function setPendingSize(db: Kysely<unknown>, bytes: number): Promise<void> {
  for (const table of ['search_fts', 'search_rank']) {
    // FTS5 takes configuration values as literals only, not as bound parameters.
    await sql`insert into ${sql.table(table)} (${sql.ref(table)}, rank) values ('hashsize', ${sql.lit(bytes)})`.execute(db);
  }
}

async function recreateFullText(db: Kysely<unknown>, prefix: string): Promise<void> {
  for (const table of ['search_document', 'search_heading', 'search_value', 'search_term']) await sql`delete from ${sql.table(table)}`.execute(db);
  await sql`insert into search_rank (search_rank) values ('delete-all')`.execute(db);
  await sql`drop table search_fts`.execute(db);
  await sql`create virtual table search_fts using fts5(
    title, abstract, keywords, mesh, pubtype, authors, journal, language,
    content = '', contentless_delete = 1, detail = full, ${sql.raw(prefix)}
    tokenize = 'unicode61 remove_diacritics 0'
  )`.execute(db);
}

/** Whether this server can compress with LZ4 (an option of PostgreSQL 14 and later, chosen when it is built). */
async function hasLz4(db: Kysely<unknown>): Promise<boolean> {
  const { rows } = await sql<{ lz4: boolean }>`select exists (
      select 1 from pg_settings where name = 'default_toast_compression' and 'lz4' = any(enumvals)
    ) as lz4`.execute(db);
  return Boolean(rows[0]?.lz4);
}

async function setTextCompression(db: Kysely<unknown>, method: 'lz4' | 'default'): Promise<void> {
  for (const table of ['search_document', 'search_rank']) {
    await sql`alter table ${sql.table(table)} alter column document set compression ${sql.raw(method)}`.execute(db);
  }
}
