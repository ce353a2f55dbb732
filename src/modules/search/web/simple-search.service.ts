/**
 * One simple search, as the page runs it: read the box (any syntax the engine accepts), resolve,
 * count the result set and its facets, then cut the page the URL asks for. A search that cannot run
 * comes back as its syntax error or its problems (each with where in the box), never as a failure.
 */
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../../platform/db/database.js';
import { dialectOf } from '../../../platform/db/dialect.js';
import { compileQuery } from '../backends/compile.js';
import { QueryResolutionError, type SearchProblem } from '../engine/errors.js';
import { resolveQuery } from '../engine/resolve.js';
import { countFacets } from '../facets/facet-counts.js';
import { narrowSearch } from '../facets/facet-filters.js';
import { type NamedFacetValue, nameFacets } from '../facets/facet-labels.js';
import type { FacetKind } from '../facets/facet-selection.js';
import type { QueryNode } from '../query/ast.js';
import { QuerySyntaxError } from '../query/errors.js';
import { parseQuery } from '../query/parser.js';
import { printCanonical } from '../query/print-canonical.js';
import { type RankedResult, searchWords } from '../ranking/ranked-page.js';
import { newestIdsPage, rankedIdsPage, resultsWithSnippets } from '../ranking/ranked-pages.js';
import { type DidYouMean, FEW_RESULTS, didYouMean } from '../suggest/did-you-mean.js';
import { SEARCH_PAGE_SIZE, type SearchQuery, selectionOf } from './search-query.js';
import { executeSearch } from '../engine/plan.js';
import type { LineResolver } from '../engine/lines.js';
import { referencedLabels } from '../history/line-references.js';

export type SimpleSearchOutcome =
  | { readonly kind: 'empty' }
  | { readonly kind: 'syntaxError'; readonly error: QuerySyntaxError }
  | { readonly kind: 'problems'; readonly problems: readonly SearchProblem[] }
  | {
      readonly kind: 'results';
      readonly node: QueryNode;
      /** How khub read the search (the canonical form). */
      readonly readAs: string;
      /** Records matching the search and the chosen facets. */
      readonly total: number;
      /** The page shown: the one asked for, or the last one when the search has fewer pages. */
      readonly page: number;
      readonly results: readonly RankedResult[];
      readonly facets: Readonly<Record<FacetKind, readonly NamedFacetValue[]>>;
      /** For a search with fewer than FEW_RESULTS results: a respelt search that finds more, with the same filters. */
      readonly didYouMean?: DidYouMean;
    };

export interface SimpleSearchOptions {
  /** The searcher's history, asked for only when the search refers to lines (`#3`). */
  readonly lineResolver?: () => Promise<LineResolver>;
}

/**
 * Runs the search a search page's URL describes.
 *
 * ### Examples
 * await runSimpleSearch(db, searchQuery.parse({ q: 'asthma[mh] inhaler*', pt: 'review' }), new Date())
 * // { kind: 'results', total: 12, page: 1, results: [{ record, snippet }, …], facets: { year: […], … } }
 */
export async function runSimpleSearch(db: Kysely<Database>, query: SearchQuery, now: Date, options: SimpleSearchOptions = {}): Promise<SimpleSearchOutcome> {
  if (!query.q) return { kind: 'empty' };
  let node: QueryNode;
  try {
    node = parseQuery(query.q).root;
  } catch (error) {
    if (error instanceof QuerySyntaxError) return { kind: 'syntaxError', error };
    throw error;
  }
  const resolveLine = referencedLabels(node).length > 0 ? await options.lineResolver?.() : undefined;
  let resolved;
  try {
    resolved = await resolveQuery(db, node, { resolveLine });
  } catch (error) {
    if (error instanceof QueryResolutionError) return { kind: 'problems', problems: error.problems };
    throw error;
  }
  const dialect = dialectOf(db);
  const currentYear = now.getUTCFullYear();
  const selection = selectionOf(query);
  const within = compileQuery(dialect, resolved);
  const counted = await countFacets(db, within, selection, currentYear);
  const total = counted.total;
  const page = Math.max(1, Math.min(query.page, Math.ceil(total / SEARCH_PAGE_SIZE)));
  const narrowed = narrowSearch(dialect, within, selection, currentYear);
  const window = { offset: (page - 1) * SEARCH_PAGE_SIZE, limit: SEARCH_PAGE_SIZE, hits: total };
  const countFiltered = async (candidate: QueryNode) => {
    const statement = narrowSearch(dialect, compileQuery(dialect, await resolveQuery(db, candidate, { resolveLine })), selection, currentYear);
    const { rows } = await executeSearch(db, sql<{ n: number | string }>`select count(*) as n from (${statement}) as narrowed`);
    return Number(rows[0]?.n ?? 0);
  };
  const ids = query.sort === 'date' ? await newestIdsPage(db, narrowed, window) : await rankedIdsPage(db, narrowed, searchWords(node), window);
  return {
    kind: 'results',
    node,
    readAs: printCanonical(node).text,
    total,
    page,
    results: await resultsWithSnippets(db, ids, resolved),
    facets: await nameFacets(db, counted, selection, currentYear),
    didYouMean: total < FEW_RESULTS ? await didYouMean(db, query.q, total, countFiltered) : undefined,
  };
}
