import type { Kysely, Transaction } from 'kysely';
import { type AccountStatus, type CurrentUser, ROLE_LABELS, type Role } from '../../platform/auth/roles.js';
import type { Database } from '../../platform/db/database.js';
import { NotFoundError } from '../../platform/http/errors.js';
import { type Organisation, findOrganisationById } from '../organisations/index.js';
import { ACCOUNT_STATUS_LABELS } from './account.js';
import type { AccountSubject } from './policies.js';
import type { RoleAssignmentRow } from './role.table.js';
import { findUserById, listRolesForUser } from './user.repository.js';
import type { UserAccountRow } from './user.table.js';

type Db = Kysely<Database> | Transaction<Database>;

/** An account with what the policies need to judge an action on it. */
export interface LoadedAccount {
  readonly row: UserAccountRow;
  readonly subject: AccountSubject;
  readonly organisation: Organisation | undefined;
}

/** The account with this id and its organisation, or a 404. */
export async function loadAccount(db: Db, id: number): Promise<LoadedAccount> {
  const row = await findUserById(db, id);
  if (!row) throw new NotFoundError('not_found', 'There is no account with that id.');
  const organisation = row.organisation_id === null ? undefined : await findOrganisationById(db, row.organisation_id);
  const isPlatformAdmin = (await listRolesForUser(db, row.id)).some((r) => r.role === 'platform_admin');
  return { row, organisation, subject: { id: row.id, organisationId: row.organisation_id, regionCode: organisation?.regionCode ?? null, isPlatformAdmin } };
}

const STATUS_TAG_COLOURS: Readonly<Record<AccountStatus, string>> = {
  active: 'green',
  pending: 'yellow',
  unverified: 'grey',
  suspended: 'red',
  rejected: 'orange',
  closed: 'grey',
};

/** The NHS.UK tag for a status. */
export function statusTag(status: AccountStatus): { text: string; classes: string } {
  return { text: ACCOUNT_STATUS_LABELS[status], classes: `nhsuk-tag--${STATUS_TAG_COLOURS[status]}` };
}

/** A role as people read it: "Organisation administrator (Oxford University Hospitals (RTH))". */
export function describeRole(role: Pick<RoleAssignmentRow, 'role' | 'scope_id'>, organisations: ReadonlyMap<number, Organisation>): string {
  const label = ROLE_LABELS[role.role];
  if (role.role === 'platform_admin') return label;
  if (role.role === 'org_admin') {
    const organisation = organisations.get(Number(role.scope_id));
    return `${label} (${organisation ? `${organisation.name}, ${organisation.odsCode}` : `organisation ${role.scope_id}`})`;
  }
  if (role.role === 'regional_lead') return `${label} (region ${role.scope_id})`;
  return `${label} (library service ${role.scope_id})`;
}

/** Role choices for forms and filters. */
export function roleItems(selected?: Role): { value: Role; text: string; selected: boolean }[] {
  return (Object.keys(ROLE_LABELS) as Role[]).map((role) => ({ value: role, text: ROLE_LABELS[role], selected: role === selected }));
}

/** True when the person holds the platform administrator role (whatever their status). */
export function holdsPlatformAdmin(roles: readonly Pick<RoleAssignmentRow, 'role'>[]): boolean {
  return roles.some((r) => r.role === 'platform_admin');
}

/** The audit actor for a signed-in person. */
export function actorOf(user: CurrentUser): Pick<CurrentUser, 'id' | 'email'> {
  return { id: user.id, email: user.email };
}
