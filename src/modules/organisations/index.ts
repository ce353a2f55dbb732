import type { FastifyInstance } from 'fastify';

export {
  emailDomain,
  emailProvesMembership,
  findOrganisationById,
  type Organisation,
} from './organisation.service.js';
export { ORGANISATION_TYPES, type OrganisationType } from './organisation.table.js';

/** Organisations, their email domains, NHS regions and counties. */
export default async function organisationsModule(_app: FastifyInstance): Promise<void> {}
