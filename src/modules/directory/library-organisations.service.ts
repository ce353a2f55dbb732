import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { recordAudit } from '../../platform/audit/audit.js';
import { authorize } from '../../platform/auth/guards.js';
import type { CurrentUser } from '../../platform/auth/roles.js';
import type { Database } from '../../platform/db/database.js';
import { NotFoundError, ValidationError } from '../../platform/http/errors.js';
import { findOrganisationsByOdsCodes } from '../organisations/index.js';
import { addServiceOrganisation, removeServiceOrganisation, updateServiceRow } from './library.repository.js';
import { type Library, getLibrary } from './library.service.js';
import { canEditLibrary } from './policies.js';

/** One organisation added to or removed from those a service serves, by ODS code (any case). */
export type OrganisationServedChange = { readonly add: string } | { readonly remove: string };

const codesOf = (library: Library) => library.organisations.map((o) => o.odsCode);

/**
 * Adds or removes one organisation a library service serves, for someone allowed to change the service
 * (403 otherwise). Adding an unknown organisation, or one already served, is a ValidationError on the
 * `odsCode` field; removing one not served is a 404. One transaction, audited as `library_service.update`
 * with the organisations before and after.
 */
export async function changeOrganisationsServed(
  db: Kysely<Database>,
  user: CurrentUser,
  serviceId: number,
  change: OrganisationServedChange,
  options: { request?: FastifyRequest; now?: Date } = {},
): Promise<Library> {
  const now = options.now ?? new Date();
  const current = await getLibrary(db, serviceId, now);
  authorize(canEditLibrary(user, serviceId), 'Only this library service’s managers and librarians can change the organisations it serves.');
  const code = ('add' in change ? change.add : change.remove).trim().toUpperCase();
  const organisation = (await findOrganisationsByOdsCodes(db, [code])).get(code);
  const served = codesOf(current).includes(code);
  if ('add' in change) {
    if (!organisation) throw new ValidationError([{ field: 'odsCode', message: `There is no organisation with the ODS code ${code}` }]);
    if (served) throw new ValidationError([{ field: 'odsCode', message: `${current.name} already serves ${organisation.name}` }]);
  } else if (!organisation || !served) {
    throw new NotFoundError('organisation_not_served', `${current.name} does not serve an organisation with the ODS code ${code}.`);
  }
  return db.transaction().execute(async (trx) => {
    if ('add' in change) await addServiceOrganisation(trx, serviceId, organisation.id);
    else await removeServiceOrganisation(trx, serviceId, organisation.id);
    await updateServiceRow(trx, serviceId, { updated_at: now.toISOString() });
    const after = await getLibrary(trx, serviceId, now);
    const details = { before: { organisations: codesOf(current) }, after: { organisations: codesOf(after) } };
    await recordAudit(trx, { actor: user, action: 'library_service.update', targetType: 'library_service', targetId: serviceId, details, request: options.request }, now);
    return after;
  });
}
