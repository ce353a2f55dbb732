/** How a saved search reads to people: its search page link and how often it emails. */
import { searchHref } from '../web/search-query.js';
import type { SavedSearch } from './saved-search.service.js';
import type { Frequency } from './saved-search.table.js';

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
