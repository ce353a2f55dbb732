import type { FastifyInstance } from 'fastify';
import { NotFoundError } from '../http/errors.js';
import { findOutboxMailById, listOutboxMail, outboxHeaders } from './mail.repository.js';
import type { MailHeaders } from './mail.schema.js';
import type { MailOutboxRow, MailStatus } from './mail.table.js';

/** An outbox message as the development pages show it. */
export interface OutboxMessage {
  readonly id: number;
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly html: string | null;
  readonly headers: MailHeaders;
  readonly status: MailStatus;
  readonly attempts: number;
  readonly lastError: string | null;
  readonly deliveryRef: string | null;
  readonly createdAt: string;
  readonly sentAt: string | null;
}

/** Maps a `mail_outbox` row to the model templates see. */
export function outboxRowToMessage(row: MailOutboxRow): OutboxMessage {
  return {
    id: row.id,
    to: row.to_address,
    subject: row.subject,
    text: row.text_body,
    html: row.html_body,
    headers: outboxHeaders(row),
    status: row.status,
    attempts: row.attempts,
    lastError: row.last_error,
    deliveryRef: row.delivery_ref,
    createdAt: row.created_at,
    sentAt: row.sent_at,
  };
}

const LIST_LIMIT = 200;

/** Development only: browse what khub would have sent, without a mail server. */
export function outboxRoutes(app: FastifyInstance): void {
  app.get('/dev/outbox', async (_request, reply) => {
    const rows = await listOutboxMail(app.db, LIST_LIMIT);
    return reply.view('dev/outbox.njk', { messages: rows.map(outboxRowToMessage), limit: LIST_LIMIT });
  });

  app.get<{ Params: { id: string } }>('/dev/outbox/:id', async (request, reply) => {
    const id = /^\d{1,15}$/.test(request.params.id) ? Number(request.params.id) : undefined;
    const row = id === undefined ? undefined : await findOutboxMailById(app.db, id);
    if (!row) throw new NotFoundError('mail_not_found', `No message ${request.params.id} in the outbox.`);
    return reply.view('dev/outbox-message.njk', { message: outboxRowToMessage(row), from: app.config.mailFrom });
  });
}
