import type { Kysely } from 'kysely';
import { type AuditEvent, listAuditEvents } from '../../platform/audit/audit.js';
import { authorize } from '../../platform/auth/guards.js';
import type { CurrentUser } from '../../platform/auth/roles.js';
import type { Database } from '../../platform/db/database.js';
import { listOrganisationsForSelect } from '../organisations/index.js';
import { type LoadedAccount, describeRole, loadAccount, statusTag } from './admin-account.service.js';
import { describeOrganisation, organisationsByIds } from './admin-organisations.js';
import { type AccountFilter, listRolesForUsers, searchAccountRows } from './admin-accounts.repository.js';
import type { AccountSearchInput } from './admin-accounts.schema.js';
import { type AccountScope, narrowScope, scopeIncludes, viewableAccountScope } from './admin-scope.js';
import { listJoinRequestsForUser } from './join-request.repository.js';
import { canAssignRole, canFindAccounts, canManageAccount, canViewAccount } from './policies.js';
import { staffGroupLabel } from './staff-groups.js';
import { listRolesForUser } from './user.repository.js';

/** Accounts per page, on the finder and in the API. */
export const PAGE_SIZE = 25;

/** One row of the account finder. */
export interface AccountListItem {
  id: number;
  fullName: string;
  email: string;
  organisation: string;
  status: { text: string; classes: string };
  roles: string[];
  lastSignInAt: string | null;
}

/** The scope for a list, refusing (403) someone with none or a filter for an organisation outside it. */
export async function scopeForList(db: Kysely<Database>, user: CurrentUser | null, organisationId: number | undefined): Promise<AccountScope> {
  const scope = await viewableAccountScope(db, user);
  authorize(scope !== undefined);
  authorize(organisationId === undefined || scopeIncludes(scope, organisationId));
  return narrowScope(scope, organisationId);
}

/** One page of the accounts the person may see, with each one's organisation and roles. */
export async function findAccounts(db: Kysely<Database>, user: CurrentUser | null, input: AccountSearchInput) {
  const scope = await scopeForList(db, user, input.organisation);
  const filter: AccountFilter = { scope, query: input.q, organisationId: input.organisation, status: input.status, role: input.role };
  const { rows, total } = await searchAccountRows(db, filter, { limit: PAGE_SIZE, offset: (input.page - 1) * PAGE_SIZE });
  const roles = await listRolesForUsers(db, rows.map((r) => r.id));
  const organisations = await organisationsByIds(db, [...rows.map((r) => r.organisation_id), ...[...roles.values()].flat().filter((r) => r.role === 'org_admin').map((r) => Number(r.scope_id))]);
  const items: AccountListItem[] = rows.map((row) => ({
    id: row.id,
    fullName: row.full_name,
    email: row.email,
    organisation: describeOrganisation(row.organisation_id === null ? undefined : organisations.get(row.organisation_id)),
    status: statusTag(row.status),
    roles: (roles.get(row.id) ?? []).map((r) => describeRole(r, organisations)),
    lastSignInAt: row.last_sign_in_at,
  }));
  return { items, total, page: input.page, pageCount: Math.max(1, Math.ceil(total / PAGE_SIZE)) };
}

/** The organisations the finder's filter offers: those in the person's scope. */
export async function organisationChoices(db: Kysely<Database>, user: CurrentUser | null): Promise<{ id: number; name: string; odsCode: string }[]> {
  const scope = await viewableAccountScope(db, user);
  if (!scope) return [];
  const open = await listOrganisationsForSelect(db);
  if (scope.all) return open;
  return open.filter((o) => scope.organisationIds.includes(o.id));
}

/** Everything the account page shows, after checking the person may see it; and which actions to offer. */
export async function accountDetail(db: Kysely<Database>, user: CurrentUser | null, id: number) {
  // The admin view shows who acted on the account; a member without an admin role uses /account instead.
  authorize(canFindAccounts(user));
  const account = await loadAccount(db, id);
  authorize(canViewAccount(user, account.subject));
  const roles = await listRolesForUser(db, id);
  const joinRequests = await listJoinRequestsForUser(db, id);
  const organisations = await organisationsByIds(db, [...joinRequests.map((j) => j.organisation_id), ...roles.filter((r) => r.role === 'org_admin').map((r) => Number(r.scope_id))]);
  const events = await listAuditEvents(db, { targetType: 'user_account', targetId: id, limit: 20 });
  return {
    account: accountSummary(account),
    roles: roles.map((r) => ({ role: r.role, scopeId: r.scope_id, text: describeRole(r, organisations) })),
    joinRequests: joinRequests.map((j) => ({ ...j, organisation: describeOrganisation(organisations.get(j.organisation_id)) })),
    events: events.map(describeEvent),
    can: {
      manage: canManageAccount(user, account.subject),
      changeRoles: canAssignRole(user, account.subject, 'org_admin', String(account.subject.organisationId ?? '')),
    },
  };
}

function accountSummary({ row, organisation }: LoadedAccount) {
  return {
    id: row.id,
    fullName: row.full_name,
    email: row.email,
    jobTitle: row.job_title,
    staffGroup: staffGroupLabel(row.staff_group),
    organisation: describeOrganisation(organisation),
    status: row.status,
    statusTag: statusTag(row.status),
    statusReason: row.status_reason,
    emailVerifiedAt: row.email_verified_at,
    eligibilityConfirmedAt: row.eligibility_confirmed_at,
    expiresAt: row.expires_at,
    suspendedAt: row.suspended_at,
    deletionDueAt: row.deletion_due_at,
    lastSignInAt: row.last_sign_in_at,
    createdAt: row.created_at,
  };
}

/** An audit event as one line: who did it and what changed. */
export function describeEvent(event: AuditEvent) {
  const { reason, ...rest } = event.details;
  return { ...event, reason: typeof reason === 'string' ? reason : null, summary: JSON.stringify(rest) };
}

