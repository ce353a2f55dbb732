/** View models for the saved-search pages. */
import type { Kysely } from 'kysely';
import type { Database } from '../../../platform/db/database.js';
import type { StoredRecord } from '../../records/index.js';
import { resolveQuery } from '../engine/resolve.js';
import { parseQuery } from '../query/parser.js';
import { highlightTerms, recordSnippet } from '../ranking/snippets.js';
import { type ResultItem, resultItem } from '../web/result-item.view.js';
import { filtersText, labelFilters } from './filter-labels.js';
import { type SavedSearch, emails } from './saved-search.service.js';
import { FREQUENCY_LABELS, savedSearchHref } from './saved-search.view.js';

/** One saved search as the manage page and its own page show it, with its filters named as the facet list names them. */
export async function savedSearchView(db: Kysely<Database>, search: SavedSearch, now: Date) {
  return {
    id: search.id,
    name: search.name,
    query: search.query,
    filters: filtersText(await labelFilters(db, search.filters, now)),
    frequency: search.frequency,
    emails: emails(search),
    emailsText: search.active ? FREQUENCY_LABELS[search.frequency] : 'Stopped (you unsubscribed); choose how often to start again',
    lastRunAt: search.lastRunAt,
    lastNewCount: search.lastNewCount === null ? 'Not run yet' : String(search.lastNewCount),
    lastError: search.lastError,
    searchHref: savedSearchHref(search),
    href: `/search/alerts/${search.id}`,
  };
}

/** The records as result items, with the search's words marked as on the results page. */
export async function alertItems(db: Kysely<Database>, search: SavedSearch, records: readonly StoredRecord[]): Promise<ResultItem[]> {
  if (records.length === 0) return [];
  const highlight = highlightTerms(await resolveQuery(db, parseQuery(search.query).root));
  return records.map((record) => resultItem({ record, snippet: recordSnippet(record, highlight) }));
}
