/** Everything the search page shows, from the search's outcome and its URL state. */
import { errorSummary } from '../../../platform/forms/validation.js';
import { UnknownHeadingError } from '../engine/errors.js';
import type { NamedFacetValue } from '../facets/facet-labels.js';
import { FACET_KINDS, type FacetKind, NO_FACETS, hasFacets } from '../facets/facet-selection.js';
import { type MarkedQuery, markedQuery, spanAt } from './marked-query.js';
import { resultItem } from './result-item.view.js';
import { SEARCH_PAGE_SIZE, type SearchQuery, searchHref, selectionOf, toggled } from './search-query.js';
import type { SimpleSearchOutcome } from './simple-search.service.js';

const FACET_TITLES: Readonly<Record<FacetKind, string>> = {
  year: 'Publication year',
  publicationType: 'Publication type',
  language: 'Language',
  heading: 'Major MeSH topic',
  journal: 'Journal',
};

interface Problem {
  readonly message: string;
  readonly hint: string | null;
  readonly query: MarkedQuery;
  readonly suggestions: readonly { readonly text: string; readonly href: string }[];
}

/** An unknown heading's suggestions as searches: the query with the heading's words replaced. */
function headingSuggestions(query: SearchQuery, error: UnknownHeadingError): Problem['suggestions'] {
  const text = query.q ?? '';
  const within = text.slice(error.span.start, error.span.end);
  const at = within.toLowerCase().indexOf(error.heading.toLowerCase());
  if (at < 0) return [];
  const start = error.span.start + at;
  return error.suggestions.map((s) => {
    const rewritten = text.slice(0, start) + s.name + text.slice(start + error.heading.length);
    return { text: rewritten, href: searchHref(query, { q: rewritten }) };
  });
}

function problemsOf(query: SearchQuery, outcome: SimpleSearchOutcome): Problem[] {
  const text = query.q ?? '';
  if (outcome.kind === 'syntaxError') {
    const { error } = outcome;
    const message = /\bcolumn \d/.test(error.message) ? error.message : `${error.message} (at column ${error.column})`;
    return [{ message, hint: error.hint, query: markedQuery(text, spanAt(text, error.offset)), suggestions: [] }];
  }
  if (outcome.kind === 'problems') {
    return outcome.problems.map((problem) => ({
      message: problem.message,
      hint: null,
      query: markedQuery(text, problem.span),
      suggestions: problem instanceof UnknownHeadingError ? headingSuggestions(query, problem) : [],
    }));
  }
  return [];
}

function facetGroups(query: SearchQuery, facets: Readonly<Record<FacetKind, readonly NamedFacetValue[]>>) {
  const selection = selectionOf(query);
  return FACET_KINDS.map((kind) => ({
    kind,
    title: FACET_TITLES[kind],
    values: facets[kind].map((value) => ({ ...value, href: searchHref(query, { selection: toggled(selection, kind, value.key) }) })),
  })).filter((group) => group.values.length > 0);
}

function chosenFilters(query: SearchQuery, facets: Readonly<Record<FacetKind, readonly NamedFacetValue[]>>) {
  const selection = selectionOf(query);
  return FACET_KINDS.flatMap((kind) =>
    facets[kind].filter((v) => v.selected).map((v) => ({ kind: FACET_TITLES[kind], label: v.label, href: searchHref(query, { selection: toggled(selection, kind, v.key) }) })),
  );
}

function pagination(query: SearchQuery, page: number, total: number) {
  const pages = Math.ceil(total / SEARCH_PAGE_SIZE);
  if (pages <= 1) return undefined;
  const wanted = [...new Set([1, pages, page - 1, page, page + 1])].filter((p) => p >= 1 && p <= pages).sort((a, b) => a - b);
  const items: ({ number: number; href: string; current: boolean } | { ellipsis: true })[] = [];
  for (const [index, number] of wanted.entries()) {
    const previous = wanted[index - 1];
    if (previous !== undefined && number - previous > 1) items.push({ ellipsis: true });
    items.push({ number, href: searchHref(query, { page: number }), current: number === page });
  }
  return {
    items,
    previous: page > 1 ? { href: searchHref(query, { page: page - 1 }) } : undefined,
    next: page < pages ? { href: searchHref(query, { page: page + 1 }) } : undefined,
  };
}

/** The page's model: the form, any problem with the search, and the results with their facets. */
export function simpleSearchView(query: SearchQuery, outcome: SimpleSearchOutcome) {
  const problems = problemsOf(query, outcome);
  const errors = problems.map((p) => ({ field: 'q', message: p.message }));
  const base = {
    pageTitle: query.q ? `${query.q} – Search` : 'Search the evidence',
    query,
    problems,
    errors,
    errorSummaryModel: errorSummary(errors),
    fieldErrors: errors.length > 0 ? { q: { text: errors.map((e) => e.message).join(' ') } } : {},
  };
  if (outcome.kind !== 'results') return base;
  const { total, page } = outcome;
  const filtered = hasFacets(selectionOf(query));
  return {
    ...base,
    result: {
      total,
      from: total === 0 ? 0 : (page - 1) * SEARCH_PAGE_SIZE + 1,
      to: (page - 1) * SEARCH_PAGE_SIZE + outcome.results.length,
      readAs: outcome.readAs,
      filtered,
      clearFiltersHref: filtered ? searchHref(query, { selection: NO_FACETS }) : undefined,
      didYouMean: outcome.didYouMean && { query: outcome.didYouMean.query, count: outcome.didYouMean.count, href: searchHref(query, { q: outcome.didYouMean.query }) },
    },
    items: outcome.results.map(resultItem),
    sortLinks: (['relevance', 'date'] as const).map((sort) => ({
      sort,
      text: sort === 'relevance' ? 'Best match' : 'Newest first',
      href: searchHref(query, { sort }),
      current: query.sort === sort,
    })),
    facetGroups: facetGroups(query, outcome.facets),
    chosenFilters: chosenFilters(query, outcome.facets),
    paginationModel: pagination(query, page, total),
  };
}
