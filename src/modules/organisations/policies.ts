import { type CurrentUser, hasRole, isActiveMember, isPlatformAdmin } from '../../platform/auth/roles.js';
import type { OrganisationScope } from './organisation.repository.js';

/**
 * Who may do what with organisations: one function per action, one line per rule. Every route calls
 * one through `authorize(…)`; nothing is decided by what a page shows or hides.
 */

/** The organisation an action is about, as far as the rules need to know. */
export interface OrganisationSubject {
  readonly id: number;
  readonly regionCode: string | null;
}

const isOrgAdminOf = (user: CurrentUser, organisationId: number) => hasRole(user, 'org_admin', organisationId);
const isRegionalLeadOf = (user: CurrentUser, regionCode: string | null) => regionCode !== null && hasRole(user, 'regional_lead', regionCode);

/** Add an organisation: platform admins only. */
export function canAddOrganisation(user: CurrentUser | null): boolean {
  return isActiveMember(user) && isPlatformAdmin(user);
}

/** Change an organisation's ODS code, name, type, parent, region, county or address: platform admins only. */
export function canEditOrganisation(user: CurrentUser | null): boolean {
  return isActiveMember(user) && isPlatformAdmin(user);
}

/** See an organisation's admin page: platform admins, its own admins, and the regional lead of its region. */
export function canViewOrganisation(user: CurrentUser | null, organisation: OrganisationSubject): boolean {
  if (!isActiveMember(user)) return false;
  return isPlatformAdmin(user) || isOrgAdminOf(user, organisation.id) || isRegionalLeadOf(user, organisation.regionCode);
}

/** Add or remove an organisation's email domains: platform admins, and that organisation's own admins. */
export function canEditDomains(user: CurrentUser | null, organisation: OrganisationSubject): boolean {
  if (!isActiveMember(user)) return false;
  return isPlatformAdmin(user) || isOrgAdminOf(user, organisation.id);
}

/** Set how many months an organisation's accounts last: platform admins, and that organisation's own admins. */
export function canEditAccountExpiry(user: CurrentUser | null, organisation: OrganisationSubject): boolean {
  return canEditDomains(user, organisation);
}

/** Add or remove shared email domains (nhs.net and the like), which affect every organisation: platform admins only. */
export function canManageSharedDomains(user: CurrentUser | null): boolean {
  return isActiveMember(user) && isPlatformAdmin(user);
}

/**
 * Which organisations the admin list shows: every one to platform admins; to others, the regions they
 * lead and the organisations they administer. Undefined means the list is not for them at all.
 */
export function organisationListScope(user: CurrentUser | null): OrganisationScope | undefined {
  if (!isActiveMember(user)) return undefined;
  if (isPlatformAdmin(user)) return { all: true };
  const regionCodes = user.roles.filter((r) => r.role === 'regional_lead').map((r) => r.scopeId);
  const organisationIds = user.roles.filter((r) => r.role === 'org_admin').map((r) => Number(r.scopeId)).filter(Number.isInteger);
  if (regionCodes.length === 0 && organisationIds.length === 0) return undefined;
  return { all: false, regionCodes, organisationIds };
}
