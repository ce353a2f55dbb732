import type { Kysely } from 'kysely';
import type { CurrentUser } from '../../platform/auth/roles.js';
import type { Database } from '../../platform/db/database.js';
import { NotFoundError } from '../../platform/http/errors.js';
import { type Organisation, findOrganisationByOdsCode } from '../organisations/index.js';
import { organisationsByIds } from './admin-organisations.js';
import { listRolesForUsers, searchAccountRows } from './admin-accounts.repository.js';
import { PAGE_SIZE, scopeForList } from './admin-find.service.js';
import type { ApiAccount } from './accounts-api.schema.js';
import type { AccountStatus } from '../../platform/auth/roles.js';
import type { RoleAssignmentRow } from './role.table.js';
import type { UserAccountRow } from './user.table.js';

/** The organisation an API call names by ODS code; 404 when there is none. */
export async function organisationFromOds(db: Kysely<Database>, odsCode: string | undefined): Promise<Organisation | undefined> {
  if (odsCode === undefined) return undefined;
  const organisation = await findOrganisationByOdsCode(db, odsCode);
  if (!organisation) throw new NotFoundError('not_found', `There is no organisation with ODS code ${odsCode}.`);
  return organisation;
}

/** An account as the API returns it. */
export function apiAccount(row: UserAccountRow, organisation: Organisation | undefined, roles: readonly RoleAssignmentRow[]): ApiAccount {
  return {
    id: row.id,
    email: row.email,
    fullName: row.full_name,
    jobTitle: row.job_title,
    staffGroup: row.staff_group,
    status: row.status,
    statusReason: row.status_reason,
    organisation: organisation ? { id: organisation.id, odsCode: organisation.odsCode, name: organisation.name } : null,
    roles: roles.map((r) => ({ role: r.role, scopeId: r.scope_id })),
    expiresAt: row.expires_at,
    lastSignInAt: row.last_sign_in_at,
    createdAt: row.created_at,
  };
}

/** One page of the accounts the caller may see, as the finder scopes them (403 for an organisation outside their scope). */
export async function listAccountsForApi(db: Kysely<Database>, user: CurrentUser, query: { organisation?: string; status?: AccountStatus; q?: string; page: number }) {
  const organisation = await organisationFromOds(db, query.organisation);
  const scope = await scopeForList(db, user, organisation?.id);
  const filter = { scope, organisationId: organisation?.id, status: query.status, query: query.q };
  const { rows, total } = await searchAccountRows(db, filter, { limit: PAGE_SIZE, offset: (query.page - 1) * PAGE_SIZE });
  const roles = await listRolesForUsers(db, rows.map((r) => r.id));
  const organisations = await organisationsByIds(db, rows.map((r) => r.organisation_id));
  const accounts = rows.map((row) => apiAccount(row, row.organisation_id === null ? undefined : organisations.get(row.organisation_id), roles.get(row.id) ?? []));
  return { accounts, total, page: query.page, pageSize: PAGE_SIZE };
}
