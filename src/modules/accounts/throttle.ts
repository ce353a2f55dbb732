import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/database.js';

/**
 * Growing delays after failed sign-ins, never a permanent lockout. Three counters:
 * - the account from one address: 3 free tries, then 1 s, 2 s, 4 s … up to 15 minutes;
 * - the account from anywhere: 20 free tries, so a spread-out attack still slows down;
 * - the address for any account: 20 free tries, against one machine guessing many accounts.
 * A stranger elsewhere can delay an account by at most 15 minutes at a time, and counters fade
 * after a day without failures. Emails that have no account are counted just the same, so the
 * answers never reveal which addresses exist.
 */
const RULES = [
  { kind: 'account-ip', freeTries: 3 },
  { kind: 'account', freeTries: 20 },
  { kind: 'ip', freeTries: 20 },
] as const;

const MAX_DELAY_SECONDS = 15 * 60;
const FORGET_AFTER_MS = 24 * 3600 * 1000;

function keysFor(email: string, ip: string): { kind: string; key: string; freeTries: number }[] {
  const values: Record<string, string> = { 'account-ip': `${email}|${ip}`, account: email, ip };
  return RULES.map((rule) => ({ kind: rule.kind, key: `${rule.kind}:${values[rule.kind]}`, freeTries: rule.freeTries }));
}

/** Seconds to wait after `failures` failures when the first `freeTries` cost nothing. */
export function delaySeconds(failures: number, freeTries: number): number {
  if (failures <= freeTries) return 0;
  return Math.min(MAX_DELAY_SECONDS, 2 ** (failures - freeTries - 1));
}

/** Seconds until this email may be tried from this address again (0: go ahead). */
export async function secondsUntilAllowed(db: Kysely<Database>, email: string, ip: string, now = new Date()): Promise<number> {
  const rows = await db
    .selectFrom('sign_in_throttle')
    .select(['blocked_until'])
    .where('key', 'in', keysFor(email, ip).map((k) => k.key))
    .execute();
  const waits = rows.map((r) => (r.blocked_until ? Date.parse(r.blocked_until) - now.getTime() : 0));
  return Math.max(0, Math.ceil(Math.max(0, ...waits) / 1000));
}

/** Counts a failed sign-in against all three counters. */
export async function recordFailedSignIn(db: Kysely<Database>, email: string, ip: string, now = new Date()): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (const { key, freeTries } of keysFor(email, ip)) {
      const row = await trx.selectFrom('sign_in_throttle').select(['failures', 'updated_at']).where('key', '=', key).executeTakeFirst();
      const stale = row !== undefined && now.getTime() - Date.parse(row.updated_at) > FORGET_AFTER_MS;
      const failures = (row && !stale ? row.failures : 0) + 1;
      const delay = delaySeconds(failures, freeTries);
      const values = {
        failures,
        blocked_until: delay > 0 ? new Date(now.getTime() + delay * 1000).toISOString() : null,
        updated_at: now.toISOString(),
      };
      await trx
        .insertInto('sign_in_throttle')
        .values({ key, ...values })
        .onConflict((oc) => oc.column('key').doUpdateSet(values))
        .execute();
    }
  });
}

/** Clears the counters that a successful sign-in or password reset from this address proves were the owner's. */
export async function clearSignInFailures(db: Kysely<Database>, email: string, ip: string): Promise<void> {
  await db.deleteFrom('sign_in_throttle').where('key', 'in', [`account:${email}`, `account-ip:${email}|${ip}`]).execute();
}
