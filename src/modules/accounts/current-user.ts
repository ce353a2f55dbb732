import type { Kysely } from 'kysely';
import type { CurrentUser, RoleGrant } from '../../platform/auth/roles.js';
import type { Database } from '../../platform/db/database.js';
import { findOrganisationById } from '../organisations/index.js';
import { findUserById, listRolesForUser } from './user.repository.js';

/** Loads the person behind a session or token, with their roles and their organisation's region. */
export async function loadCurrentUser(db: Kysely<Database>, userId: number): Promise<CurrentUser | null> {
  const row = await findUserById(db, userId);
  if (!row) return null;
  const roles: RoleGrant[] = (await listRolesForUser(db, userId)).map((r) => ({ role: r.role, scopeType: r.scope_type, scopeId: r.scope_id }));
  const organisation = row.organisation_id === null ? undefined : await findOrganisationById(db, row.organisation_id);
  return {
    id: row.id,
    email: row.email,
    fullName: row.full_name,
    organisationId: row.organisation_id,
    regionCode: organisation?.regionCode ?? null,
    status: row.status,
    roles,
  };
}
