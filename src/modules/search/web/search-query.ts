/**
 * The search page's state, all of it in the query string (`?q=…&sort=date&page=2&year=last5&pt=review`),
 * so that a search can be bookmarked, shared and reached again with the back button. Junk in a shared
 * link is dropped rather than refused: only the search itself can be wrong, and the page says where.
 */
import { z } from 'zod';
import { FACET_KINDS, FACET_PARAMETERS, type FacetKind, type FacetSelection, isFacetValue } from '../facets/facet-selection.js';

/** Results per page. */
export const SEARCH_PAGE_SIZE = 20;
/** How deep paging goes: 500 pages of 20 (PubMed shows no more than 10,000 results either). */
export const MAX_RESULT_DEPTH = 10_000;
export const MAX_PAGE = MAX_RESULT_DEPTH / SEARCH_PAGE_SIZE;
/** Values one facet kind may choose at once. */
const MAX_FACET_VALUES = 20;

export const SORTS = ['relevance', 'date'] as const;
export type Sort = (typeof SORTS)[number];

const facetValues = (kind: FacetKind) =>
  z
    .union([z.string(), z.array(z.string())])
    .optional()
    .catch(undefined)
    .transform((value) => {
      const values = value === undefined ? [] : Array.isArray(value) ? value : [value];
      return [...new Set(values.map((v) => v.trim()).filter((v) => isFacetValue(kind, v)))].slice(0, MAX_FACET_VALUES);
    });

export const searchQuery = z.object({
  q: z
    .string()
    .max(4000)
    .optional()
    .catch(undefined)
    // PostgreSQL cannot hold a NUL character; the tokenizer would only drop it anyway.
    .transform((s) => s?.replaceAll('\0', '').trim() || undefined),
  sort: z.enum(SORTS).catch('relevance').default('relevance'),
  page: z.coerce.number().int().min(1).max(MAX_PAGE).catch(1).default(1),
  year: facetValues('year'),
  pt: facetValues('publicationType'),
  la: facetValues('language'),
  mh: facetValues('heading'),
  jn: facetValues('journal'),
});
export type SearchQuery = z.output<typeof searchQuery>;

export function selectionOf(query: SearchQuery): FacetSelection {
  return { year: query.year, publicationType: query.pt, language: query.la, heading: query.mh, journal: query.jn };
}

/** What to change in a search's URL; anything not named stays, except the page, which goes back to 1. */
export interface SearchChange {
  readonly q?: string;
  readonly sort?: Sort;
  readonly page?: number;
  readonly selection?: FacetSelection;
}

/**
 * The URL of this search with some of its state changed (page 1, relevance and empty values are left out).
 *
 * ### Examples
 * searchHref(query, { page: 3 })                                   // "/search?q=asthma&pt=review&page=3"
 * searchHref(query, { selection: { ...selectionOf(query), publicationType: [] } })  // the review filter removed
 */
export function searchHref(query: SearchQuery, change: SearchChange = {}): string {
  const params = new URLSearchParams();
  const q = change.q ?? query.q;
  if (q) params.set('q', q);
  const sort = change.sort ?? query.sort;
  if (sort !== 'relevance') params.set('sort', sort);
  const selection = change.selection ?? selectionOf(query);
  for (const kind of FACET_KINDS) for (const value of selection[kind]) params.append(FACET_PARAMETERS[kind], value);
  const page = change.page ?? 1;
  if (page > 1) params.set('page', String(page));
  const text = params.toString();
  return text ? `/search?${text}` : '/search';
}

/** The selection with one value added, or removed when it is there. */
export function toggled(selection: FacetSelection, kind: FacetKind, value: string): FacetSelection {
  const values = selection[kind];
  return { ...selection, [kind]: values.includes(value) ? values.filter((v) => v !== value) : [...values, value] };
}
