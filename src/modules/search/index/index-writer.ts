/** Writes and deletes records' index rows, in the caller's transaction. */
import { type Kysely, type Transaction, sql } from 'kysely';
import type { Database } from '../../../platform/db/database.js';
import { dialectOf } from '../../../platform/db/dialect.js';
import type { StoredRecord } from '../../records/index.js';
import { deleteRankDocuments, rankDocumentFor, writeRankDocuments } from '../ranking/rank-index.js';
import { TEXT_FIELDS } from '../query/ast.js';
import { type BulkColumn, bulkInsert } from './bulk-insert.js';
import { FTS_COLUMNS, ftsColumns, indexRows, tsvectorLiteral } from './index-rows.js';

type Db = Kysely<Database> | Transaction<Database>;

const DELETE_CHUNK = 900;

const DOCUMENT_COLUMNS: BulkColumn[] = [
  { name: 'record_id', pgType: 'bigint' },
  { name: 'record_updated_at', pgType: 'text' },
  { name: 'pub_start', pgType: 'integer' },
  { name: 'pub_end', pgType: 'integer' },
  { name: 'added_day', pgType: 'integer' },
  { name: 'has_abstract', pgType: 'integer' },
  { name: 'pmid', pgType: 'text' },
  { name: 'doi', pgType: 'text' },
];
const HEADING_COLUMNS: BulkColumn[] = [
  { name: 'record_id', pgType: 'bigint' },
  { name: 'descriptor_ui', pgType: 'text' },
  { name: 'name_key', pgType: 'text' },
  { name: 'major', pgType: 'integer' },
  { name: 'qualifier', pgType: 'text' },
  { name: 'qualifier_major', pgType: 'integer' },
];
const VALUE_COLUMNS: BulkColumn[] = [
  { name: 'record_id', pgType: 'bigint' },
  { name: 'kind', pgType: 'text' },
  { name: 'ordinal', pgType: 'integer' },
  { name: 'value_key', pgType: 'text' },
];
const FTS_INSERT_COLUMNS: BulkColumn[] = [{ name: 'rowid', pgType: 'bigint' }, ...TEXT_FIELDS.map((f) => ({ name: FTS_COLUMNS[f], pgType: 'text' as const }))];

/** Removes records from the index (ids not indexed are ignored). */
export async function deleteIndexed(db: Db, recordIds: readonly number[]): Promise<void> {
  const postgres = dialectOf(db) === 'postgres';
  for (let i = 0; i < recordIds.length; i += DELETE_CHUNK) {
    const ids = sql.join(recordIds.slice(i, i + DELETE_CHUNK));
    for (const table of ['search_document', 'search_heading', 'search_value']) {
      await sql`delete from ${sql.table(table)} where record_id in (${ids})`.execute(db);
    }
    if (!postgres) await sql`delete from search_fts where rowid in (${ids})`.execute(db);
  }
  await deleteRankDocuments(db, recordIds);
}

/**
 * Indexes records, replacing what the index held for them; `indexed` says which of them it holds
 * (deleting an id FTS5 does not hold still costs it a tombstone, so only those are deleted).
 */
export async function writeIndexed(db: Db, records: readonly StoredRecord[], indexed: (id: number) => boolean = () => true): Promise<void> {
  if (records.length === 0) return;
  await deleteIndexed(
    db,
    records.map((r) => r.id).filter(indexed),
  );
  const rows = records.map(indexRows);
  const postgres = dialectOf(db) === 'postgres';
  if (postgres) {
    const columns = [...DOCUMENT_COLUMNS, { name: 'document', pgType: 'tsvector' as const }];
    await bulkInsert(db, 'search_document', columns, rows.map((r) => [...r.document, tsvectorLiteral(r.text)]));
  } else {
    await bulkInsert(db, 'search_document', DOCUMENT_COLUMNS, rows.map((r) => r.document));
    await bulkInsert(db, 'search_fts', FTS_INSERT_COLUMNS, rows.map((r) => [r.recordId, ...ftsColumns(r.text)]));
  }
  await bulkInsert(db, 'search_heading', HEADING_COLUMNS, rows.flatMap((r) => r.headings));
  await bulkInsert(db, 'search_value', VALUE_COLUMNS, rows.flatMap((r) => r.values));
  const tokens = new Set<string>();
  for (const r of rows) for (const token of r.tokens) tokens.add(token);
  await bulkInsert(db, 'search_term', [{ name: 'token', pgType: 'text' }], [...tokens].sort().map((t) => [t]), 'on conflict do nothing');
  await writeRankDocuments(db, records.map(rankDocumentFor));
}

/** Empties the whole index, vocabulary included. */
export async function clearIndex(db: Db): Promise<void> {
  for (const table of ['search_document', 'search_heading', 'search_value', 'search_term']) await sql`delete from ${sql.table(table)}`.execute(db);
  if (dialectOf(db) === 'sqlite') {
    await sql`insert into search_fts (search_fts) values ('delete-all')`.execute(db);
    await sql`insert into search_rank (search_rank) values ('delete-all')`.execute(db);
  } else {
    await sql`delete from search_rank`.execute(db);
  }
}
