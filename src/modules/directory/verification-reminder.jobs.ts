import type { FastifyInstance } from 'fastify';
import { recordAudit } from '../../platform/audit/audit.js';
import { verificationReminderEmail } from './directory.emails.js';
import { entryRecipients } from './entry-contacts.js';
import { listServiceIdsDueReminder, markVerificationReminded } from './library.repository.js';
import { getLibrary, verificationCutoff } from './library.service.js';

/** The job's name on the queue, which is also its daily schedule's name. */
export const VERIFICATION_REMINDERS_JOB = 'directory.verification-reminders';

const DAY_SECONDS = 86_400;
/** 07:00 UTC: after the accounts jobs, and in people's inboxes before the working day starts. */
const DAILY_RUN_HOUR_UTC = 7;

/** The next 07:00 UTC after `now`. */
export function nextReminderRun(now: Date): Date {
  const today = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), DAILY_RUN_HOUR_UTC));
  return today > now ? today : new Date(today.getTime() + DAY_SECONDS * 1000);
}

/**
 * Emails the managers of each entry not verified for 12 months (or never), once a cycle: the service row
 * records the day it was sent, with a conditional update in the same transaction as the mail, so another
 * run, or another worker, sends nothing more until the next 12 months have passed without a verification.
 * Entries with nobody to tell are left for the admin report and tried again the next day. Returns how many
 * entries were reminded.
 */
export async function sendVerificationReminders(app: FastifyInstance, now = new Date()): Promise<number> {
  const cutoff = verificationCutoff(now);
  const today = now.toISOString().slice(0, 10);
  let reminded = 0;
  for (const id of await listServiceIdsDueReminder(app.db, cutoff)) {
    const library = await getLibrary(app.db, id, now);
    const recipients = await entryRecipients(app.db, library);
    if (recipients.length === 0) continue;
    const sent = await app.db.transaction().execute(async (trx) => {
      if (!(await markVerificationReminded(trx, id, today, cutoff))) return false;
      for (const to of recipients) await app.mail.queue(verificationReminderEmail(to, library, app.config.baseUrl), { db: trx });
      const details = { lastVerifiedOn: library.lastVerifiedOn, recipients: recipients.length };
      await recordAudit(trx, { actor: 'system', action: 'library_service.verification_reminder', targetType: 'library_service', targetId: id, details }, now);
      return true;
    });
    if (sent) reminded += 1;
  }
  return reminded;
}

/** Registers the reminder job and runs it every day at 07:00 UTC; it is safe to run twice or on several workers. */
export function registerVerificationReminders(app: FastifyInstance): void {
  app.jobs.register(VERIFICATION_REMINDERS_JOB, async (_payload, { log }) => {
    log.info({ count: await sendVerificationReminders(app) }, 'library verification reminders sent');
  }, { maxAttempts: 3, backoffSeconds: 300 });
  app.jobs.schedule({ name: VERIFICATION_REMINDERS_JOB, jobName: VERIFICATION_REMINDERS_JOB, intervalSeconds: DAY_SECONDS, firstRunAt: nextReminderRun(new Date()) });
}
