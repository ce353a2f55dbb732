/**
 * The ranking index (migration 0015): stemmed, field-weighted text used only to order results.
 * SQLite ranks with FTS5's BM25; PostgreSQL with `ts_rank_cd` (through RUM's `<=>` when RUM is there).
 * Rankings differ between the two engines; the sets a Boolean search returns never do.
 */
import { type Kysely, type RawBuilder, type Transaction, sql } from 'kysely';
import type { Database } from '../../../platform/db/database.js';
import { type BulkColumn, type EncodedRows, encodeRows, insertEncoded } from '../../../platform/db/bulk-insert.js';
import { type DialectName, dialectOf } from '../../../platform/db/dialect.js';
import type { StoredRecord } from '../../records/index.js';
import { executeSearch } from '../engine/plan.js';
import { rankingTerms } from './rank-terms.js';

type Db = Kysely<Database> | Transaction<Database>;

/** What the ranking index holds for one record. */
export interface RankDocument {
  readonly recordId: number;
  readonly title: string;
  readonly abstract: string;
  readonly keywords: string;
  /** MeSH descriptor and qualifier names. */
  readonly headings: string;
}

/**
 * BM25 weights per field, in the FTS5 column order. The title counts double: on the SciFact test
 * collection that raised nDCG@10 from 0.682 to 0.689 (see docs/relevance.md).
 */
export const FIELD_WEIGHTS = { title: 2, abstract: 1, keywords: 1, headings: 1 } as const;

/** The columns `rankRow` fills, by dialect (PostgreSQL stems the text into one weighted tsvector as it inserts). */
const SQLITE_RANK_COLUMNS: readonly BulkColumn[] = ['rowid', 'title', 'abstract', 'keywords', 'headings'].map((name) => ({ name, pgType: 'text' as const }));
const POSTGRES_RANK_WIDTH = 4;

/** A record's ranking entry as one row for `insertRankRows` on this dialect. */
export function rankRow(dialect: DialectName, document: RankDocument): unknown[] {
  const { recordId, title, abstract, keywords, headings } = document;
  return dialect === 'sqlite' ? [recordId, title, abstract, keywords, headings] : [recordId, title, abstract, `${keywords} ${headings}`];
}

/** Encodes `rankRow` rows for `insertRankRows`. */
export function encodeRankRows(dialect: DialectName, rows: readonly (readonly unknown[])[]): EncodedRows {
  return encodeRows(dialect, dialect === 'sqlite' ? SQLITE_RANK_COLUMNS.length : POSTGRES_RANK_WIDTH, rows);
}

/** Adds ranking entries (records must not have one yet; call inside the indexing transaction). */
export async function insertRankRows(db: Db, rows: EncodedRows): Promise<void> {
  if (rows.count === 0) return;
  if ('json' in rows) return insertEncoded(db, 'search_rank', SQLITE_RANK_COLUMNS, rows);
  await sql`insert into search_rank (record_id, document)
    select id, setweight(to_tsvector('english', title), 'A') || setweight(to_tsvector('english', keywords), 'B') || setweight(to_tsvector('english', abstract), 'C')
    from unnest(${rows.columns[0]}::bigint[], ${rows.columns[1]}::text[], ${rows.columns[2]}::text[], ${rows.columns[3]}::text[]) as entry(id, title, abstract, keywords)`.execute(db);
}

/** Replaces the ranking entries of these records (call inside the indexing transaction). */
export async function writeRankDocuments(db: Db, documents: readonly RankDocument[]): Promise<void> {
  if (documents.length === 0) return;
  await deleteRankDocuments(
    db,
    documents.map((d) => d.recordId),
  );
  const dialect = dialectOf(db);
  await insertRankRows(db, encodeRankRows(dialect, documents.map((d) => rankRow(dialect, d))));
}

export async function deleteRankDocuments(db: Db, recordIds: readonly number[]): Promise<void> {
  const postgres = dialectOf(db) === 'postgres';
  for (let i = 0; i < recordIds.length; i += 900) {
    const ids = recordIds.slice(i, i + 900);
    if (postgres) await sql`delete from search_rank where record_id in (${sql.join(ids)})`.execute(db);
    else await sql`delete from search_rank where rowid in (${sql.join(ids)})`.execute(db);
  }
}

export interface RankedHit {
  readonly recordId: number;
  /** Higher is better; comparable only within one search on one engine. */
  readonly score: number;
}

export interface RankOptions {
  readonly limit: number;
  readonly offset?: number;
  /** Only records in this set (a compiled Boolean search: `select <record id> …`). */
  readonly within?: RawBuilder<unknown>;
}

const rumByDatabase = new WeakMap<object, Promise<boolean>>();

/** Whether this schema's ranking index is a RUM index (checked once per database handle). */
function usesRum(db: Db): Promise<boolean> {
  let known = rumByDatabase.get(db);
  if (!known) {
    known = sql<{ rum: boolean }>`select exists (
        select 1 from pg_indexes where schemaname = current_schema() and indexname = 'search_rank_document_idx' and indexdef ilike '%using rum%'
      ) as rum`
      .execute(db)
      .then((result) => Boolean(result.rows[0]?.rum));
    rumByDatabase.set(db, known);
  }
  return known;
}

/**
 * Records ranked for free text (any word may match; stemmed; stop words dropped), best first.
 * Returns nothing for text with no searchable word.
 */
export async function rankRecords(db: Db, text: string, options: RankOptions): Promise<RankedHit[]> {
  const terms = rankingTerms(text);
  if (terms.length === 0) return [];
  const offset = options.offset ?? 0;
  if (dialectOf(db) === 'sqlite') {
    const match = terms.map((term) => `"${term}"`).join(' OR ');
    const weights = sql.join(Object.values(FIELD_WEIGHTS).map((w) => sql.lit(w)));
    // `+rowid`: without the plus FTS5 takes the IN list as rowid constraints and re-runs the MATCH once
    // per record of the set (over 100 s for a 30,000-record set at 100,000 records; 0.7 s with it).
    const within = options.within ? sql`and +rowid in (${options.within})` : sql``;
    const { rows } = await sql<{ id: number; score: number }>`
      select rowid as id, -bm25(search_rank, ${weights}) as score from search_rank
      where search_rank match ${match} ${within}
      order by bm25(search_rank, ${weights}), rowid limit ${options.limit} offset ${offset}`.execute(db);
    return rows.map((row) => ({ recordId: Number(row.id), score: row.score }));
  }
  const query = sql`to_tsquery('english', ${terms.join(' | ')})`;
  const within = options.within ? sql`and record_id in (${options.within})` : sql``;
  // Each score costs a de-toast of the record's vector, so it is computed once a record: as RUM's
  // distance (the reciprocal of its score) or as minus ts_rank.
  const rum = await usesRum(db);
  const ranking = rum
    ? // RUM returns rows in distance order straight from the index, but only when the distance is the
      // whole ORDER BY: a tie-break column makes PostgreSQL fetch and sort every match (297 → 12 ms for a
      // common word at 100,000 records). Ties are broken by id afterwards, within the page.
      sql`select record_id as id, document operator(public.<=>) ${query} as distance
        from search_rank where document @@ ${query} ${within}
        order by document operator(public.<=>) ${query} limit ${options.limit} offset ${offset}`
    : sql`select record_id as id, -ts_rank(document, ${query}, 1) as distance
        from search_rank where document @@ ${query} ${within}
        order by distance, record_id limit ${options.limit} offset ${offset}`;
  const { rows } = await executeSearch(db, sql<{ id: string; distance: number }>`select id, distance from (${ranking}) as ranked order by distance, id`);
  return rows.map((row) => ({ recordId: Number(row.id), score: rum ? 1 / Number(row.distance) : -Number(row.distance) }));
}

/** The ranking entry for a stored record. */
export function rankDocumentFor(record: StoredRecord): RankDocument {
  return {
    recordId: record.id,
    title: record.title,
    abstract: record.abstract ?? '',
    keywords: record.keywords.join('; '),
    headings: record.mesh.map((heading) => [heading.name, ...heading.qualifiers.map((q) => q.name)].join(' ')).join('; '),
  };
}
