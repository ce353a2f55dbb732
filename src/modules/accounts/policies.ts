import { type CurrentUser, type Role, hasRole, isActiveMember, isPlatformAdmin } from '../../platform/auth/roles.js';

/**
 * Who may do what with accounts: one function per action, one line per rule. Every route calls one
 * through `authorize(…)`; nothing is decided by what a page shows or hides.
 */

/** The person an action is about, as far as the rules need to know. */
export interface AccountSubject {
  readonly id: number;
  readonly organisationId: number | null;
  /** The region of the subject's organisation. */
  readonly regionCode: string | null;
  /** The subject administers the platform: only another platform admin may act on their account. */
  readonly isPlatformAdmin?: boolean;
}

const isOrgAdminOf = (user: CurrentUser, organisationId: number | null) => organisationId !== null && hasRole(user, 'org_admin', organisationId);
const isRegionalLeadOf = (user: CurrentUser, regionCode: string | null) => regionCode !== null && hasRole(user, 'regional_lead', regionCode);

/** Approve, reject, query or move a join request for an organisation: its admins and platform admins. */
export function canDecideJoinRequest(user: CurrentUser | null, organisationId: number): boolean {
  if (!isActiveMember(user)) return false;
  return isPlatformAdmin(user) || isOrgAdminOf(user, organisationId);
}

/** See the join-request queue of an organisation: as deciding, plus the regional lead of its region. */
export function canViewJoinRequests(user: CurrentUser | null, organisationId: number, regionCode: string | null): boolean {
  if (!isActiveMember(user)) return false;
  return canDecideJoinRequest(user, organisationId) || isRegionalLeadOf(user, regionCode);
}

/** Find and view accounts: platform admins all; org admins their organisation's; regional leads their region's. */
export function canViewAccount(user: CurrentUser | null, subject: AccountSubject): boolean {
  if (!isActiveMember(user)) return false;
  if (user.id === subject.id) return true;
  return isPlatformAdmin(user) || isOrgAdminOf(user, subject.organisationId) || isRegionalLeadOf(user, subject.regionCode);
}

/** Suspend, reactivate or move an account: platform admins, or the admins of the account's organisation (never their own, and never a platform admin's). */
export function canManageAccount(user: CurrentUser | null, subject: AccountSubject): boolean {
  if (!isActiveMember(user) || user.id === subject.id) return false;
  if (subject.isPlatformAdmin) return isPlatformAdmin(user);
  return isPlatformAdmin(user) || isOrgAdminOf(user, subject.organisationId);
}

/**
 * Grant or remove a role. Platform admins grant anything; org admins grant org_admin for their own
 * organisation only; nobody changes their own roles (so an admin cannot lock themselves out or promote themselves).
 */
export function canAssignRole(user: CurrentUser | null, subject: AccountSubject, role: Role, scopeId: string): boolean {
  if (!isActiveMember(user) || user.id === subject.id) return false;
  if (isPlatformAdmin(user)) return true;
  return role === 'org_admin' && isOrgAdminOf(user, Number(scopeId)) && subject.organisationId === Number(scopeId);
}

/** Upload accounts in bulk or export them for an organisation: its admins and platform admins. */
export function canBulkManageAccounts(user: CurrentUser | null, organisationId: number): boolean {
  if (!isActiveMember(user)) return false;
  return isPlatformAdmin(user) || isOrgAdminOf(user, organisationId);
}

/** Read account statistics: platform admins everywhere, regional leads for their region, org admins for their organisation. */
export function canViewAccountStatistics(user: CurrentUser | null, scope: { organisationId?: number; regionCode?: string | null }): boolean {
  if (!isActiveMember(user)) return false;
  if (isPlatformAdmin(user)) return true;
  if (scope.organisationId !== undefined && isOrgAdminOf(user, scope.organisationId)) return true;
  return scope.regionCode !== undefined && isRegionalLeadOf(user, scope.regionCode);
}

/** Read the audit log: platform admins only (it spans every organisation). */
export function canViewAuditLog(user: CurrentUser | null): boolean {
  return isActiveMember(user) && isPlatformAdmin(user);
}

/** Open the account finder and the admin pages about accounts: platform admins, organisation admins and regional leads (each row is then scoped by canViewAccount). */
export function canFindAccounts(user: CurrentUser | null): boolean {
  if (!isActiveMember(user)) return false;
  return isPlatformAdmin(user) || hasRole(user, 'org_admin') || hasRole(user, 'regional_lead');
}

/** Open the statistics page, or the API without naming an organisation: as finding accounts (each row is then scoped by canViewAccountStatistics). */
export function canListAccountStatistics(user: CurrentUser | null): boolean {
  return canFindAccounts(user);
}

/** Open the bulk upload and export without naming an organisation: platform admins and organisation admins (each row is then checked with canBulkManageAccounts). */
export function canUseBulkAccountTools(user: CurrentUser | null): boolean {
  if (!isActiveMember(user)) return false;
  return isPlatformAdmin(user) || hasRole(user, 'org_admin');
}

/** Move an account to another organisation: whoever manages it now, if they may also manage the destination's accounts. */
export function canMoveAccount(user: CurrentUser | null, subject: AccountSubject, toOrganisationId: number): boolean {
  return canManageAccount(user, subject) && canBulkManageAccounts(user, toOrganisationId);
}

/** Create, list and revoke API tokens for one's own account: platform admins and organisation admins (the API's machine clients act for them). */
export function canManageApiTokens(user: CurrentUser | null): boolean {
  if (!isActiveMember(user)) return false;
  return isPlatformAdmin(user) || hasRole(user, 'org_admin');
}

/** Open the join-request queue page at all: anyone who could see some organisation's queue. */
export function canViewJoinRequestQueue(user: CurrentUser | null): boolean {
  if (!isActiveMember(user)) return false;
  return isPlatformAdmin(user) || hasRole(user, 'org_admin') || hasRole(user, 'regional_lead');
}

/** Answer an admin's question on a join request: only the person the request is about, while it is queried. */
export function canAnswerJoinRequest(user: CurrentUser | null, joinRequest: { readonly userId: number; readonly status: string }): boolean {
  return user !== null && user.id === joinRequest.userId && joinRequest.status === 'queried';
}

/**
 * Use the "your account" pages (details, password, email, download, sign out everywhere, delete): any
 * signed-in person whose account is not closed, whatever its approval status, since pending, rejected and
 * suspended people still need to see why and manage their own data.
 */
export function canManageOwnAccount(user: CurrentUser | null): boolean {
  return user !== null && user.status !== 'closed';
}
