import type { FastifyRequest } from 'fastify';
import type { Kysely, Transaction } from 'kysely';
import { recordAudit } from '../../platform/audit/audit.js';
import type { CurrentUser } from '../../platform/auth/roles.js';
import type { Database } from '../../platform/db/database.js';
import type { FieldError } from '../../platform/http/errors.js';
import { emailProvesMembership, findOrganisationById } from '../organisations/index.js';
import { confirmNewEmailEmail, emailChangeRequestedEmail, emailChangedEmail, emailInUseEmail } from './account-self.emails.js';
import { getOwnAccountRow } from './account-self.service.js';
import type { ChangeEmailInput } from './account-self.schema.js';
import { consumeAccountToken, issueAccountToken, peekAccountToken } from './account-token.service.js';
import { withdrawUndecidedJoinRequests } from './join-request.repository.js';
import { type ServiceApp, activateAccount, openJoinRequest } from './join-request.service.js';
import { verifyPassword } from './password.js';
import { findUserByEmail, findUserById, updateUser } from './user.repository.js';
import type { AccountStatus, UserAccountRow } from './user.table.js';

/**
 * Starts a change of address: the link goes to the new address, a notice to the old one. When the new
 * address already has an account, its owner is told instead of getting a link, and the person asking
 * sees the same page either way, so the form never reveals which addresses have accounts.
 */
export async function requestEmailChange(app: ServiceApp, user: CurrentUser, input: ChangeEmailInput, request?: FastifyRequest, now = new Date()): Promise<FieldError[]> {
  const row = await getOwnAccountRow(app.db, user.id);
  if (input.newEmail === row.email) return [{ field: 'newEmail', message: 'Enter an email address different from the one you use now' }];
  if (!(await verifyPassword(row.password_hash, input.password))) return [{ field: 'password', message: 'Your password is not correct' }];
  await app.db.transaction().execute(async (trx) => {
    const baseUrl = app.config.baseUrl;
    if (await findUserByEmail(trx, input.newEmail)) {
      await app.mail.queue(emailInUseEmail(input.newEmail, { baseUrl }), { db: trx });
    } else {
      const token = await issueAccountToken(trx, { userId: user.id, purpose: 'change_email', data: { email: input.newEmail }, now });
      await app.mail.queue(confirmNewEmailEmail(input.newEmail, { baseUrl, fullName: row.full_name, token }), { db: trx });
    }
    await app.mail.queue(emailChangeRequestedEmail(row.email, { baseUrl, fullName: row.full_name, newEmail: input.newEmail }), { db: trx });
    const details = { before: { email: row.email }, requested: { email: input.newEmail } };
    await recordAudit(trx, { actor: user, action: 'account.request_email_change', targetType: 'user_account', targetId: user.id, details, request }, now);
  });
  return [];
}

function newEmailOf(data: Record<string, unknown>): string | undefined {
  return typeof data.email === 'string' ? data.email : undefined;
}

/** The address a change-of-email link would set, for its confirmation page; undefined when the link is no good. */
export async function peekEmailChange(db: Kysely<Database>, token: string): Promise<string | undefined> {
  const row = await peekAccountToken(db, token, 'change_email');
  return row?.data ? newEmailOf(JSON.parse(row.data) as Record<string, unknown>) : undefined;
}

export type EmailChangeOutcome =
  | { ok: true; userId: number; status: AccountStatus; /** The new address no longer proves membership: access waits for approval. */ accessSuspended: boolean }
  | { ok: false; reason: 'invalid' | 'taken' };

/**
 * Uses a change-of-email link. The account keeps its approval only while the new address still proves
 * membership of its organisation; otherwise access is suspended (status pending) until an admin approves
 * a new join request. A pending account whose new address does prove membership is approved at once.
 */
export async function confirmEmailChange(app: ServiceApp, token: string, request?: FastifyRequest, now = new Date()): Promise<EmailChangeOutcome> {
  return app.db.transaction().execute(async (trx) => {
    const consumed = await consumeAccountToken(trx, token, 'change_email', now);
    const newEmail = consumed ? newEmailOf(consumed.data) : undefined;
    const user = consumed?.userId ? await findUserById(trx, consumed.userId) : undefined;
    if (!newEmail || !user || user.status === 'closed') return { ok: false, reason: 'invalid' };
    // Someone took the address between the request and the click; the link's holder owns that mailbox.
    if (await findUserByEmail(trx, newEmail)) return { ok: false, reason: 'taken' };
    await updateUser(trx, user.id, { email: newEmail, email_verified_at: now.toISOString(), updated_at: now.toISOString() });
    const status = await reviewMembership(app, trx, { ...user, email: newEmail }, request, now);
    const details = { before: { email: user.email, status: user.status }, after: { email: newEmail, status } };
    await recordAudit(trx, { actor: { id: user.id, email: newEmail }, action: 'account.change_email', targetType: 'user_account', targetId: user.id, details, request }, now);
    const accessSuspended = status === 'pending' && user.status === 'active';
    const changed = { baseUrl: app.config.baseUrl, fullName: user.full_name, newEmail, needsApproval: accessSuspended };
    await app.mail.queue(emailChangedEmail(user.email, changed), { db: trx });
    return { ok: true, userId: user.id, status, accessSuspended };
  });
}

/** The account's status after its address changed (already saved as `user.email`). */
async function reviewMembership(app: ServiceApp, trx: Transaction<Database>, user: UserAccountRow, request: FastifyRequest | undefined, now: Date): Promise<AccountStatus> {
  const organisation = user.organisation_id === null ? undefined : await findOrganisationById(trx, user.organisation_id);
  if (!organisation || (user.status !== 'active' && user.status !== 'pending')) return user.status;
  const proves = organisation.closedOn === null && (await emailProvesMembership(trx, user.email, organisation.id));
  if (user.status === 'pending' && proves) {
    await withdrawUndecidedJoinRequests(trx, user.id, now.toISOString());
    await activateAccount(trx, user.id, organisation, now);
    return 'active';
  }
  if (user.status === 'active' && !proves) {
    const reason = `Your new email address is not one we recognise for ${organisation.name}, so an account administrator needs to approve it`;
    await updateUser(trx, user.id, { status: 'pending', status_reason: reason, updated_at: now.toISOString() });
    const actor = { id: user.id, email: user.email };
    await openJoinRequest(app, trx, { user: { id: user.id, email: user.email, fullName: user.full_name }, organisation, reason: 'email_changed', actor, request, now });
    return 'pending';
  }
  return user.status;
}
