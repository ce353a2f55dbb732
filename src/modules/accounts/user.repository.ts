import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../platform/db/database.js';
import type { NewRoleAssignmentRow, RoleAssignmentRow } from './role.table.js';
import type { NewUserAccountRow, UserAccountRow, UserAccountUpdate } from './user.table.js';

type Db = Kysely<Database> | Transaction<Database>;

/** Emails are compared lower-cased and trimmed everywhere. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export async function findUserById(db: Db, id: number): Promise<UserAccountRow | undefined> {
  return db.selectFrom('user_account').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findUserByEmail(db: Db, email: string): Promise<UserAccountRow | undefined> {
  return db.selectFrom('user_account').selectAll().where('email', '=', normaliseEmail(email)).executeTakeFirst();
}

export async function insertUser(db: Db, row: NewUserAccountRow): Promise<number> {
  const { id } = await db
    .insertInto('user_account')
    .values({ ...row, email: normaliseEmail(row.email) })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function updateUser(db: Db, id: number, changes: UserAccountUpdate): Promise<void> {
  await db.updateTable('user_account').set(changes).where('id', '=', id).execute();
}

export async function countUsers(db: Db): Promise<number> {
  const { count } = await db.selectFrom('user_account').select((eb) => eb.fn.countAll<number | string>().as('count')).executeTakeFirstOrThrow();
  return Number(count);
}

export async function listRolesForUser(db: Db, userId: number): Promise<RoleAssignmentRow[]> {
  return db.selectFrom('role_assignment').selectAll().where('user_id', '=', userId).orderBy('id').execute();
}

export async function insertRole(db: Db, row: NewRoleAssignmentRow): Promise<void> {
  await db
    .insertInto('role_assignment')
    .values(row)
    .onConflict((oc) => oc.columns(['user_id', 'role', 'scope_type', 'scope_id']).doNothing())
    .execute();
}

export async function deleteRole(db: Db, userId: number, role: string, scopeType: string, scopeId: string): Promise<number> {
  const result = await db
    .deleteFrom('role_assignment')
    .where('user_id', '=', userId)
    .where('role', '=', role as RoleAssignmentRow['role'])
    .where('scope_type', '=', scopeType as RoleAssignmentRow['scope_type'])
    .where('scope_id', '=', scopeId)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
