/**
 * What an export from the search pages (or the API) writes: the marked records, the page shown, or the
 * whole result set of a search with its filters. Ids arrive a page at a time and records are read a
 * page at a time, so a result set of any size streams without being held in memory.
 */
import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { Database } from '../../../platform/db/database.js';
import { dialectOf } from '../../../platform/db/dialect.js';
import { type StoredRecord, streamRecords } from '../../records/index.js';
import { compileQuery } from '../backends/compile.js';
import { executeSearch } from '../engine/plan.js';
import { resolveQuery } from '../engine/resolve.js';
import type { LineResolver } from '../engine/lines.js';
import type { ResolvedNode } from '../engine/resolved.js';
import { narrowSearch } from '../facets/facet-filters.js';
import type { QueryNode } from '../query/ast.js';
import { parseQuery } from '../query/parser.js';
import { searchWords } from '../ranking/ranked-page.js';
import { newestIdsPage, rankedIdsPage } from '../ranking/ranked-pages.js';
import { streamMarkedIds } from '../marked/marked.service.js';
import { type SearchQuery, selectionOf } from './search-query.js';

export const EXPORT_SCOPES = ['page', 'all', 'marked'] as const;
export type ExportScope = (typeof EXPORT_SCOPES)[number];

/** Ids read per query when walking a whole result set. */
export const EXPORT_ID_PAGE = 500;

/** A search read, resolved and compiled, narrowed by its facet choices. */
export interface CompiledSearch {
  readonly node: QueryNode;
  readonly resolved: ResolvedNode;
  /** The search alone (`select id …`), before the facet choices. */
  readonly within: RawBuilder<unknown>;
  /** The search with its facet choices. */
  readonly narrowed: RawBuilder<unknown>;
}

/**
 * Compiles a search; a syntax error (`QuerySyntaxError`) or problems (`QueryResolutionError`) are thrown.
 * `resolveLine` answers line references (`#3`) from the searcher's history.
 */
export async function compileSearch(db: Kysely<Database>, text: string, query: SearchQuery, now: Date, resolveLine?: LineResolver): Promise<CompiledSearch> {
  const node = parseQuery(text).root;
  const resolved = await resolveQuery(db, node, { resolveLine });
  const dialect = dialectOf(db);
  const within = compileQuery(dialect, resolved);
  return { node, resolved, within, narrowed: narrowSearch(dialect, within, selectionOf(query), now.getUTCFullYear()) };
}

/** One page of a compiled search's ids, in the search's order. */
export function searchIdsPage(db: Kysely<Database>, search: CompiledSearch, sort: SearchQuery['sort'], window: { offset: number; limit: number; hits?: number }): Promise<number[]> {
  return sort === 'date' ? newestIdsPage(db, search.narrowed, window) : rankedIdsPage(db, search.narrowed, searchWords(search.node), window);
}

/**
 * Every id of the result set, newest first then by id (the order of the "Newest first" pages), a page
 * at a time. Keyset paging (after the last key seen, never OFFSET) keeps each query as cheap as the first.
 */
export async function* streamSearchIds(db: Kysely<Database>, search: CompiledSearch, pageSize = EXPORT_ID_PAGE): AsyncGenerator<number[]> {
  const key = sql`coalesce(d.pub_start, 0)`;
  for (let after: { key: number; id: number } | undefined; ; ) {
    const from = after ? sql`and (${key} < ${after.key} or (${key} = ${after.key} and d.record_id > ${after.id}))` : sql``;
    const { rows } = await executeSearch(db, sql<{ id: number | string; k: number | string }>`
      select d.record_id as id, ${key} as k from search_document d where d.record_id in (${search.narrowed}) ${from}
      order by ${key} desc, d.record_id limit ${pageSize}`);
    if (rows.length > 0) yield rows.map((row) => Number(row.id));
    const final = rows.at(-1);
    if (!final || rows.length < pageSize) return;
    after = { key: Number(final.k), id: Number(final.id) };
  }
}

/** The records of each page of ids, in order, reading one page of records at a time. */
export async function* recordsOf(db: Kysely<Database>, idPages: AsyncIterable<readonly number[]>): AsyncGenerator<StoredRecord> {
  for await (const ids of idPages) yield* streamRecords(db, { ids });
}

async function* once(ids: readonly number[]): AsyncGenerator<readonly number[]> {
  if (ids.length > 0) yield ids;
}

/** What to export and for whom: the search's state, and the owner whose marked list `marked` means. */
export interface ExportRequest {
  readonly scope: ExportScope;
  readonly query: SearchQuery;
  /** Results per page, for `page` (the pages show 20; the API lets a client choose). */
  readonly pageSize: number;
  readonly owner: string | null;
  readonly now: Date;
  /** The searcher's history lines, for a search that refers to them (`#3`). */
  readonly resolveLine?: LineResolver;
}

/**
 * The ids to export, a page at a time. A search that cannot run throws here, before anything is sent.
 *
 * ### Examples
 * recordsOf(db, await exportIdPages(db, { scope: 'all', query, pageSize: 20, owner, now }))
 */
export async function exportIdPages(db: Kysely<Database>, request: ExportRequest): Promise<AsyncIterable<readonly number[]>> {
  const { scope, query } = request;
  if (scope === 'marked') return request.owner ? streamMarkedIds(db, request.owner) : once([]);
  if (!query.q) return once([]);
  const search = await compileSearch(db, query.q, query, request.now, request.resolveLine);
  if (scope === 'all') return streamSearchIds(db, search);
  return once(await searchIdsPage(db, search, query.sort, { offset: (query.page - 1) * request.pageSize, limit: request.pageSize }));
}
