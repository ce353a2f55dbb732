import type { ExpressionBuilder, Kysely, Transaction } from 'kysely';
import type { Database } from '../../platform/db/database.js';
import { DELETION_GRACE_DAYS } from './lifecycle-rules.js';
import type { UserAccountRow } from './user.table.js';

type Db = Kysely<Database> | Transaction<Database>;

const DAY_MS = 86_400_000;
/** Accounts that never verified their email address are deleted this long after registering. */
export const UNVERIFIED_DELETION_DAYS = 30;
/** Statuses whose data is deleted once `deletion_due_at` has passed. */
const DELETABLE_STATUSES = ['suspended', 'closed', 'rejected'] as const;

const isoDaysFrom = (now: Date, days: number) => new Date(now.getTime() + days * DAY_MS).toISOString();

/** Active accounts expiring within `withinDays` that have not yet had the warning for `smallestWarningDays`. */
export async function listAccountsDueWarning(db: Db, now: Date, withinDays: number, smallestWarningDays: number): Promise<UserAccountRow[]> {
  return db
    .selectFrom('user_account')
    .selectAll()
    .where('status', '=', 'active')
    .where('expires_at', '>', now.toISOString())
    .where('expires_at', '<=', isoDaysFrom(now, withinDays))
    .where((eb) => eb.or([eb('expiry_warning_days', 'is', null), eb('expiry_warning_days', '>', smallestWarningDays)]))
    .orderBy('id')
    .execute();
}

/** Records that the warning for `days` was sent, only if no such (or closer) warning was recorded and the account still expires within `withinDays`. True when this call recorded it. */
export async function markWarningSent(db: Db, id: number, days: number, now: Date, withinDays: number): Promise<boolean> {
  const result = await db
    .updateTable('user_account')
    .set({ expiry_warning_days: days, updated_at: now.toISOString() })
    .where('id', '=', id)
    .where('status', '=', 'active')
    .where('expires_at', '<=', isoDaysFrom(now, withinDays))
    .where((eb) => eb.or([eb('expiry_warning_days', 'is', null), eb('expiry_warning_days', '>', days)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Active accounts whose access has ended. */
export async function listExpiredActiveAccounts(db: Db, now: Date): Promise<UserAccountRow[]> {
  return db.selectFrom('user_account').selectAll().where('status', '=', 'active').where('expires_at', '<=', now.toISOString()).orderBy('id').execute();
}

/** Suspends an account whose access has ended, only if it is still active and expired. True when this call did it. */
export async function suspendIfExpired(db: Db, id: number, reason: string, now: Date, deletionDueAt: Date): Promise<boolean> {
  const result = await db
    .updateTable('user_account')
    .set({ status: 'suspended', status_reason: reason, suspended_at: now.toISOString(), deletion_due_at: deletionDueAt.toISOString(), updated_at: now.toISOString() })
    .where('id', '=', id)
    .where('status', '=', 'active')
    .where('expires_at', '<=', now.toISOString())
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Accounts past their deletion date: suspended, closed or rejected ones past `deletion_due_at`; rejected
 * ones given no date, 90 days after the decision (their last update); and ones never verified after 30 days.
 */
function dueForDeletion(now: Date) {
  return (eb: ExpressionBuilder<Database, 'user_account'>) =>
    eb.or([
      eb.and([eb('status', 'in', [...DELETABLE_STATUSES]), eb('deletion_due_at', '<=', now.toISOString())]),
      eb.and([eb('status', '=', 'rejected'), eb('deletion_due_at', 'is', null), eb('updated_at', '<=', isoDaysFrom(now, -DELETION_GRACE_DAYS))]),
      eb.and([
        eb('status', '=', 'unverified'),
        eb.or([eb('created_at', '<=', isoDaysFrom(now, -UNVERIFIED_DELETION_DAYS)), eb('deletion_due_at', '<=', now.toISOString())]),
      ]),
    ]);
}

/** Accounts due for deletion now, with the status each had (for the audit event). */
export async function listAccountsDueDeletion(db: Db, now: Date): Promise<Pick<UserAccountRow, 'id' | 'status'>[]> {
  return db.selectFrom('user_account').select(['id', 'status']).where(dueForDeletion(now)).orderBy('id').execute();
}

/** Deletes the account (its roles, tokens and join requests go with it by cascade) if it is still due. True when this call deleted it. */
export async function deleteIfDue(db: Db, id: number, now: Date): Promise<boolean> {
  const result = await db.deleteFrom('user_account').where('id', '=', id).where(dueForDeletion(now)).executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}
