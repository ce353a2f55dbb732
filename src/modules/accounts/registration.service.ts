import type { FastifyRequest } from 'fastify';
import type { Kysely, Transaction } from 'kysely';
import { recordAudit } from '../../platform/audit/audit.js';
import type { Database } from '../../platform/db/database.js';
import type { FieldError } from '../../platform/http/errors.js';
import { emailProvesMembership, findOrganisationById, getOrganisationById } from '../organisations/index.js';
import { consumeAccountToken, issueAccountToken, peekAccountToken } from './account-token.service.js';
import { type ServiceApp, activateAccount, openJoinRequest } from './join-request.service.js';
import { hashPassword } from './password.js';
import { alreadyRegisteredEmail, verifyEmailEmail } from './registration.emails.js';
import type { RegistrationInput } from './registration.schema.js';
import { findUserByEmail, findUserById, insertUser, updateUser } from './user.repository.js';
import type { UserAccountRow } from './user.table.js';

/** What is wrong with the chosen organisation, if anything: it must exist and be open. */
export async function checkRegistrationOrganisation(db: Kysely<Database>, organisationId: number): Promise<FieldError[]> {
  const organisation = await findOrganisationById(db, organisationId);
  return organisation && organisation.closedOn === null ? [] : [{ field: 'organisationId', message: 'Select your organisation from the list' }];
}

async function sendVerificationLink(app: ServiceApp, trx: Transaction<Database>, user: { id: number; email: string; fullName: string }, now: Date) {
  const token = await issueAccountToken(trx, { userId: user.id, purpose: 'verify_email', now });
  await app.mail.queue(verifyEmailEmail(user.email, { baseUrl: app.config.baseUrl, fullName: user.fullName, token }), { db: trx });
}

/**
 * Registers a person, or, when the address already has an account, emails its owner instead; the
 * caller shows the same page either way, so the form never reveals which addresses have accounts.
 * An unverified account at the address is replaced by the newer registration: only whoever holds
 * the mailbox can finish either one, and it stops a stranger's earlier registration blocking the owner's.
 */
export async function registerAccount(app: ServiceApp, input: RegistrationInput, request?: FastifyRequest, now = new Date()): Promise<void> {
  // Hash before looking the address up, so a duplicate takes as long to answer as a new account.
  const passwordHash = await hashPassword(input.password);
  const iso = now.toISOString();
  await app.db.transaction().execute(async (trx) => {
    const existing = await findUserByEmail(trx, input.email);
    if (existing && existing.status !== 'unverified') {
      await app.mail.queue(alreadyRegisteredEmail(existing.email, { baseUrl: app.config.baseUrl }), { db: trx });
      return;
    }
    const fields = {
      full_name: input.fullName,
      job_title: input.jobTitle,
      staff_group: input.staffGroup,
      organisation_id: input.organisationId,
      password_hash: passwordHash,
      updated_at: iso,
    };
    const userId = existing ? existing.id : await insertUser(trx, { ...fields, email: input.email, status: 'unverified', created_at: iso });
    if (existing) await updateUser(trx, existing.id, fields);
    const details = { after: { status: 'unverified', organisationId: input.organisationId }, replacedUnverified: existing !== undefined };
    await recordAudit(trx, { actor: { anonymous: 'registration' }, action: 'account.register', targetType: 'user_account', targetId: userId, details, request }, now);
    await sendVerificationLink(app, trx, { id: userId, email: input.email, fullName: input.fullName }, now);
  });
}

/** Sends a fresh link when the address has an account still waiting for verification; otherwise nothing (the page is the same). */
export async function resendVerification(app: ServiceApp, email: string, now = new Date()): Promise<void> {
  await app.db.transaction().execute(async (trx) => {
    const user = await findUserByEmail(trx, email);
    if (!user || user.status !== 'unverified') return;
    await sendVerificationLink(app, trx, { id: user.id, email: user.email, fullName: user.full_name }, now);
  });
}

/** Whose registration a verification link confirms, for the confirmation page; undefined when the link is no good. */
export async function peekVerification(db: Kysely<Database>, token: string): Promise<{ fullName: string; organisationName: string } | undefined> {
  const row = await peekAccountToken(db, token, 'verify_email');
  const user = row?.user_id ? await findUserById(db, row.user_id) : undefined;
  if (!user || user.status !== 'unverified' || user.organisation_id === null) return undefined;
  const organisation = await findOrganisationById(db, user.organisation_id);
  return { fullName: user.full_name, organisationName: organisation?.name ?? '' };
}

export type VerificationOutcome = { ok: true; userId: number; status: 'active' | 'pending' } | { ok: false };

/**
 * Uses a verification link: the address is verified, then the account is approved at once when its
 * domain belongs to the chosen organisation, or waits for the organisation's admins in a join request.
 */
export async function verifyEmail(app: ServiceApp, token: string, request?: FastifyRequest, now = new Date()): Promise<VerificationOutcome> {
  return app.db.transaction().execute(async (trx) => {
    const consumed = await consumeAccountToken(trx, token, 'verify_email', now);
    const user = consumed?.userId ? await findUserById(trx, consumed.userId) : undefined;
    if (!user || user.status !== 'unverified' || user.organisation_id === null) return { ok: false };
    await updateUser(trx, user.id, { email_verified_at: now.toISOString(), last_sign_in_at: now.toISOString(), updated_at: now.toISOString() });
    const status = await approveOrQueue(app, trx, user, user.organisation_id, request, now);
    const actor = { id: user.id, email: user.email };
    const details = { before: { status: 'unverified' }, after: { status, emailVerifiedAt: now.toISOString() } };
    await recordAudit(trx, { actor, action: 'account.verify_email', targetType: 'user_account', targetId: user.id, details, request }, now);
    return { ok: true, userId: user.id, status };
  });
}

async function approveOrQueue(app: ServiceApp, trx: Transaction<Database>, user: UserAccountRow, organisationId: number, request: FastifyRequest | undefined, now: Date) {
  const organisation = await getOrganisationById(trx, organisationId);
  if (organisation.closedOn === null && (await emailProvesMembership(trx, user.email, organisation.id))) {
    await activateAccount(trx, user.id, organisation, now);
    return 'active' as const;
  }
  await updateUser(trx, user.id, { status: 'pending', updated_at: now.toISOString() });
  const actor = { id: user.id, email: user.email };
  await openJoinRequest(app, trx, { user: { id: user.id, email: user.email, fullName: user.full_name }, organisation, reason: 'domain_not_recognised', actor, request, now });
  return 'pending' as const;
}
