import { type Kysely, sql } from 'kysely';
import { dialectOf } from '../dialect.js';

/**
 * The Boolean search index (docs/search-engine.md). Text is stored pre-tokenised by khub's own tokenizer,
 * so neither engine's word rules decide what matches: on SQLite an FTS5 table whose unicode61 tokenizer
 * only splits on the spaces khub put there; on PostgreSQL a tsvector built by khub, with each token
 * prefixed by its field (`ti:heart`), so a field restriction is a choice of lexemes.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const postgres = dialectOf(db) === 'postgres';
  // "C" collation: value and vocabulary prefix searches are byte-order ranges, as on SQLite.
  const key = postgres ? sql`text collate "C"` : sql`text`;
  await sql`create table search_document (
    record_id ${postgres ? sql`bigint` : sql`integer`} primary key,
    record_updated_at text not null,
    pub_start integer, pub_end integer,
    added_day integer not null,
    has_abstract integer not null,
    pmid text, doi text
    ${postgres ? sql`, document tsvector not null` : sql``}
  )`.execute(db);
  await sql`create index search_document_pub_idx on search_document (pub_start, pub_end)`.execute(db);
  await sql`create index search_document_added_idx on search_document (added_day)`.execute(db);
  await sql`create index search_document_pmid_idx on search_document (pmid)`.execute(db);
  await sql`create index search_document_doi_idx on search_document (doi)`.execute(db);
  if (postgres) {
    await sql`create index search_document_text_idx on search_document using gin (document)`.execute(db);
  } else {
    await sql`create virtual table search_fts using fts5(
      title, abstract, keywords, mesh, pubtype, authors, journal, language,
      content = '', contentless_delete = 1, detail = full, prefix = '2 3',
      tokenize = 'unicode61 remove_diacritics 0'
    )`.execute(db);
  }
  await sql`create table search_heading (
    record_id ${postgres ? sql`bigint` : sql`integer`} not null,
    descriptor_ui text, name_key ${key} not null, major integer not null,
    qualifier ${key} not null, qualifier_major integer not null
  )`.execute(db);
  await sql`create index search_heading_record_idx on search_heading (record_id)`.execute(db);
  await sql`create index search_heading_ui_idx on search_heading (descriptor_ui, qualifier)`.execute(db);
  await sql`create index search_heading_name_idx on search_heading (name_key, qualifier)`.execute(db);
  await sql`create index search_heading_qualifier_idx on search_heading (qualifier)`.execute(db);
  await sql`create table search_value (
    record_id ${postgres ? sql`bigint` : sql`integer`} not null,
    kind text not null, ordinal integer not null, value_key ${key} not null
  )`.execute(db);
  await sql`create index search_value_record_idx on search_value (record_id)`.execute(db);
  await sql`create index search_value_key_idx on search_value (kind, value_key)`.execute(db);
  await sql`create table search_term (token ${key} primary key)${postgres ? sql`` : sql` without rowid`}`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['search_term', 'search_value', 'search_heading', 'search_document']) await sql`drop table ${sql.table(table)}`.execute(db);
  if (dialectOf(db) === 'sqlite') await sql`drop table search_fts`.execute(db);
}
