import type { Kysely, Transaction } from 'kysely';
import { z } from 'zod';
import type { Database } from '../db/database.js';
import { validate } from '../forms/validation.js';
import { ValidationError } from '../http/errors.js';
import type { JobHandler } from '../jobs/job-runner.js';
import type { JobQueue } from '../jobs/job-queue.js';
import type { MailTransport } from './mail-transport.js';
import { findOutboxMailById, insertOutboxMail, outboxHeaders, markOutboxMailAttemptFailed, markOutboxMailSent } from './mail.repository.js';
import { type MailMessage, mailMessageSchema } from './mail.schema.js';

/** The job that delivers one outbox message. */
export const MAIL_DELIVER_JOB = 'mail.deliver';

/** Where a queued message is written. */
export interface QueueMailOptions {
  /** The caller's transaction: the message is sent only if it commits. Without one, a transaction of its own. */
  readonly db?: Transaction<Database>;
}

/** What `app.mail` offers. */
export interface MailService {
  /** Validates a message and queues it for delivery; returns the outbox id. Throws `ValidationError` naming each bad field. */
  queue(message: MailMessage, options?: QueueMailOptions): Promise<number>;
}

interface MailDependencies {
  readonly db: Kysely<Database>;
  readonly jobs: JobQueue;
  readonly now?: () => Date;
}

/** Writes the outbox row and its delivery job together, so neither exists without the other. */
export async function queueMail(deps: MailDependencies, message: MailMessage, options: QueueMailOptions = {}): Promise<number> {
  const result = validate(mailMessageSchema, message);
  if (!result.ok) {
    const problems = result.errors.map((e) => `${e.field}: ${e.message}`).join('; ');
    throw new ValidationError(result.errors, `The message cannot be queued. ${problems}`);
  }
  const now = (deps.now ?? (() => new Date()))().toISOString();
  const write = async (trx: Kysely<Database>): Promise<number> => {
    const outboxId = await insertOutboxMail(trx, { ...result.data, now });
    await deps.jobs.enqueue(MAIL_DELIVER_JOB, { outboxId }, { db: trx });
    return outboxId;
  };
  return options.db ? write(options.db) : deps.db.transaction().execute(write);
}

const deliverPayload = z.object({ outboxId: z.number().int().positive() });

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * The `mail.deliver` handler: sends one outbox message and records the outcome on its row. A failure is
 * rethrown so the job retries with backoff; on the job's last attempt the row is marked `failed`.
 */
export function createDeliverHandler(deps: { readonly db: Kysely<Database>; readonly transport: MailTransport; readonly now?: () => Date }): JobHandler {
  const now = deps.now ?? (() => new Date());
  return async (payload, { attempt, maxAttempts, log }) => {
    const { outboxId } = deliverPayload.parse(payload);
    const row = await findOutboxMailById(deps.db, outboxId);
    if (!row) {
      log.warn({ outboxId }, 'outbox message no longer exists; nothing to send');
      return;
    }
    // A job can run twice (its worker died after sending): never send a message twice on purpose.
    if (row.status !== 'queued') return;
    let deliveryRef: string;
    try {
      const mail = { id: row.id, to: row.to_address, subject: row.subject, text: row.text_body, html: row.html_body ?? undefined, headers: outboxHeaders(row) };
      deliveryRef = await deps.transport.send(mail);
    } catch (error) {
      await markOutboxMailAttemptFailed(deps.db, outboxId, describeError(error), attempt >= maxAttempts);
      throw error;
    }
    await markOutboxMailSent(deps.db, outboxId, deliveryRef, now().toISOString());
    log.info({ outboxId, transport: deps.transport.kind, deliveryRef }, 'mail sent');
  };
}
