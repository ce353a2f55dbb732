/** The API's search: the same set, order and snippets as the search pages, with a client-chosen page size. */
import { type Kysely, sql } from 'kysely';
import type { z } from 'zod';
import type { Database } from '../../../platform/db/database.js';
import { AppError } from '../../../platform/http/errors.js';
import type { StoredRecord } from '../../records/index.js';
import { executeSearch } from '../engine/plan.js';
import { countFacets } from '../facets/facet-counts.js';
import { nameFacets } from '../facets/facet-labels.js';
import { QuerySyntaxError } from '../query/errors.js';
import { printCanonical } from '../query/print-canonical.js';
import { resultsWithSnippets } from '../ranking/ranked-pages.js';
import { type CompiledSearch, compileSearch, searchIdsPage } from '../web/export-selection.js';
import { authorName, journalName } from '../web/result-item.view.js';
import { type SearchQuery, searchQuery, selectionOf } from '../web/search-query.js';
import type { exportApiQuery, recordSchema, searchApiQuery, searchResultSchema } from './search-api.schema.js';

/** A search that does not follow the syntax: code `query_syntax_error`, with where it went wrong. */
export class SearchSyntaxError extends AppError {
  constructor(error: QuerySyntaxError) {
    super(400, 'query_syntax_error', error.message, { offset: error.offset, line: error.line, column: error.column, hint: error.hint });
  }
}

/** The page state the pages use, from the API's query (facet values as the pages accept them). */
export function asSearchQuery(query: z.output<typeof searchApiQuery> | z.output<typeof exportApiQuery>): SearchQuery {
  return searchQuery.parse({ q: query.q, sort: query.sort, year: query.year, pt: query.pt, la: query.la, mh: query.mh, jn: query.jn });
}

/** Compiles the search, turning a syntax error into the API's error. */
export async function compileForApi(db: Kysely<Database>, query: SearchQuery, now: Date): Promise<CompiledSearch> {
  try {
    return await compileSearch(db, query.q ?? '', query, now);
  } catch (error) {
    throw error instanceof QuerySyntaxError ? new SearchSyntaxError(error) : error;
  }
}

export async function apiSearch(db: Kysely<Database>, input: z.output<typeof searchApiQuery>, now: Date): Promise<z.input<typeof searchResultSchema>> {
  const query = asSearchQuery(input);
  const search = await compileForApi(db, query, now);
  const counted = input.facets === 'true' ? await countFacets(db, search.within, selectionOf(query), now.getUTCFullYear()) : undefined;
  const total = counted
    ? counted.total
    : Number((await executeSearch(db, sql<{ n: number | string }>`select count(*) as n from (${search.narrowed}) as narrowed`)).rows[0]?.n ?? 0);
  const ids = await searchIdsPage(db, search, query.sort, { offset: (input.page - 1) * input.limit, limit: input.limit, hits: total });
  const results = await resultsWithSnippets(db, ids, search.resolved);
  return {
    total,
    page: input.page,
    limit: input.limit,
    readAs: printCanonical(search.node).text,
    items: results.map(({ record, snippet }) => ({
      id: record.id,
      title: record.title,
      titleSegments: [...snippet.title],
      authors: record.authors.map(authorName).filter((name) => name !== ''),
      journal: journalName(record) || null,
      year: record.publicationDate.year,
      publicationTypes: [...record.publicationTypes],
      snippet: snippet.abstract && { label: snippet.abstract.label, segments: [...snippet.abstract.segments], omittedBefore: snippet.abstract.omittedBefore, omittedAfter: snippet.abstract.omittedAfter },
    })),
    ...(counted ? { facets: await nameFacets(db, counted, selectionOf(query), now.getUTCFullYear()) } : {}),
  };
}

export function recordBody(record: StoredRecord): z.input<typeof recordSchema> {
  return {
    id: record.id,
    source: record.source,
    sourceId: record.sourceId,
    pmid: record.pmid,
    doi: record.doi,
    pmcid: record.pmcid,
    title: record.title,
    abstract: record.abstract,
    authors: record.authors.map((a) => ({ name: authorName(a), family: a.family, given: a.given, collective: a.collective, affiliations: [...a.affiliations] })),
    journal: { ...record.journal },
    volume: record.volume,
    issue: record.issue,
    pages: record.pages,
    year: record.publicationDate.year,
    languages: [...record.languages],
    publicationTypes: [...record.publicationTypes],
    mesh: record.mesh.map((h) => ({ ui: h.ui, name: h.name, major: h.major })),
    keywords: [...record.keywords],
    addedAt: record.addedAt,
  };
}
