import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { API_PREFIX, errorResponses } from '../../platform/api/api.js';
import { fromZod } from '../../platform/api/zod-schema.js';
import { requireUser } from '../../platform/auth/guards.js';
import { NotFoundError } from '../../platform/http/errors.js';
import { findOrganisationByOdsCode } from '../organisations/index.js';
import { type FoundLibrary, type LibrarySearchResult, findLibraries } from './finder.service.js';
import { codeParams, geoJsonSchema, idParams, listQuery, listSchema, librarySchema, patchBody } from './library-api.schema.js';
import { updateLibrary } from './library-update.service.js';
import { getLibrary } from './library.service.js';

const tags = ['Library directory'];
const GEOJSON = 'application/geo+json';

const listResponses = {
  200: { description: 'Library services (JSON), or their sites as GeoJSON', content: { 'application/json': { schema: fromZod(listSchema, 'output') }, [GEOJSON]: { schema: fromZod(geoJsonSchema, 'output') } } },
  ...errorResponses(400, 404, 429),
};

function item(found: FoundLibrary) {
  return { ...found.library, ...(found.distance ? { distance: found.distance, nearestSiteId: found.nearestSiteId } : {}) };
}

/** One Point feature per located site, [longitude, latitude] as GeoJSON (RFC 7946) orders them. */
function geoJson(result: LibrarySearchResult): z.output<typeof geoJsonSchema> {
  return {
    type: 'FeatureCollection',
    features: result.items.flatMap(({ library, distance, nearestSiteId }) =>
      library.sites.flatMap((site) =>
        site.latitude === null || site.longitude === null ? [] : [{
          type: 'Feature' as const,
          geometry: { type: 'Point' as const, coordinates: [site.longitude, site.latitude] as [number, number] },
          properties: { libraryId: library.id, libraryName: library.name, siteId: site.id, siteName: site.name, address: site.address, postcode: site.postcode, website: library.website, ...(distance && nearestSiteId === site.id ? { distance } : {}) },
        }],
      ),
    ),
  };
}

function wantsGeoJson(request: FastifyRequest, format: string | undefined): boolean {
  if (format) return format === 'geojson';
  return (request.headers.accept ?? '').includes(GEOJSON);
}

async function respond(request: FastifyRequest, reply: FastifyReply, query: z.output<typeof listQuery>, result: LibrarySearchResult) {
  if (wantsGeoJson(request, query.format)) return reply.type(GEOJSON).send(geoJson(result));
  return { items: result.items.map(item), total: result.total, limit: query.limit, offset: query.offset, ...(result.origin ? { origin: result.origin } : {}) };
}

function search(query: z.output<typeof listQuery>) {
  return { query: query.q, regionCode: query.region?.toUpperCase(), county: query.county, organisation: query.organisation, serviceOffered: query.service, near: query.near, radiusMiles: query.radius, limit: query.limit, offset: query.offset };
}

/** The library directory API: public reads; changes for a service's own managers and librarians. */
export async function libraryApiRoutes(app: FastifyInstance): Promise<void> {
  app.get(`${API_PREFIX}/libraries`, {
    schema: { tags, summary: 'Find library services by words, area, organisation, service offered, or nearest to a postcode', querystring: fromZod(listQuery), response: listResponses },
  }, async (request, reply) => {
    const query = listQuery.parse(request.query);
    return respond(request, reply, query, await findLibraries(app.db, search(query)));
  });

  app.get(`${API_PREFIX}/libraries/:id`, {
    schema: { tags, summary: 'One library service with its sites, contacts and services offered', params: fromZod(idParams), response: { 200: fromZod(librarySchema, 'output'), ...errorResponses(400, 404, 429) } },
  }, async (request) => getLibrary(app.db, idParams.parse(request.params).id));

  app.get(`${API_PREFIX}/organisations/:code/libraries`, {
    schema: { tags, summary: 'The library services that serve an organisation (same filters as /libraries)', params: fromZod(codeParams), querystring: fromZod(listQuery), response: listResponses },
  }, async (request, reply) => {
    const { code } = codeParams.parse(request.params);
    if (!(await findOrganisationByOdsCode(app.db, code))) throw new NotFoundError('organisation_not_found', `There is no organisation with ODS code ${code.toUpperCase()}.`);
    const query = listQuery.parse(request.query);
    return respond(request, reply, query, await findLibraries(app.db, { ...search(query), organisation: code }));
  });

  app.patch(`${API_PREFIX}/libraries/:id`, {
    schema: { tags, security: [{ bearerAuth: [] }], summary: 'Change a library service’s entry (its service managers and librarians; audited)', params: fromZod(idParams), body: fromZod(patchBody), response: { 200: fromZod(librarySchema, 'output'), ...errorResponses(400, 401, 403, 404, 429) } },
  }, async (request) => {
    const user = requireUser(request);
    const { id } = idParams.parse(request.params);
    return updateLibrary(app.db, user, id, patchBody.parse(request.body), { request });
  });
}
