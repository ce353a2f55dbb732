import type { FastifyInstance } from 'fastify';
import { organisationAdminRoutes } from './organisation-admin.routes.js';
import { organisationApiRoutes } from './organisation-api.routes.js';
import { organisationDomainRoutes, sharedDomainRoutes } from './organisation-domain.routes.js';
import { organisationEditRoutes } from './organisation-edit.routes.js';
import { organisationPublicRoutes } from './organisation-public.routes.js';

export {
  emailDomain,
  emailProvesMembership,
  findOrganisationById,
  findOrganisationByOdsCode,
  findOrganisationsByIds,
  findOrganisationsByOdsCodes,
  getOrganisationById,
  listCounties,
  listOrganisationsForSelect,
  listRegions,
  searchOrganisations,
  type County,
  type Organisation,
  type OrganisationSearch,
  type Region,
} from './organisation.service.js';
export { listDomains, listSharedDomains, type OrganisationDomain, type SharedDomain } from './organisation-domain.service.js';
export { importOdsOrganisations, type ImportProgress, type OdsImportOptions, type OdsImportSummary } from './ods-import.service.js';
export { ImportFileError } from './import-file.reader.js';
export { importOrganisationWte, type WteImportOptions, type WteImportSummary } from './wte-import.service.js';
export type { RejectedLine } from './ods-file.reader.js';
export { ORGANISATION_TYPES, type OrganisationType } from './organisation.table.js';

/** Organisations, their email domains, NHS regions and counties: admin pages and the read-only API. */
export default async function organisationsModule(app: FastifyInstance): Promise<void> {
  await app.register(organisationAdminRoutes);
  await app.register(organisationEditRoutes);
  await app.register(organisationDomainRoutes);
  await app.register(sharedDomainRoutes);
  await app.register(organisationApiRoutes);
  await app.register(organisationPublicRoutes);
}
