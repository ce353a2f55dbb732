import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/database.js';

const PREFIX = 'khub_';

export function hashApiToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** The user an API token belongs to, when it is valid (not revoked, not expired, owner active). Records its use. */
export async function findUserIdForApiToken(db: Kysely<Database>, token: string, now = new Date()): Promise<number | null> {
  if (!token.startsWith(PREFIX)) return null;
  const row = await db
    .selectFrom('api_token')
    .innerJoin('user_account', 'user_account.id', 'api_token.user_id')
    .select(['api_token.id', 'api_token.user_id', 'api_token.expires_at', 'api_token.last_used_at'])
    .where('api_token.token_hash', '=', hashApiToken(token))
    .where('api_token.revoked_at', 'is', null)
    .where('user_account.status', '=', 'active')
    .executeTakeFirst();
  if (!row || (row.expires_at !== null && row.expires_at <= now.toISOString())) return null;
  // Record use at most once a minute, to keep a busy integration from writing on every call.
  if (!row.last_used_at || now.getTime() - Date.parse(row.last_used_at) > 60_000) {
    await db.updateTable('api_token').set({ last_used_at: now.toISOString() }).where('id', '=', row.id).execute();
  }
  return row.user_id;
}

/** Makes a new API token; the secret is returned once and only its hash is stored. */
export async function createApiToken(
  db: Kysely<Database>,
  userId: number,
  name: string,
  options: { expiresAt?: Date; now?: Date } = {},
): Promise<{ id: number; token: string }> {
  const token = `${PREFIX}${randomBytes(32).toString('base64url')}`;
  const { id } = await db
    .insertInto('api_token')
    .values({
      user_id: userId,
      name,
      token_hash: hashApiToken(token),
      token_prefix: token.slice(0, PREFIX.length + 6),
      expires_at: options.expiresAt?.toISOString() ?? null,
      created_at: (options.now ?? new Date()).toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id, token };
}

/** A token as its owner's list shows it (never the hash). */
export interface ApiTokenSummary {
  id: number;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
}

/** The person's tokens, newest first, revoked ones included (they show as revoked). */
export async function listApiTokensForUser(db: Kysely<Database>, userId: number): Promise<ApiTokenSummary[]> {
  const rows = await db.selectFrom('api_token').selectAll().where('user_id', '=', userId).orderBy('created_at', 'desc').orderBy('id', 'desc').execute();
  return rows.map((r) => ({ id: r.id, name: r.name, prefix: r.token_prefix, createdAt: r.created_at, lastUsedAt: r.last_used_at, expiresAt: r.expires_at, revokedAt: r.revoked_at }));
}

/** Revokes one of the person's own tokens; false when it is not theirs or already revoked. */
export async function revokeApiToken(db: Kysely<Database>, userId: number, tokenId: number, now = new Date()): Promise<boolean> {
  const result = await db
    .updateTable('api_token')
    .set({ revoked_at: now.toISOString() })
    .where('id', '=', tokenId)
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
