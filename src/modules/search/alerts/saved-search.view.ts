/** How a saved search reads to people: its search page link and its filters in words. */
import { FACET_KINDS, type FacetKind, type FacetSelection, bucketLabel, parseYearBucket } from '../facets/facet-selection.js';
import { searchHref } from '../web/search-query.js';
import type { SavedSearch } from './saved-search.service.js';
import type { Frequency } from './saved-search.table.js';

const FILTER_TITLES: Readonly<Record<FacetKind, string>> = {
  year: 'Publication year',
  publicationType: 'Publication type',
  language: 'Language',
  heading: 'Major MeSH topic',
  journal: 'Journal',
};

export const FREQUENCY_LABELS: Readonly<Record<Frequency, string>> = {
  none: 'No emails (saved only)',
  daily: 'Daily',
  weekly: 'Weekly',
  monthly: 'Monthly',
};

/** The search page showing this saved search (relevance order, first page). */
export function savedSearchHref(search: Pick<SavedSearch, 'query' | 'filters'>): string {
  const { filters } = search;
  return searchHref({ q: search.query, sort: 'relevance', page: 1, year: [...filters.year], pt: [...filters.publicationType], la: [...filters.language], mh: [...filters.heading], jn: [...filters.journal] });
}

/** "Publication year: Last 5 years (2022 to 2026); Publication type: review", or '' without filters. */
export function describeFilters(filters: FacetSelection, now: Date): string {
  return FACET_KINDS.filter((kind) => filters[kind].length > 0)
    .map((kind) => {
      const values = filters[kind].map((value) => {
        const bucket = kind === 'year' ? parseYearBucket(value) : undefined;
        return bucket ? bucketLabel(bucket, now.getUTCFullYear()) : value;
      });
      return `${FILTER_TITLES[kind]}: ${values.join(' or ')}`;
    })
    .join('; ');
}
