import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../platform/db/database.js';
import type { JoinRequestRow, JoinRequestStatus, JoinRequestUpdate, NewJoinRequestRow } from './join-request.table.js';

type Db = Kysely<Database> | Transaction<Database>;

/** Statuses that still wait for an organisation admin; every other status is a decision. */
export const UNDECIDED_STATUSES: readonly JoinRequestStatus[] = ['open', 'queried'];

/** A join request with the person it is about, for the admins' queue. */
export interface JoinRequestWithPersonRow extends JoinRequestRow {
  full_name: string;
  email: string;
  job_title: string;
  staff_group: string;
}

export async function insertJoinRequest(db: Db, row: NewJoinRequestRow): Promise<number> {
  const { id } = await db.insertInto('join_request').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function findJoinRequestWithPerson(db: Db, id: number): Promise<JoinRequestWithPersonRow | undefined> {
  return db
    .selectFrom('join_request')
    .innerJoin('user_account', 'user_account.id', 'join_request.user_id')
    .selectAll('join_request')
    .select(['user_account.full_name', 'user_account.email', 'user_account.job_title', 'user_account.staff_group'])
    .where('join_request.id', '=', id)
    .executeTakeFirst();
}

/** A person's join requests, newest first. */
export async function listJoinRequestsForUser(db: Db, userId: number): Promise<JoinRequestRow[]> {
  return db.selectFrom('join_request').selectAll().where('user_id', '=', userId).orderBy('created_at', 'desc').orderBy('id', 'desc').execute();
}

/** The undecided requests of some organisations, oldest first (first come, first served). */
export async function listUndecidedJoinRequests(db: Db, organisationIds: readonly number[]): Promise<JoinRequestWithPersonRow[]> {
  if (organisationIds.length === 0) return [];
  return db
    .selectFrom('join_request')
    .innerJoin('user_account', 'user_account.id', 'join_request.user_id')
    .selectAll('join_request')
    .select(['user_account.full_name', 'user_account.email', 'user_account.job_title', 'user_account.staff_group'])
    .where('join_request.organisation_id', 'in', [...organisationIds])
    .where('join_request.status', 'in', [...UNDECIDED_STATUSES])
    .orderBy('join_request.created_at')
    .orderBy('join_request.id')
    .execute();
}

/** Organisations that have at least one undecided request. */
export async function listOrganisationIdsWithUndecidedRequests(db: Db): Promise<number[]> {
  const rows = await db.selectFrom('join_request').select('organisation_id').distinct().where('status', 'in', [...UNDECIDED_STATUSES]).execute();
  return rows.map((r) => r.organisation_id);
}

/**
 * Changes a request only while it is undecided, in one statement, so two admins deciding at once
 * cannot both succeed (and no engine-specific row lock is needed). Returns whether it changed.
 */
export async function updateUndecidedJoinRequest(db: Db, id: number, changes: JoinRequestUpdate, expected: { organisationId?: number } = {}): Promise<boolean> {
  let update = db.updateTable('join_request').set(changes).where('id', '=', id).where('status', 'in', [...UNDECIDED_STATUSES]);
  // A request moved elsewhere since the admin opened it is no longer theirs to decide.
  if (expected.organisationId !== undefined) update = update.where('organisation_id', '=', expected.organisationId);
  const result = await update.executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Withdraws a person's undecided requests (a newer one replaces them, or the account closes). */
export async function withdrawUndecidedJoinRequests(db: Db, userId: number, now: string): Promise<number[]> {
  const rows = await db
    .updateTable('join_request')
    .set({ status: 'withdrawn', updated_at: now })
    .where('user_id', '=', userId)
    .where('status', 'in', [...UNDECIDED_STATUSES])
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}

/** Addresses of the active holders of a role within a scope ('' for the platform). */
export async function listRoleHolderEmails(db: Db, role: 'org_admin' | 'platform_admin', scopeId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('role_assignment')
    .innerJoin('user_account', 'user_account.id', 'role_assignment.user_id')
    .select('user_account.email')
    .where('role_assignment.role', '=', role)
    .where('role_assignment.scope_id', '=', scopeId)
    .where('user_account.status', '=', 'active')
    .orderBy('user_account.id')
    .execute();
  return rows.map((r) => r.email);
}
