/** `/api/v1/saved-searches`: the signed-in member's saved searches (session with CSRF, or an API token). */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { API_PREFIX, errorResponses } from '../../../platform/api/api.js';
import { fromZod } from '../../../platform/api/zod-schema.js';
import { requireUser } from '../../../platform/auth/guards.js';
import { FREQUENCIES } from './saved-search.table.js';
import { savedSearchInput } from './saved-search.schema.js';
import { type SavedSearch, deleteSavedSearch, getSavedSearch, listSavedSearches, saveSearch } from './saved-search.service.js';
import { savedSearchHref } from './saved-search.view.js';
import { requestLineResolver } from '../web/advanced-history.js';

const tags = ['Saved searches'];
const security = [{ bearerAuth: [] }];
const API_LIMIT = { rateLimit: { max: 60, timeWindow: '1 minute' } };

const idParams = z.object({ id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).describe('The saved search’s id') });

const savedSearchSchema = z
  .object({
    id: z.number().int(),
    name: z.string(),
    query: z.string().describe('The search as typed (any syntax the search box accepts), with any history lines it referred to written out'),
    filters: z
      .object({ year: z.array(z.string()), publicationType: z.array(z.string()), language: z.array(z.string()), heading: z.array(z.string()), journal: z.array(z.string()) })
      .describe('Facet filters, as the search page’s year, pt, la, mh and jn parameters'),
    frequency: z.enum(FREQUENCIES).describe('How often new records are emailed; none keeps the search without emails'),
    active: z.boolean().describe('False after an unsubscribe link was used; setting a frequency again restarts the emails'),
    createdAt: z.string().describe('ISO 8601'),
    lastRunAt: z.string().nullable().describe('When the alert last ran (ISO 8601)'),
    lastNewCount: z.number().int().nullable().describe('New records that run found and emailed'),
    lastError: z.string().nullable().describe('Why the last run could not search, if it could not'),
    links: z.object({ search: z.string().describe('The search page for this search') }),
  })
  .meta({ id: 'SavedSearch' });
const listSchema = z.object({ items: z.array(savedSearchSchema) });

function item(search: SavedSearch, baseUrl: string): z.output<typeof savedSearchSchema> {
  const { id, name, query, frequency, active, createdAt, lastRunAt, lastNewCount, lastError } = search;
  const filters = { year: [...search.filters.year], publicationType: [...search.filters.publicationType], language: [...search.filters.language], heading: [...search.filters.heading], journal: [...search.filters.journal] };
  return { id, name, query, filters, frequency, active, createdAt, lastRunAt, lastNewCount, lastError, links: { search: `${baseUrl}${savedSearchHref(search)}` } };
}

export async function alertApiRoutes(app: FastifyInstance): Promise<void> {
  const path = `${API_PREFIX}/saved-searches`;

  app.get(path, {
    config: API_LIMIT,
    schema: { tags, security, summary: 'Your saved searches, newest first', response: { 200: fromZod(listSchema, 'output'), ...errorResponses(401, 429) } },
  }, async (request) => {
    const user = requireUser(request);
    return { items: (await listSavedSearches(app.db, user.id)).map((search) => item(search, app.config.baseUrl)) };
  });

  app.get(`${path}/:id`, {
    config: API_LIMIT,
    schema: { tags, security, summary: 'One of your saved searches', params: fromZod(idParams), response: { 200: fromZod(savedSearchSchema, 'output'), ...errorResponses(400, 401, 404, 429) } },
  }, async (request) => {
    const user = requireUser(request);
    return item(await getSavedSearch(app.db, user.id, idParams.parse(request.params).id), app.config.baseUrl);
  });

  app.post(path, {
    config: API_LIMIT,
    schema: {
      tags,
      security,
      summary: 'Save a search, with an email alert of new records (daily, weekly or monthly) or none',
      description:
        'The search must run (a syntax error or unknown heading is `validation_failed` on `query`). A search that refers to lines of your search history (`#3`) is saved with those lines written out, so that it runs without the history; a line your history does not have is `validation_failed` on `query`. Records already in khub are not new: the first alert lists records added after saving.',
      body: fromZod(savedSearchInput),
      response: { 201: fromZod(savedSearchSchema, 'output'), ...errorResponses(400, 401, 403, 429) },
    },
  }, async (request, reply) => {
    const user = requireUser(request);
    const saved = await saveSearch(app.db, user.id, request.body, new Date(), () => requestLineResolver(app.db, request));
    return reply.status(201).header('location', `${path}/${saved.id}`).send(item(saved, app.config.baseUrl));
  });

  app.delete(`${path}/:id`, {
    config: API_LIMIT,
    schema: { tags, security, summary: 'Delete one of your saved searches (its alert stops)', params: fromZod(idParams), response: { 204: { type: 'null', description: 'Deleted' }, ...errorResponses(400, 401, 403, 404, 429) } },
  }, async (request, reply) => {
    const user = requireUser(request);
    await deleteSavedSearch(app.db, user.id, idParams.parse(request.params).id);
    return reply.status(204).send();
  });
}
