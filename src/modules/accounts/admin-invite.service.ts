import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { recordAudit } from '../../platform/audit/audit.js';
import { revokeUserSessions } from '../../platform/http/session.js';
import { findOrganisationById } from '../organisations/index.js';
import { consumeAccountToken, peekAccountToken } from './account-token.service.js';
import { DEFAULT_EXPIRY_MONTHS, expiryDate } from './lifecycle-rules.js';
import { checkPasswordStrength, hashPassword } from './password.js';
import { findUserById, updateUser } from './user.repository.js';

/** The invitation form: the eligibility declaration (as at registration) and a new password, typed twice. */
export const activateSchema = z
  .object({
    token: z.string().min(1).max(200),
    declaration: z.literal('yes', { error: 'Confirm that you work for, or are placed with, the organisation and will use khub for your work' }),
    password: z.string({ error: 'Enter a password' }).min(1, 'Enter a password'),
    confirmPassword: z.string({ error: 'Enter the password again' }),
  })
  .refine((v) => v.password === v.confirmPassword, { path: ['confirmPassword'], message: 'The passwords do not match' });

export type ActivateInput = z.output<typeof activateSchema>;

export type ActivateOutcome = { ok: true; userId: number } | { ok: false; reason: 'invalid_token' } | { ok: false; reason: 'weak'; message: string };

/** The invited person and their organisation's name, while the invitation link is still good. */
export async function findInvitation(app: FastifyInstance, token: string) {
  const pending = await peekAccountToken(app.db, token, 'invite');
  const owner = pending?.user_id ? await findUserById(app.db, pending.user_id) : undefined;
  if (!owner || owner.status !== 'active') return undefined;
  const organisation = owner.organisation_id === null ? undefined : await findOrganisationById(app.db, owner.organisation_id);
  return { owner, organisation };
}

/**
 * Accepts an invitation from a bulk upload: the link proves the address, the person declares eligibility and
 * sets a password; their access runs from today for their organisation's period. Single use and audited.
 */
export async function activateInvitedAccount(app: FastifyInstance, input: ActivateInput, request?: FastifyRequest): Promise<ActivateOutcome> {
  const invitation = await findInvitation(app, input.token);
  if (!invitation) return { ok: false, reason: 'invalid_token' };
  const { owner, organisation } = invitation;
  const strength = checkPasswordStrength(input.password, [owner.full_name, owner.email]);
  if (!strength.ok) return { ok: false, reason: 'weak', message: strength.message };
  // Hashing is slow on purpose; do it before the transaction so SQLite's single writer is not held meanwhile.
  const passwordHash = await hashPassword(input.password);
  const now = new Date();
  return app.db.transaction().execute(async (trx): Promise<ActivateOutcome> => {
    // Consuming is the atomic step: of two submissions of one link, only one gets past here.
    const consumed = await consumeAccountToken(trx, input.token, 'invite', now);
    if (!consumed || consumed.userId !== owner.id) return { ok: false, reason: 'invalid_token' };
    await updateUser(trx, owner.id, {
      password_hash: passwordHash,
      email_verified_at: now.toISOString(),
      eligibility_confirmed_at: now.toISOString(),
      expires_at: expiryDate(now, organisation?.accountExpiryMonths ?? DEFAULT_EXPIRY_MONTHS).toISOString(),
      expiry_warning_days: null,
      updated_at: now.toISOString(),
    });
    await revokeUserSessions(trx, owner.id);
    await recordAudit(trx, { actor: { id: owner.id, email: owner.email }, action: 'account.activate', targetType: 'user_account', targetId: owner.id, request }, now);
    return { ok: true, userId: owner.id };
  });
}
