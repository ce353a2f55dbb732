/**
 * What a saved search finds that is new: the records matching its search and filters whose
 * `record.added_at` (the exact time khub first stored them) lies after the alert's last run. Runs
 * compare against a watermark — the newest `added_at` among records in the search index — rather
 * than the clock, so a record imported before a run but indexed after it is still new next time.
 */
import { type Kysely, type Transaction, sql } from 'kysely';
import type { Database } from '../../../platform/db/database.js';
import { dialectOf } from '../../../platform/db/dialect.js';
import { type StoredRecord, streamRecords } from '../../records/index.js';
import { compileQuery } from '../backends/compile.js';
import { QueryResolutionError } from '../engine/errors.js';
import { executeSearch } from '../engine/plan.js';
import { resolveQuery } from '../engine/resolve.js';
import { narrowSearch } from '../facets/facet-filters.js';
import type { FacetSelection } from '../facets/facet-selection.js';
import { QuerySyntaxError } from '../query/errors.js';
import { parseQuery } from '../query/parser.js';

type Db = Kysely<Database> | Transaction<Database>;

/** Records an alert email lists; any more are counted and reached through the search's link. */
export const MAX_LISTED_RECORDS = 50;

export type NewRecords =
  | { readonly kind: 'found'; readonly total: number; readonly records: readonly StoredRecord[] }
  | { readonly kind: 'failed'; readonly message: string };

/**
 * The newest `added_at` up to which every record is in the index, or null when none is. Normally the
 * newest indexed record's; while a sync is part-way through (it indexes by id, and one import's records
 * can share an `added_at`), it stops short of the oldest record still waiting, so that record and any
 * added with it are new to the next run instead of being passed over.
 */
export async function indexWatermark(db: Db): Promise<string | null> {
  const waiting = await db
    .selectFrom('record as r')
    .leftJoin('search_document as d', 'd.record_id', 'r.id')
    .where('d.record_id', 'is', null)
    .select((eb) => eb.fn.min('r.added_at').as('oldest'))
    .executeTakeFirst();
  let indexed = db.selectFrom('record as r').innerJoin('search_document as d', 'd.record_id', 'r.id').select((eb) => eb.fn.max('r.added_at').as('newest'));
  if (waiting?.oldest) indexed = indexed.where('r.added_at', '<', waiting.oldest);
  return (await indexed.executeTakeFirst())?.newest ?? null;
}

/** Why a saved search cannot run (it was checked when saved, but the thesaurus may have changed since). */
export function searchFailure(error: unknown): string | undefined {
  if (error instanceof QuerySyntaxError) return `${error.message} (at column ${error.column})`;
  if (error instanceof QueryResolutionError) return error.problems.map((problem) => problem.message).join(' ');
  return undefined;
}

/**
 * The records matching the search and filters added after `since` and up to `until` (watermarks;
 * `since` null means from the first record), oldest first, at most `limit` of them, with their count.
 *
 * ### Examples
 * await newRecordsBetween(db, { query: 'asthma[mh]', filters: NO_FACETS }, alert.lastAddedAt, await indexWatermark(db), new Date())
 * // { kind: 'found', total: 3, records: [{ id: 41, title: … }, …] }
 */
export async function newRecordsBetween(
  db: Db,
  search: { readonly query: string; readonly filters: FacetSelection },
  since: string | null,
  until: string | null,
  now: Date,
  limit = MAX_LISTED_RECORDS,
): Promise<NewRecords> {
  if (until === null || (since !== null && since >= until)) return { kind: 'found', total: 0, records: [] };
  let narrowed;
  try {
    const resolved = await resolveQuery(db, parseQuery(search.query).root);
    const dialect = dialectOf(db);
    narrowed = narrowSearch(dialect, compileQuery(dialect, resolved), search.filters, now.getUTCFullYear());
  } catch (error) {
    const message = searchFailure(error);
    if (message === undefined) throw error;
    return { kind: 'failed', message };
  }
  const added = since === null ? sql`r.added_at <= ${until}` : sql`r.added_at > ${since} and r.added_at <= ${until}`;
  const { rows: counted } = await executeSearch(db, sql<{ n: number | string }>`
    select count(*) as n from record r where r.id in (${narrowed}) and ${added}`);
  const total = Number(counted[0]?.n ?? 0);
  if (total === 0) return { kind: 'found', total, records: [] };
  const { rows } = await executeSearch(db, sql<{ id: number | string }>`
    select r.id from record r where r.id in (${narrowed}) and ${added} order by r.added_at, r.id limit ${limit}`);
  const order = new Map(rows.map((row, index) => [Number(row.id), index]));
  const records: StoredRecord[] = [];
  for await (const record of streamRecords(db, { ids: [...order.keys()] })) records.push(record);
  records.sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
  return { kind: 'found', total, records };
}
