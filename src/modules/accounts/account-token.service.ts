import { createHash, randomBytes } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../platform/db/database.js';
import type { AccountTokenPurpose, AccountTokenRow } from './token.table.js';

type Db = Kysely<Database> | Transaction<Database>;

/** How long each kind of emailed or printed link works. */
export const TOKEN_LIFETIME_SECONDS: Readonly<Record<AccountTokenPurpose, number>> = {
  verify_email: 48 * 3600,
  change_email: 24 * 3600,
  reset_password: 3600,
  setup_admin: 7 * 24 * 3600,
  invite: 14 * 24 * 3600,
  renew: 30 * 24 * 3600,
};

export function hashAccountToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export interface NewAccountToken {
  readonly userId: number | null;
  readonly purpose: AccountTokenPurpose;
  /** Anything the purpose needs later, e.g. the new address for change_email. */
  readonly data?: Record<string, unknown>;
  readonly now?: Date;
}

/**
 * Issues a single-use token and returns the secret (for a link); only its hash is stored. Earlier unused
 * tokens of the same purpose for the same person stop working, so only the newest link is valid.
 */
export async function issueAccountToken(db: Db, spec: NewAccountToken): Promise<string> {
  const now = spec.now ?? new Date();
  const token = randomBytes(32).toString('base64url');
  let retire = db.updateTable('account_token').set({ used_at: now.toISOString() }).where('purpose', '=', spec.purpose).where('used_at', 'is', null);
  retire = spec.userId === null ? retire.where('user_id', 'is', null) : retire.where('user_id', '=', spec.userId);
  await retire.execute();
  await db
    .insertInto('account_token')
    .values({
      user_id: spec.userId,
      purpose: spec.purpose,
      token_hash: hashAccountToken(token),
      data: spec.data ? JSON.stringify(spec.data) : null,
      expires_at: new Date(now.getTime() + TOKEN_LIFETIME_SECONDS[spec.purpose] * 1000).toISOString(),
      created_at: now.toISOString(),
    })
    .execute();
  return token;
}

export interface ConsumedToken {
  readonly id: number;
  readonly userId: number | null;
  readonly data: Record<string, unknown>;
}

/** Marks a token used and returns it, in one statement so two clicks cannot both succeed; undefined if unknown, used or expired. */
export async function consumeAccountToken(db: Db, token: string, purpose: AccountTokenPurpose, now = new Date()): Promise<ConsumedToken | undefined> {
  const row = await db
    .updateTable('account_token')
    .set({ used_at: now.toISOString() })
    .where('token_hash', '=', hashAccountToken(token))
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now.toISOString())
    .returning(['id', 'user_id', 'data'])
    .executeTakeFirst();
  if (!row) return undefined;
  return { id: row.id, userId: row.user_id, data: row.data ? (JSON.parse(row.data) as Record<string, unknown>) : {} };
}

/** Looks a token up without using it (to show a form before the person submits it). */
export async function peekAccountToken(db: Db, token: string, purpose: AccountTokenPurpose, now = new Date()): Promise<AccountTokenRow | undefined> {
  return db
    .selectFrom('account_token')
    .selectAll()
    .where('token_hash', '=', hashAccountToken(token))
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now.toISOString())
    .executeTakeFirst();
}
