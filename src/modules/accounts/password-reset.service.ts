import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { recordAudit } from '../../platform/audit/audit.js';
import { revokeUserSessions } from '../../platform/http/session.js';
import { consumeAccountToken, issueAccountToken, peekAccountToken } from './account-token.service.js';
import { checkPasswordStrength, hashPassword } from './password.js';
import { passwordChangedEmail, resetLinkEmail } from './password-reset.emails.js';
import { clearSignInFailures } from './throttle.js';
import { findUserByEmail, findUserById, updateUser } from './user.repository.js';

export const PASSWORD_RESET_JOB = 'accounts.password-reset-request';

export const forgotPasswordSchema = z.object({
  email: z.email({ error: 'Enter an email address in the correct format, like name@example.nhs.uk' }).max(320),
});

export const resetPasswordSchema = z
  .object({
    token: z.string().min(1).max(200),
    password: z.string({ error: 'Enter a new password' }).min(1, 'Enter a new password'),
    confirmPassword: z.string({ error: 'Enter the password again' }),
  })
  .refine((v) => v.password === v.confirmPassword, { path: ['confirmPassword'], message: 'The passwords do not match' });

/**
 * Sends the reset link if the address has an account. Runs as a job, so the web request takes the same
 * time whether or not the account exists and answers the same way.
 */
export function registerPasswordResetJob(app: FastifyInstance): void {
  app.jobs.register(PASSWORD_RESET_JOB, async (payload) => {
    const { email } = z.object({ email: z.string() }).parse(payload);
    const user = await findUserByEmail(app.db, email);
    if (!user || user.status === 'closed') return;
    await app.db.transaction().execute(async (trx) => {
      const token = await issueAccountToken(trx, { userId: user.id, purpose: 'reset_password' });
      await app.mail.queue(resetLinkEmail(user.email, `${app.config.baseUrl}/reset-password?token=${token}`), { db: trx });
    });
  }, { maxAttempts: 3, backoffSeconds: 30 });
}

export type ResetOutcome = { ok: true; userId: number } | { ok: false; reason: 'invalid_token' } | { ok: false; reason: 'weak'; message: string };

/** Sets a new password from a reset link: single use, all sessions ended, delays cleared, audited, the owner told. */
export async function resetPassword(app: FastifyInstance, token: string, password: string, ip: string): Promise<ResetOutcome> {
  const pending = await peekAccountToken(app.db, token, 'reset_password');
  const owner = pending?.user_id ? await findUserById(app.db, pending.user_id) : undefined;
  if (!owner) return { ok: false, reason: 'invalid_token' };
  const strength = checkPasswordStrength(password, [owner.full_name, owner.email]);
  if (!strength.ok) return { ok: false, reason: 'weak', message: strength.message };
  const passwordHash = await hashPassword(password);

  return app.db.transaction().execute(async (trx): Promise<ResetOutcome> => {
    // Consuming is the atomic step: of two submissions of one link, only one gets past here.
    const consumed = await consumeAccountToken(trx, token, 'reset_password');
    if (!consumed || consumed.userId !== owner.id) return { ok: false, reason: 'invalid_token' };
    await updateUser(trx, owner.id, { password_hash: passwordHash, updated_at: new Date().toISOString() });
    await revokeUserSessions(trx, owner.id);
    await clearSignInFailures(trx, owner.email, ip);
    await recordAudit(trx, { actor: { id: owner.id, email: owner.email }, action: 'account.password_reset', targetType: 'user_account', targetId: owner.id });
    await app.mail.queue(passwordChangedEmail(owner.email, app.config.baseUrl), { db: trx });
    return { ok: true, userId: owner.id };
  });
}
