/**
 * What the search results and record pages add for marking and exporting: which shown records are
 * marked, the "Marked (N)" link, where a mark form returns to, and the export form.
 */
import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../../../platform/db/database.js';
import { countMarked, markedAmong } from '../marked/marked.service.js';
import { type ExportFormModel, resultsExportForm } from './export-form.view.js';
import { markedOwner } from './marked-owner.js';
import type { SearchQuery } from './search-query.js';

export const MARKED_PAGE = '/search/marked';

export interface MarkedState {
  readonly count: number;
  readonly href: string;
  /** Ids of the shown records that are on the list. */
  readonly ids: readonly number[];
  /** The page a mark form comes back to. */
  readonly returnTo: string;
}

async function state(db: Kysely<Database>, request: FastifyRequest, shown: readonly number[], returnTo: string): Promise<MarkedState> {
  const owner = await markedOwner(db, request);
  if (!owner) return { count: 0, href: MARKED_PAGE, ids: [], returnTo };
  return { count: await countMarked(db, owner), href: MARKED_PAGE, ids: [...(await markedAmong(db, owner, shown))], returnTo };
}

/**
 * For the results page: the marked state of its records and its export form (nothing before a search).
 *
 * ### Examples
 * reply.view('search/views/search.njk', { ...view, ...(await markedSearchContext(app.db, request, query, view)) })
 */
export async function markedSearchContext(
  db: Kysely<Database>,
  request: FastifyRequest,
  query: SearchQuery,
  view: object,
): Promise<{ marked: MarkedState; exportForm?: ExportFormModel }> {
  // The page's model has items and a result only when the search ran.
  const shown = view as { readonly items?: readonly { readonly id: number }[]; readonly result?: { readonly total: number } };
  const items = shown.items ?? [];
  const marked = await state(db, request, items.map((item) => item.id), request.url);
  if (!shown.result || items.length === 0) return { marked };
  return { marked, exportForm: resultsExportForm(query, { page: items.length, total: shown.result.total, marked: marked.count }) };
}

/** For a record's page: whether the record is marked. */
export async function markedRecordContext(db: Kysely<Database>, request: FastifyRequest, recordId: number): Promise<{ marked: MarkedState & { readonly recordId: number; readonly isMarked: boolean } }> {
  const marked = await state(db, request, [recordId], `/records/${recordId}`);
  return { marked: { ...marked, recordId, isMarked: marked.ids.includes(recordId) } };
}
