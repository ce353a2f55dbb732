/**
 * Any page of a search's results, not only the first: best first (the order `firstRankedPage` gives,
 * continued) or newest first. The set is always exactly the Boolean answer (`within`, a compiled
 * search, possibly narrowed by facets); these functions only order it and cut a page from it.
 */
import { type Kysely, type RawBuilder, type Transaction, sql } from 'kysely';
import type { Database } from '../../../platform/db/database.js';
import { streamRecords } from '../../records/index.js';
import type { ResolvedNode } from '../engine/resolved.js';
import type { RankedResult } from './ranked-page.js';
import { rankRecords } from './rank-index.js';
import { highlightTerms, recordSnippet } from './snippets.js';
import { executeSearch } from '../engine/plan.js';

type Db = Kysely<Database> | Transaction<Database>;

export interface PageWindow {
  readonly offset: number;
  readonly limit: number;
  /** The set's size, when the caller has it: a page past the end then costs nothing. */
  readonly hits?: number;
}

/**
 * The ids of one page in relevance order: the records holding the search's words ranked by the
 * ranking index, then the rest (matched by a heading or value alone) by id, as `firstRankedPage` does.
 * The ranked part is paged by the ranking index itself; only a page that reaches past it asks for
 * the whole ranked part (at most `offset + limit` ids) so the unranked records after it can be found.
 *
 * ### Examples
 * await rankedIdsPage(db, compileQuery(dialect, resolved), ['hip', 'fracture'], { offset: 20, limit: 20 })  // the 21st to 40th best
 */
export async function rankedIdsPage(db: Db, within: RawBuilder<unknown>, words: readonly string[], window: PageWindow): Promise<number[]> {
  const { offset, limit } = window;
  if (limit <= 0 || (window.hits !== undefined && offset >= window.hits)) return [];
  const text = words.join(' ');
  const ranked = (await rankRecords(db, text, { limit, offset, within })).map((hit) => hit.recordId);
  if (ranked.length === limit || ranked.length + offset === window.hits) return ranked;
  // The ranked records ran out before this page's end: the page continues with the unranked ones.
  const allRanked = offset === 0 ? ranked : (await rankRecords(db, text, { limit: offset + limit, within })).map((hit) => hit.recordId);
  const rankedSet = new Set(allRanked);
  const skip = Math.max(0, offset - allRanked.length);
  const wanted = limit - ranked.length;
  const { rows } = await executeSearch(db, sql<{ id: number | string }>`
    select id from (${within}) as matches order by id limit ${skip + wanted + allRanked.length}`);
  const unranked = rows.map((row) => Number(row.id)).filter((id) => !rankedSet.has(id));
  return [...ranked, ...unranked.slice(skip, skip + wanted)];
}

/**
 * The ids of one page, newest publication first (records without a date last), then by id.
 *
 * ### Examples
 * await newestIdsPage(db, compileQuery(dialect, resolved), { offset: 0, limit: 20 })
 */
export async function newestIdsPage(db: Db, within: RawBuilder<unknown>, window: PageWindow): Promise<number[]> {
  if (window.limit <= 0 || (window.hits !== undefined && window.offset >= window.hits)) return [];
  // coalesce: PostgreSQL sorts nulls first in descending order, SQLite last; both must put them last.
  const { rows } = await executeSearch(db, sql<{ id: number | string }>`
    select d.record_id as id from search_document d where d.record_id in (${within})
    order by coalesce(d.pub_start, 0) desc, d.record_id
    limit ${window.limit} offset ${window.offset}`);
  return rows.map((row) => Number(row.id));
}

/**
 * The records with these ids, in this order, each with its snippet for the resolved search.
 *
 * ### Examples
 * await resultsWithSnippets(db, await newestIdsPage(db, within, { offset: 0, limit: 20 }), resolved)
 */
export async function resultsWithSnippets(db: Db, ids: readonly number[], resolved: ResolvedNode): Promise<RankedResult[]> {
  if (ids.length === 0) return [];
  const highlight = highlightTerms(resolved);
  const results: RankedResult[] = [];
  for await (const record of streamRecords(db, { ids })) results.push({ record, snippet: recordSnippet(record, highlight) });
  return results;
}
