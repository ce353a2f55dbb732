import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { NotFoundError } from '../../platform/http/errors.js';
import { listLibrariesServing } from '../directory/index.js';
import { findOrganisationByOdsCode, listCounties, listRegions } from './organisation.service.js';
import { typeLabel } from './organisation-view.js';

// ODS codes are letters and digits (RTH, R0A, Y59…); anything else cannot be one, so it is a 404.
const odsCodeParams = z.object({ odsCode: z.string().regex(/^[A-Za-z0-9]{2,10}$/) });

/**
 * The public page of an organisation at `/organisations/{odsCode}`: what it is, where, and the library
 * services that serve its staff (from the directory). Public data only: no email domains, accounts or
 * audit events, which stay on the admin page.
 */
export async function organisationPublicRoutes(app: FastifyInstance): Promise<void> {
  app.get('/organisations/:odsCode', async (request, reply) => {
    const params = odsCodeParams.safeParse(request.params);
    const organisation = params.success ? await findOrganisationByOdsCode(app.db, params.data.odsCode) : undefined;
    if (!params.success || !organisation) throw new NotFoundError('organisation_not_found', 'There is no organisation with that ODS code.');
    // One address per organisation: `/organisations/rth` goes to `/organisations/RTH`.
    if (params.data.odsCode !== organisation.odsCode) return reply.redirect(`/organisations/${encodeURIComponent(organisation.odsCode)}`, 301);
    const regionName = (await listRegions(app.db)).find((r) => r.code === organisation.regionCode)?.name;
    const countyName = (await listCounties(app.db)).find((c) => c.id === organisation.countyId)?.name;
    return reply.view('organisations/views/organisation-public.njk', {
      pageTitle: organisation.name,
      organisation: { odsCode: organisation.odsCode, name: organisation.name, closedOn: organisation.closedOn },
      typeText: typeLabel(organisation.type),
      regionName,
      countyName,
      libraries: await listLibrariesServing(app.db, organisation.id),
      finderHref: `/libraries?organisation=${encodeURIComponent(organisation.odsCode)}`,
    });
  });
}
