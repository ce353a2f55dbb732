/**
 * The ranking index (migration 0015): stemmed, field-weighted text used only to order results.
 * SQLite ranks with FTS5's BM25; PostgreSQL with `ts_rank_cd` (through RUM's `<=>` when RUM is there).
 * Rankings differ between the two engines; the sets a Boolean search returns never do.
 */
import { type Kysely, type RawBuilder, type Transaction, sql } from 'kysely';
import type { Database } from '../../../platform/db/database.js';
import { dialectOf } from '../../../platform/db/dialect.js';
import type { StoredRecord } from '../../records/index.js';
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

const CHUNK = 200;

/** Replaces the ranking entries of these records (call inside the indexing transaction). */
export async function writeRankDocuments(db: Db, documents: readonly RankDocument[]): Promise<void> {
  if (documents.length === 0) return;
  await deleteRankDocuments(
    db,
    documents.map((d) => d.recordId),
  );
  const postgres = dialectOf(db) === 'postgres';
  for (let i = 0; i < documents.length; i += CHUNK) {
    const part = documents.slice(i, i + CHUNK);
    if (postgres) {
      const rows = part.map(
        (d) =>
          sql`(${d.recordId}, setweight(to_tsvector('english', ${d.title}), 'A') || setweight(to_tsvector('english', ${`${d.keywords} ${d.headings}`}), 'B') || setweight(to_tsvector('english', ${d.abstract}), 'C'))`,
      );
      await sql`insert into search_rank (record_id, document) values ${sql.join(rows)}`.execute(db);
    } else {
      const rows = part.map((d) => sql`(${d.recordId}, ${d.title}, ${d.abstract}, ${d.keywords}, ${d.headings})`);
      await sql`insert into search_rank (rowid, title, abstract, keywords, headings) values ${sql.join(rows)}`.execute(db);
    }
  }
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
    const within = options.within ? sql`and rowid in (${options.within})` : sql``;
    const { rows } = await sql<{ id: number; score: number }>`
      select rowid as id, -bm25(search_rank, ${weights}) as score from search_rank
      where search_rank match ${match} ${within}
      order by bm25(search_rank, ${weights}), rowid limit ${options.limit} offset ${offset}`.execute(db);
    return rows.map((row) => ({ recordId: Number(row.id), score: row.score }));
  }
  const query = sql`to_tsquery('english', ${terms.join(' | ')})`;
  const within = options.within ? sql`and record_id in (${options.within})` : sql``;
  const order = (await usesRum(db)) ? sql`document operator(public.<=>) ${query}` : sql`ts_rank(document, ${query}, 1) desc`;
  const { rows } = await sql<{ id: string; score: number }>`
    select record_id as id, ts_rank(document, ${query}, 1) as score from search_rank
    where document @@ ${query} ${within}
    order by ${order}, record_id limit ${options.limit} offset ${offset}`.execute(db);
  return rows.map((row) => ({ recordId: Number(row.id), score: Number(row.score) }));
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
