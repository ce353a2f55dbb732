/**
 * The search API under /api/v1: search, one record, export, the member's search history and the marked
 * list. Every operation is in the OpenAPI document with its error codes, and rate-limited.
 */
import type { FastifyInstance } from 'fastify';
import { API_PREFIX, errorResponses } from '../../../platform/api/api.js';
import { fromZod } from '../../../platform/api/zod-schema.js';
import { requireUser } from '../../../platform/auth/guards.js';
import { NotFoundError } from '../../../platform/http/errors.js';
import { EXPORT_FORMATS, type StoredRecord, findExportFormat, streamRecords } from '../../records/index.js';
import { listHistory } from '../history/history.service.js';
import { countMarked, markedIdsPage } from '../marked/marked.service.js';
import { exportFilename, sendExport } from '../web/export-response.js';
import { exportIdPages, recordsOf } from '../web/export-selection.js';
import { markedOwner } from '../web/marked-owner.js';
import { authorName, journalName } from '../web/result-item.view.js';
import { exportApiQuery, historySchema, markedApiQuery, markedSchema, recordParams, recordSchema, searchApiQuery, searchResultSchema } from './search-api.schema.js';
import { SearchSyntaxError, apiSearch, asSearchQuery, recordBody } from './search-api.service.js';
import { QuerySyntaxError } from '../query/errors.js';

const tags = ['Evidence search'];
const SEARCH_LIMIT = { rateLimit: { max: 120, timeWindow: '1 minute' } };
const EXPORT_LIMIT = { rateLimit: { max: 30, timeWindow: '1 minute' } };

const exportContent = Object.fromEntries(
  [...new Set(EXPORT_FORMATS.map((f) => f.contentType.split(';')[0] ?? f.contentType))].map((type) => [type, { schema: { type: 'string' } }]),
);

async function findRecord(app: FastifyInstance, id: number): Promise<StoredRecord> {
  for await (const record of streamRecords(app.db, { ids: [id] })) return record;
  throw new NotFoundError('record_not_found', `There is no record ${id}.`);
}

export async function searchApiRoutes(app: FastifyInstance): Promise<void> {
  app.get(`${API_PREFIX}/search`, {
    config: SEARCH_LIMIT,
    schema: {
      tags,
      summary: 'Search the evidence: words or a PubMed/Ovid search, with the pages’ filters, order and snippets',
      querystring: fromZod(searchApiQuery),
      response: { 200: fromZod(searchResultSchema, 'output'), ...errorResponses(400, 429) },
    },
  }, async (request) => apiSearch(app.db, searchApiQuery.parse(request.query), new Date()));

  app.get(`${API_PREFIX}/records/:id`, {
    config: SEARCH_LIMIT,
    schema: { tags, summary: 'One record with its full description', params: fromZod(recordParams), response: { 200: fromZod(recordSchema, 'output'), ...errorResponses(400, 404, 429) } },
  }, async (request) => recordBody(await findRecord(app, recordParams.parse(request.params).id)));

  app.get(`${API_PREFIX}/search/export`, {
    config: EXPORT_LIMIT,
    schema: {
      tags,
      summary: `Export a search’s results (the whole set, streamed), one page, or your marked records: ${EXPORT_FORMATS.map((f) => f.id).join(', ')}`,
      querystring: fromZod(exportApiQuery),
      response: { 200: { description: 'The file, streamed (chunked), with a Content-Disposition filename', content: exportContent }, ...errorResponses(400, 429) },
    },
  }, async (request, reply) => {
    const input = exportApiQuery.parse(request.query);
    const format = findExportFormat(input.format);
    if (!format) throw new Error('format checked by the schema');
    const query = asSearchQuery(input);
    const now = new Date();
    let ids;
    try {
      ids = await exportIdPages(app.db, { scope: input.scope, query: { ...query, page: input.page }, pageSize: input.limit, owner: await markedOwner(app.db, request), now });
    } catch (error) {
      throw error instanceof QuerySyntaxError ? new SearchSyntaxError(error) : error;
    }
    return sendExport(reply, format, recordsOf(app.db, ids), exportFilename(input.scope === 'marked' ? 'marked' : 'search', format, now));
  });

  app.get(`${API_PREFIX}/search/history`, {
    config: SEARCH_LIMIT,
    schema: { tags, security: [{ bearerAuth: [] }], summary: 'Your search history (signed in, or with an API token)', response: { 200: fromZod(historySchema, 'output'), ...errorResponses(401, 429) } },
  }, async (request) => {
    const user = requireUser(request);
    const lines = await listHistory(app.db, `user:${user.id}`);
    return { items: lines.map((line) => ({ number: line.number, label: line.label, text: line.text, hits: line.hits, error: line.error, runAt: line.runAt })) };
  });

  app.get(`${API_PREFIX}/marked`, {
    config: SEARCH_LIMIT,
    schema: { tags, summary: 'Your marked records (this session’s, or your account’s when signed in), first marked first', querystring: fromZod(markedApiQuery), response: { 200: fromZod(markedSchema, 'output'), ...errorResponses(400, 429) } },
  }, async (request) => {
    const { page, limit } = markedApiQuery.parse(request.query);
    const owner = await markedOwner(app.db, request);
    if (!owner) return { total: 0, page, limit, items: [] };
    const ids = await markedIdsPage(app.db, owner, { offset: (page - 1) * limit, limit });
    const items = [];
    for await (const record of streamRecords(app.db, { ids })) {
      items.push({ id: record.id, title: record.title, authors: record.authors.map(authorName).filter((n) => n !== ''), journal: journalName(record) || null, year: record.publicationDate.year });
    }
    return { total: await countMarked(app.db, owner), page, limit, items };
  });
}
