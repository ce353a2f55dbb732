import { type Kysely, sql } from 'kysely';
import { dialectOf } from '../dialect.js';

/**
 * The ranking index: words stemmed (Porter on SQLite, the `english` configuration on PostgreSQL) and
 * weighted by field, used only to order results. Boolean matching never uses it, so a truncation or
 * a phrase means exactly what the searcher wrote.
 *
 * PostgreSQL: with the RUM extension the index hands back matches in rank order, so the first page of
 * a broad search does not rank every match; without RUM (it is a separate package) a GIN index is used.
 * The extension lives in `public` so that every schema in the database can share it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  if (dialectOf(db) === 'sqlite') {
    await sql`create virtual table search_rank using fts5(
      title, abstract, keywords, headings,
      content = '', contentless_delete = 1, tokenize = 'porter unicode61 remove_diacritics 2'
    )`.execute(db);
    return;
  }
  await sql`create table search_rank (record_id bigint primary key, document tsvector not null)`.execute(db);
  if (await rumAvailable(db)) {
    // Test files migrate their own schemas at the same time; the lock keeps two from creating it at once.
    await sql`select pg_advisory_xact_lock(hashtext('khub: create extension rum'))`.execute(db);
    await sql`create extension if not exists rum schema public`.execute(db);
    await sql`create index search_rank_document_idx on search_rank using rum (document public.rum_tsvector_ops)`.execute(db);
  } else {
    await sql`create index search_rank_document_idx on search_rank using gin (document)`.execute(db);
  }
}

/** RUM is usable when it is installed in this database already, or installable by this role. */
async function rumAvailable(db: Kysely<unknown>): Promise<boolean> {
  const { rows } = await sql<{ installed: boolean; available: boolean; superuser: boolean }>`
    select exists (select 1 from pg_extension where extname = 'rum') as installed,
           exists (select 1 from pg_available_extensions where name = 'rum') as available,
           (select rolsuper from pg_roles where rolname = current_user) as superuser`.execute(db);
  const row = rows[0];
  return Boolean(row && (row.installed || (row.available && row.superuser)));
}

export async function down(db: Kysely<unknown>): Promise<void> {
  // The RUM extension stays: other schemas in the database may use it.
  await sql`drop table search_rank`.execute(db);
}
