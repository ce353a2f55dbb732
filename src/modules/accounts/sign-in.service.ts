import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/database.js';
import { verifyAgainstDummy, verifyPassword } from './password.js';
import { clearSignInFailures, recordFailedSignIn, secondsUntilAllowed } from './throttle.js';
import { findUserByEmail, normaliseEmail, updateUser } from './user.repository.js';

export type SignInResult =
  | { ok: true; userId: number; status: string }
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: 'throttled'; retryAfterSeconds: number };

/**
 * Checks an email and password. Every failure looks the same to the caller whether or not the account
 * exists (and takes as long, thanks to the dummy hash), and counts towards the growing delays.
 */
export async function attemptSignIn(db: Kysely<Database>, emailInput: string, password: string, ip: string, now = new Date()): Promise<SignInResult> {
  const email = normaliseEmail(emailInput);
  const wait = await secondsUntilAllowed(db, email, ip, now);
  if (wait > 0) return { ok: false, reason: 'throttled', retryAfterSeconds: wait };

  const user = await findUserByEmail(db, email);
  const matches = user && user.status !== 'closed' ? await verifyPassword(user.password_hash, password) : await verifyAgainstDummy(password);
  if (!user || !matches) {
    await recordFailedSignIn(db, email, ip, now);
    return { ok: false, reason: 'invalid' };
  }
  await clearSignInFailures(db, email, ip);
  await updateUser(db, user.id, { last_sign_in_at: now.toISOString() });
  return { ok: true, userId: user.id, status: user.status };
}

/** Where to go after signing in: back where the person was, or to their account while it is not yet active. */
export function landingPath(status: string, returnTo: string | undefined): string {
  if (status !== 'active') return '/account';
  return returnTo ?? '/';
}

/** "5 minutes", "1 minute", "30 seconds": for the throttled message. */
export function describeWait(seconds: number): string {
  if (seconds < 60) return `${seconds} second${seconds === 1 ? '' : 's'}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? '' : 's'}`;
}
