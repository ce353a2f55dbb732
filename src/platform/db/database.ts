import type { FeedbackTable } from '../../modules/feedback/feedback.table.js';
import type { SessionTable } from '../http/session.table.js';
import type { JobScheduleTable, JobTable } from '../jobs/job.table.js';
import type { MailOutboxTable } from '../mail/mail.table.js';

/** Every table khub has, put together from the modules' and platform's `*.table.ts` files. */
export interface Database {
  session: SessionTable;
  job: JobTable;
  job_schedule: JobScheduleTable;
  mail_outbox: MailOutboxTable;
  feedback: FeedbackTable;
}
