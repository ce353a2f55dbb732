import type { Kysely } from 'kysely';
import { type CurrentUser, isPlatformAdmin } from '../../platform/auth/roles.js';
import type { Database } from '../../platform/db/database.js';
import { findOrganisationById } from '../organisations/index.js';
import { organisationsInRegions } from './admin-organisations.js';
import { type AccountSubject, canBulkManageAccounts, canUseBulkAccountTools, canFindAccounts, canViewAccount, canViewAccountStatistics } from './policies.js';

/**
 * Which accounts a list may show, worked out from the policies: every account, or the accounts of some
 * organisations. SQL filters by it so pages and totals stay right; the policy stays the only judge.
 */
export type AccountScope = { readonly all: true } | { readonly all: false; readonly organisationIds: readonly number[] };

const grantedIds = (user: CurrentUser, role: 'org_admin' | 'regional_lead') => user.roles.filter((r) => r.role === role).map((r) => r.scopeId);

/** The accounts the person may find and view (organisation admins: theirs; regional leads: their region's); undefined when none. */
export async function viewableAccountScope(db: Kysely<Database>, user: CurrentUser | null): Promise<AccountScope | undefined> {
  if (!user || !canFindAccounts(user)) return undefined;
  if (isPlatformAdmin(user)) return { all: true };
  const candidates: AccountSubject[] = [];
  for (const id of grantedIds(user, 'org_admin').map(Number).filter(Number.isInteger)) {
    const organisation = await findOrganisationById(db, id);
    candidates.push({ id: 0, organisationId: id, regionCode: organisation?.regionCode ?? null });
  }
  for (const organisation of await organisationsInRegions(db, grantedIds(user, 'regional_lead'))) {
    candidates.push({ id: 0, organisationId: organisation.id, regionCode: organisation.regionCode });
  }
  // id 0 is nobody: the check is about the organisation, not about the person being themselves.
  const allowed = candidates.filter((subject) => canViewAccount(user, subject)).map((s) => s.organisationId);
  return { all: false, organisationIds: [...new Set(allowed.filter((id): id is number => id !== null))] };
}

/** The accounts the person may export in bulk (platform admins: all; organisation admins: theirs); undefined when none. */
export function exportableAccountScope(user: CurrentUser | null): AccountScope | undefined {
  if (!user || !canUseBulkAccountTools(user)) return undefined;
  if (isPlatformAdmin(user)) return { all: true };
  const ids = grantedIds(user, 'org_admin').map(Number).filter((id) => Number.isInteger(id) && canBulkManageAccounts(user, id));
  return { all: false, organisationIds: [...new Set(ids)] };
}

/** True when the scope includes accounts of this organisation (null: accounts with no organisation, platform admins only). */
export function scopeIncludes(scope: AccountScope, organisationId: number | null): boolean {
  return scope.all || (organisationId !== null && scope.organisationIds.includes(organisationId));
}

/** Narrows a scope to one organisation, or to nothing when it is outside the scope. */
export function narrowScope(scope: AccountScope, organisationId: number | undefined): AccountScope {
  if (organisationId === undefined) return scope;
  return { all: false, organisationIds: scopeIncludes(scope, organisationId) ? [organisationId] : [] };
}

/** True when the person may see statistics for the organisation (its admins, its region's lead, platform admins). */
export function canSeeStatisticsFor(user: CurrentUser | null, organisationId: number | null, regionCode: string | null): boolean {
  if (organisationId === null) return !!user && isPlatformAdmin(user) && canViewAccountStatistics(user, {});
  return canViewAccountStatistics(user, { organisationId, regionCode });
}
