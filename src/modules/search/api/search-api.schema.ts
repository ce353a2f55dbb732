/** The search API's request and response shapes: zod for validation and for the OpenAPI document. */
import { z } from 'zod';
import { EXPORT_FORMATS } from '../../records/index.js';
import { EXPORT_SCOPES } from '../web/export-selection.js';
import { MAX_RESULT_DEPTH, SORTS } from '../web/search-query.js';

/** Results per API page at most. */
export const MAX_API_LIMIT = 100;

const facetValues = z.union([z.string(), z.array(z.string())]).optional().describe('Repeat the parameter to choose several values');
const facetFilters = {
  year: facetValues.describe('Publication year: a year (2024), a range (2019-2021), or last1, last5, last10'),
  pt: facetValues.describe('Publication type key, e.g. review, randomized controlled trial'),
  la: facetValues.describe('Language code (ISO 639-2), e.g. eng'),
  mh: facetValues.describe('Major MeSH topic: descriptor id (D003920) or name:<heading>'),
  jn: facetValues.describe('Journal key, as the facet counts list it'),
};
const sort = z.enum(SORTS).default('relevance').describe('relevance (best match) or date (newest first)');
const page = z.coerce.number().int().min(1).default(1);
const limit = z.coerce.number().int().min(1).max(MAX_API_LIMIT).default(20);

export const searchApiQuery = z
  .object({
    q: z.string().trim().min(1, 'Give a search.').max(4000),
    sort,
    page,
    limit,
    facets: z.enum(['true', 'false']).default('false').describe('true: also return the facet counts'),
    ...facetFilters,
  })
  .refine((query) => query.page * query.limit <= MAX_RESULT_DEPTH + MAX_API_LIMIT && (query.page - 1) * query.limit < MAX_RESULT_DEPTH, {
    error: `Results go ${MAX_RESULT_DEPTH.toLocaleString('en-GB')} deep; use the export for more.`,
    path: ['page'],
  });

export const exportApiQuery = z.object({
  q: z.string().trim().max(4000).optional().describe('The search (not needed for scope=marked)'),
  format: z.enum(EXPORT_FORMATS.map((f) => f.id) as [string, ...string[]]).default('ris'),
  scope: z.enum(EXPORT_SCOPES).default('all').describe('all: the whole result set, newest first; page: one page (page, limit); marked: your marked records'),
  sort,
  page,
  limit,
  ...facetFilters,
});

export const markedApiQuery = z.object({ page, limit });
export const recordParams = z.object({ id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) });

const segment = z.object({ text: z.string(), match: z.boolean().describe('true for a word the search matched') });

const resultItem = z.object({
  id: z.number().int(),
  title: z.string(),
  titleSegments: z.array(segment),
  authors: z.array(z.string()),
  journal: z.string().nullable(),
  year: z.number().int().nullable(),
  publicationTypes: z.array(z.string()),
  snippet: z
    .object({ label: z.string().nullable(), segments: z.array(segment), omittedBefore: z.boolean(), omittedAfter: z.boolean() })
    .nullable()
    .describe('The part of the abstract that matched best, with the matched words marked'),
});

const facetValue = z.object({ key: z.string(), label: z.string(), count: z.number().int(), selected: z.boolean() });

export const searchResultSchema = z
  .object({
    total: z.number().int(),
    page: z.number().int(),
    limit: z.number().int(),
    readAs: z.string().describe('How khub read the search (its canonical form)'),
    items: z.array(resultItem),
    facets: z
      .object({ year: z.array(facetValue), publicationType: z.array(facetValue), language: z.array(facetValue), heading: z.array(facetValue), journal: z.array(facetValue) })
      .optional(),
  })
  .meta({ id: 'SearchResults' });

export const recordSchema = z
  .object({
    id: z.number().int(),
    source: z.string(),
    sourceId: z.string(),
    pmid: z.string().nullable(),
    doi: z.string().nullable(),
    pmcid: z.string().nullable(),
    title: z.string(),
    abstract: z.string().nullable(),
    authors: z.array(z.object({ name: z.string(), family: z.string().nullable(), given: z.string().nullable(), collective: z.string().nullable(), affiliations: z.array(z.string()) })),
    journal: z.object({ title: z.string().nullable(), isoAbbreviation: z.string().nullable(), issn: z.string().nullable() }),
    volume: z.string().nullable(),
    issue: z.string().nullable(),
    pages: z.string().nullable(),
    year: z.number().int().nullable(),
    languages: z.array(z.string()),
    publicationTypes: z.array(z.string()),
    mesh: z.array(z.object({ ui: z.string().nullable(), name: z.string(), major: z.boolean() })),
    keywords: z.array(z.string()),
    addedAt: z.string(),
  })
  .meta({ id: 'Record' });

export const historySchema = z.object({
  items: z.array(
    z.object({
      number: z.number().int(),
      label: z.string().nullable(),
      text: z.string(),
      hits: z.number().int().nullable(),
      error: z.object({ code: z.string().optional(), message: z.string() }).passthrough().nullable(),
      runAt: z.string(),
    }),
  ),
});

export const markedSchema = z.object({
  total: z.number().int(),
  page: z.number().int(),
  limit: z.number().int(),
  items: z.array(z.object({ id: z.number().int(), title: z.string(), authors: z.array(z.string()), journal: z.string().nullable(), year: z.number().int().nullable() })),
});
