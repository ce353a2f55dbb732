import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { NotFoundError } from '../../../platform/http/errors.js';
import { type StoredRecord, getDuplicateGroup, streamRecords } from '../../records/index.js';
import { requestLineResolver } from './advanced-history.js';
import { recordPageView } from './record-page.view.js';
import { markedRecordContext, markedSearchContext } from './marked-search.view.js';
import { searchQuery } from './search-query.js';
import { runSimpleSearch } from './simple-search.service.js';
import { simpleSearchView } from './simple-search.view.js';

const recordParams = z.object({ id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) });

/** The evidence search pages: the simple search at `/search` and each record's page. */
export async function searchPageRoutes(app: FastifyInstance): Promise<void> {
  app.get('/search', async (request, reply) => {
    const query = searchQuery.parse(request.query);
    const outcome = await runSimpleSearch(app.db, query, new Date(), { lineResolver: () => requestLineResolver(app.db, request) });
    const view = simpleSearchView(query, outcome);
    return reply.status(view.errors.length > 0 ? 400 : 200).view('search/views/search.njk', { ...view, ...(await markedSearchContext(app.db, request, query, view)) });
  });

  app.get('/records/:id', async (request, reply) => {
    const params = recordParams.safeParse(request.params);
    if (!params.success) throw new NotFoundError('record_not_found', 'There is no such record.');
    let record: StoredRecord | undefined;
    for await (const found of streamRecords(app.db, { ids: [params.data.id] })) record = found;
    if (!record) throw new NotFoundError('record_not_found', 'There is no such record.');
    const group = record.duplicateGroupId === null ? undefined : await getDuplicateGroup(app.db, record.duplicateGroupId);
    return reply.view('search/views/record.njk', { ...recordPageView(record, group), ...(await markedRecordContext(app.db, request, record.id)) });
  });
}
