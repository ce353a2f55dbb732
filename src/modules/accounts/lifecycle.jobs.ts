import type { FastifyInstance } from 'fastify';
import { recordAudit } from '../../platform/audit/audit.js';
import { revokeUserSessions } from '../../platform/http/session.js';
import { issueAccountToken } from './account-token.service.js';
import { accountExpiredEmail, expiryWarningEmail } from './lifecycle.emails.js';
import { deleteIfDue, listAccountsDueDeletion, listAccountsDueWarning, listExpiredActiveAccounts, markWarningSent, suspendIfExpired } from './lifecycle.repository.js';
import { EXPIRY_WARNING_DAYS, deletionDate, dueExpiryWarning } from './lifecycle-rules.js';

/** The lifecycle jobs' names on the queue (each is also its daily schedule's name). */
export const EXPIRY_WARNINGS_JOB = 'accounts.expiry-warnings';
export const EXPIRE_JOB = 'accounts.expire';
export const DELETE_AFTER_GRACE_JOB = 'accounts.delete-after-grace';

/** The `status_reason` of an account suspended because its access expired; renewal lifts only this kind of suspension. */
export const EXPIRED_STATUS_REASON = 'expired';

const DAY_SECONDS = 86_400;
/** The daily run is early in the UK morning (06:00 UTC), so warnings arrive before the working day starts. */
const DAILY_RUN_HOUR_UTC = 6;
const FIRST_WARNING_DAYS = Math.max(...EXPIRY_WARNING_DAYS);
const LAST_WARNING_DAYS = Math.min(...EXPIRY_WARNING_DAYS);

const renewLink = (app: FastifyInstance, token: string) => `${app.config.baseUrl}/account/renew?token=${encodeURIComponent(token)}`;

/**
 * Emails a warning 28 and then 14 days before an active account expires, each once: the account row records
 * the last warning in the same transaction as the email, with a conditional update, so a second run (or a
 * second worker) sends nothing more. Returns how many warnings it sent.
 */
export async function sendExpiryWarnings(app: FastifyInstance, now = new Date()): Promise<number> {
  let sent = 0;
  for (const row of await listAccountsDueWarning(app.db, now, FIRST_WARNING_DAYS, LAST_WARNING_DAYS)) {
    if (!row.expires_at) continue;
    const expiresAt = new Date(row.expires_at);
    const days = dueExpiryWarning(expiresAt, now, row.expiry_warning_days);
    if (days === null) continue;
    const done = await app.db.transaction().execute(async (trx) => {
      if (!(await markWarningSent(trx, row.id, days, now, FIRST_WARNING_DAYS))) return false;
      const token = await issueAccountToken(trx, { userId: row.id, purpose: 'renew', now });
      await app.mail.queue(expiryWarningEmail(row.email, days, expiresAt, renewLink(app, token)), { db: trx });
      await recordAudit(trx, { actor: 'system', action: 'account.expiry_warning', targetType: 'user_account', targetId: row.id, details: { days, expiresAt: row.expires_at } }, now);
      return true;
    });
    if (done) sent += 1;
  }
  return sent;
}

/** Suspends active accounts whose access has ended ("expired"), ends their sessions and emails a renewal link. Returns how many. */
export async function expireAccounts(app: FastifyInstance, now = new Date()): Promise<number> {
  let expired = 0;
  for (const row of await listExpiredActiveAccounts(app.db, now)) {
    const deletionDueAt = deletionDate(now);
    const done = await app.db.transaction().execute(async (trx) => {
      if (!(await suspendIfExpired(trx, row.id, EXPIRED_STATUS_REASON, now, deletionDueAt))) return false;
      await revokeUserSessions(trx, row.id);
      const token = await issueAccountToken(trx, { userId: row.id, purpose: 'renew', now });
      await app.mail.queue(accountExpiredEmail(row.email, renewLink(app, token), deletionDueAt), { db: trx });
      const details = { before: { status: 'active' }, after: { status: 'suspended', statusReason: EXPIRED_STATUS_REASON, deletionDueAt: deletionDueAt.toISOString() } };
      await recordAudit(trx, { actor: 'system', action: 'account.expire', targetType: 'user_account', targetId: row.id, details }, now);
      return true;
    });
    if (done) expired += 1;
  }
  return expired;
}

/**
 * Deletes accounts past their deletion date, with everything that cascades from them (roles, tokens, join
 * requests). The audit event keeps only the id and the status it had: nothing that identifies the person.
 */
export async function deleteAccountsAfterGrace(app: FastifyInstance, now = new Date()): Promise<number> {
  let deleted = 0;
  for (const row of await listAccountsDueDeletion(app.db, now)) {
    const done = await app.db.transaction().execute(async (trx) => {
      if (!(await deleteIfDue(trx, row.id, now))) return false;
      await revokeUserSessions(trx, row.id);
      await recordAudit(trx, { actor: 'system', action: 'account.delete', targetType: 'user_account', targetId: row.id, details: { reason: 'deletion_date_passed', status: row.status } }, now);
      return true;
    });
    if (done) deleted += 1;
  }
  return deleted;
}

/** The next 06:00 UTC after `now`: where a new daily schedule starts. */
export function nextDailyRun(now: Date, hourUtc = DAILY_RUN_HOUR_UTC): Date {
  const today = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), hourUtc));
  return today > now ? today : new Date(today.getTime() + DAY_SECONDS * 1000);
}

/** Registers the three lifecycle jobs and runs each once a day at 06:00 UTC; each is safe to run twice or on several workers at once. */
export function registerLifecycleJobs(app: FastifyInstance): void {
  const jobs = [
    [EXPIRY_WARNINGS_JOB, sendExpiryWarnings, 'expiry warnings sent'],
    [EXPIRE_JOB, expireAccounts, 'accounts expired'],
    [DELETE_AFTER_GRACE_JOB, deleteAccountsAfterGrace, 'accounts deleted after their grace period'],
  ] as const;
  for (const [name, work, message] of jobs) {
    app.jobs.register(name, async (_payload, { log }) => {
      log.info({ count: await work(app) }, message);
    }, { maxAttempts: 3, backoffSeconds: 300 });
    app.jobs.schedule({ name, jobName: name, intervalSeconds: DAY_SECONDS, firstRunAt: nextDailyRun(new Date()) });
  }
}
