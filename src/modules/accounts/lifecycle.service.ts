import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { recordAudit } from '../../platform/audit/audit.js';
import type { Database } from '../../platform/db/database.js';
import type { FieldError } from '../../platform/http/errors.js';
import { type Organisation, emailProvesMembership, findOrganisationById } from '../organisations/index.js';
import { consumeAccountToken, peekAccountToken } from './account-token.service.js';
import { accountRenewedEmail } from './lifecycle.emails.js';
import { EXPIRED_STATUS_REASON } from './lifecycle.jobs.js';
import { DEFAULT_EXPIRY_MONTHS, expiryDate } from './lifecycle-rules.js';
import { findUserById } from './user.repository.js';
import type { UserAccountRow } from './user.table.js';

/** The renewal form: the eligibility declaration again, and the chance to correct job title and organisation. */
export const renewSchema = z.object({
  token: z.preprocess((v) => (v === '' ? undefined : v), z.string().max(200).optional()),
  declaration: z.literal('yes', { error: 'Confirm that you still work for, or are placed with, the organisation and will use khub for your work' }),
  jobTitle: z.string({ error: 'Enter your job title' }).trim().min(1, 'Enter your job title').max(200, 'Job title must be 200 characters or fewer'),
  organisationId: z.coerce.number({ error: 'Select your organisation' }).int('Select your organisation').positive('Select your organisation'),
});

export type RenewInput = z.output<typeof renewSchema>;

export type RenewOutcome =
  | { ok: true; expiresAt: Date }
  | { ok: false; reason: 'invalid_token' | 'not_renewable' }
  | { ok: false; reason: 'invalid'; errors: FieldError[] };

/** True for an active account, or one suspended only because its access expired; an admin's suspension is theirs to lift. */
export function isRenewable(row: Pick<UserAccountRow, 'status' | 'status_reason'>): boolean {
  return row.status === 'active' || (row.status === 'suspended' && row.status_reason === EXPIRED_STATUS_REASON);
}

/** The person a renewal link belongs to, while the link is still good. */
export async function findRenewalOwner(db: Kysely<Database>, token: string): Promise<UserAccountRow | undefined> {
  const pending = await peekAccountToken(db, token, 'renew');
  return pending?.user_id ? findUserById(db, pending.user_id) : undefined;
}

/**
 * The organisation after renewal. A different one must be open and proven by the email domain: renewing
 * is not a way round an organisation admin's approval.
 */
async function checkOrganisation(db: Kysely<Database>, row: UserAccountRow, organisationId: number): Promise<{ organisation?: Organisation; errors: FieldError[] }> {
  const organisation = await findOrganisationById(db, organisationId);
  if (!organisation) return { errors: [{ field: 'organisationId', message: 'Select your organisation' }] };
  if (organisationId === row.organisation_id) return { organisation, errors: [] };
  if (organisation.closedOn !== null) return { errors: [{ field: 'organisationId', message: `${organisation.name} has closed; select the organisation you work for now` }] };
  if (await emailProvesMembership(db, row.email, organisationId)) return { organisation, errors: [] };
  const message = `Your email address is not one of ${organisation.name}’s. Change your email address to your ${organisation.name} one first, or ask your library service to move your account`;
  return { errors: [{ field: 'organisationId', message }] };
}

/**
 * Renews an account: eligibility confirmed now, access extended by the organisation's period, warnings
 * reset, and an account suspended by expiry made active again. With a token (from the emailed link) the
 * link is used up in the same transaction. Audited as the person; they get a confirmation email.
 */
export async function renewAccount(app: FastifyInstance, userId: number, input: RenewInput, request?: FastifyRequest): Promise<RenewOutcome> {
  const row = await findUserById(app.db, userId);
  if (!row) return { ok: false, reason: 'invalid_token' };
  if (!isRenewable(row)) return { ok: false, reason: 'not_renewable' };
  const { organisation, errors } = await checkOrganisation(app.db, row, input.organisationId);
  if (!organisation) return { ok: false, reason: 'invalid', errors };
  const now = new Date();
  const expiresAt = expiryDate(now, organisation.accountExpiryMonths || DEFAULT_EXPIRY_MONTHS);
  return app.db.transaction().execute(async (trx): Promise<RenewOutcome> => {
    if (input.token !== undefined) {
      const consumed = await consumeAccountToken(trx, input.token, 'renew', now);
      if (!consumed || consumed.userId !== row.id) return { ok: false, reason: 'invalid_token' };
    }
    const after = { status: 'active' as const, status_reason: null, suspended_at: null, deletion_due_at: null, eligibility_confirmed_at: now.toISOString(), expires_at: expiresAt.toISOString(), expiry_warning_days: null, job_title: input.jobTitle, organisation_id: organisation.id, updated_at: now.toISOString() };
    // Conditional on still being renewable, so an admin's suspension made meanwhile is never lifted by accident.
    const result = await trx
      .updateTable('user_account')
      .set(after)
      .where('id', '=', row.id)
      .where((eb) => eb.or([eb('status', '=', 'active'), eb.and([eb('status', '=', 'suspended'), eb('status_reason', '=', EXPIRED_STATUS_REASON)])]))
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) return { ok: false, reason: 'not_renewable' };
    const details = { before: { status: row.status, expiresAt: row.expires_at, jobTitle: row.job_title, organisationId: row.organisation_id }, after: { status: 'active', expiresAt: after.expires_at, jobTitle: input.jobTitle, organisationId: organisation.id } };
    await recordAudit(trx, { actor: { id: row.id, email: row.email }, action: 'account.renew', targetType: 'user_account', targetId: row.id, details, request }, now);
    await app.mail.queue(accountRenewedEmail(row.email, expiresAt), { db: trx });
    return { ok: true, expiresAt };
  });
}
