import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { API_PREFIX, errorResponses } from '../../platform/api/api.js';
import { fromZod } from '../../platform/api/zod-schema.js';
import { NotFoundError } from '../../platform/http/errors.js';
import { type Organisation, findOrganisationByOdsCode, searchOrganisations } from './organisation.service.js';
import { TYPE_VALUES } from './organisation.schema.js';

const listQuery = z.object({
  q: z.string().trim().max(100).optional().describe('Part of the name, or a whole ODS code'),
  region: z.string().trim().max(10).optional().describe('NHS England region code, e.g. Y56 (London)'),
  type: z.enum(TYPE_VALUES).optional().describe('Organisation type'),
  limit: z.coerce.number().int().min(1).max(100).default(25).describe('Page size, 1–100 (default 25)'),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0).describe('How many results to skip'),
});

const summarySchema = z
  .object({
    id: z.number().int(),
    odsCode: z.string().describe('ODS code, e.g. RTH'),
    name: z.string(),
    type: z.enum(TYPE_VALUES),
    regionCode: z.string().nullable().describe('NHS England region code'),
    postcode: z.string().nullable(),
  })
  .meta({ id: 'OrganisationSummary' });

const detailSchema = summarySchema
  .extend({
    address: z.string().nullable(),
    openedOn: z.string().nullable().describe('YYYY-MM-DD'),
    closedOn: z.string().nullable().describe('YYYY-MM-DD; closed organisations take no new registrations'),
  })
  .meta({ id: 'Organisation' });

const listSchema = z.object({
  items: z.array(summarySchema),
  total: z.number().int().describe('How many organisations match, across all pages'),
  limit: z.number().int(),
  offset: z.number().int(),
});

const codeParams = z.object({ code: z.string().trim().min(1).max(10).describe('ODS code, any case') });

function summaryOf(o: Organisation): z.output<typeof summarySchema> {
  return { id: o.id, odsCode: o.odsCode, name: o.name, type: o.type, regionCode: o.regionCode, postcode: o.postcode };
}

/** The public, read-only organisations API. */
export async function organisationApiRoutes(app: FastifyInstance): Promise<void> {
  app.get(`${API_PREFIX}/organisations`, {
    schema: {
      tags: ['Organisations'],
      summary: 'Find organisations by name or ODS code, region and type',
      querystring: fromZod(listQuery),
      response: { 200: fromZod(listSchema, 'output'), ...errorResponses(400, 429) },
    },
  }, async (request) => {
    const query = listQuery.parse(request.query);
    const { organisations, total } = await searchOrganisations(app.db, { query: query.q, regionCode: query.region, type: query.type, limit: query.limit, offset: query.offset });
    return { items: organisations.map(summaryOf), total, limit: query.limit, offset: query.offset };
  });

  app.get(`${API_PREFIX}/organisations/:code`, {
    schema: {
      tags: ['Organisations'],
      summary: 'One organisation by its ODS code',
      params: fromZod(codeParams),
      response: { 200: fromZod(detailSchema, 'output'), ...errorResponses(404, 429) },
    },
  }, async (request) => {
    const { code } = codeParams.parse(request.params);
    const organisation = await findOrganisationByOdsCode(app.db, code);
    if (!organisation) throw new NotFoundError('organisation_not_found', `There is no organisation with ODS code ${code.toUpperCase()}.`);
    return { ...summaryOf(organisation), address: organisation.address, openedOn: organisation.openedOn, closedOn: organisation.closedOn };
  });
}
