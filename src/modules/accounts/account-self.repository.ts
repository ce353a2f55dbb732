import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../platform/db/database.js';

type Db = Kysely<Database> | Transaction<Database>;

/** A person's API tokens, without their hashes, for the download of their data. */
export async function listApiTokensForUser(db: Db, userId: number) {
  return db
    .selectFrom('api_token')
    .select(['name', 'token_prefix', 'created_at', 'expires_at', 'last_used_at', 'revoked_at'])
    .where('user_id', '=', userId)
    .orderBy('id')
    .execute();
}

/** Active platform admins other than this person: an installation must never lose its last one. */
export async function countOtherPlatformAdmins(db: Db, userId: number): Promise<number> {
  const { count } = await db
    .selectFrom('role_assignment')
    .innerJoin('user_account', 'user_account.id', 'role_assignment.user_id')
    .select((eb) => eb.fn.countAll<number | string>().as('count'))
    .where('role_assignment.role', '=', 'platform_admin')
    .where('user_account.status', '=', 'active')
    .where('user_account.id', '!=', userId)
    .executeTakeFirstOrThrow();
  return Number(count);
}

/** Removes what lets a closed account act: its roles, unused emailed links and API tokens. */
export async function deleteAccessForUser(db: Db, userId: number): Promise<void> {
  await db.deleteFrom('role_assignment').where('user_id', '=', userId).execute();
  await db.deleteFrom('account_token').where('user_id', '=', userId).execute();
  await db.deleteFrom('api_token').where('user_id', '=', userId).execute();
}
