/** The roles beyond member (which every active account has), each held within a scope. */
export type Role = 'librarian' | 'service_manager' | 'org_admin' | 'regional_lead' | 'platform_admin';

/** What a role is held over: a library service, an organisation, an NHS region, or the whole platform. */
export type ScopeType = 'service' | 'organisation' | 'region' | 'platform';

/** The scope each role is held over. */
export const ROLE_SCOPES: Readonly<Record<Role, ScopeType>> = {
  librarian: 'service',
  service_manager: 'service',
  org_admin: 'organisation',
  regional_lead: 'region',
  platform_admin: 'platform',
};

export const ROLE_LABELS: Readonly<Record<Role, string>> = {
  librarian: 'Librarian',
  service_manager: 'Service manager',
  org_admin: 'Organisation administrator',
  regional_lead: 'Regional lead',
  platform_admin: 'Platform administrator',
};

export interface RoleGrant {
  readonly role: Role;
  readonly scopeType: ScopeType;
  /** Service id, organisation id or region code, as text; '' for the platform. */
  readonly scopeId: string;
}

export type AccountStatus = 'unverified' | 'pending' | 'active' | 'suspended' | 'rejected' | 'closed';

/** The signed-in person as every route sees it (`request.user`). */
export interface CurrentUser {
  readonly id: number;
  readonly email: string;
  readonly fullName: string;
  readonly organisationId: number | null;
  /** The organisation's NHS region, for regional leads' scope checks. */
  readonly regionCode: string | null;
  readonly status: AccountStatus;
  readonly roles: readonly RoleGrant[];
}

/** True when the user holds the role; with a scope id, only within that scope (platform admins hold every role's powers). */
export function hasRole(user: CurrentUser | null | undefined, role: Role, scopeId?: string | number): boolean {
  if (!user || user.status !== 'active') return false;
  return user.roles.some((grant) => grant.role === role && (scopeId === undefined || grant.scopeId === String(scopeId)));
}

export function isPlatformAdmin(user: CurrentUser | null | undefined): boolean {
  return hasRole(user, 'platform_admin');
}

/** True for a signed-in person whose account is approved and in date. */
export function isActiveMember(user: CurrentUser | null | undefined): user is CurrentUser {
  return !!user && user.status === 'active';
}
