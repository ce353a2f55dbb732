import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import type { MailHeaders } from './mail.schema.js';
import type { MailOutboxRow } from './mail.table.js';

type Db = Kysely<Database>;

/** A validated message to store in the outbox. */
export interface NewOutboxMail {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly html?: string;
  readonly headers?: MailHeaders;
  readonly now: string;
}

/** Stores a message as `queued` and returns its id. */
export async function insertOutboxMail(db: Db, mail: NewOutboxMail): Promise<number> {
  const row = await db
    .insertInto('mail_outbox')
    .values({
      to_address: mail.to,
      subject: mail.subject,
      text_body: mail.text,
      html_body: mail.html ?? null,
      headers: mail.headers && Object.keys(mail.headers).length > 0 ? JSON.stringify(mail.headers) : null,
      status: 'queued',
      attempts: 0,
      created_at: mail.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A row's extra headers; none when the column is empty. */
export function outboxHeaders(row: Pick<MailOutboxRow, 'headers'>): MailHeaders {
  return row.headers ? (JSON.parse(row.headers) as MailHeaders) : {};
}

export async function findOutboxMailById(db: Db, id: number): Promise<MailOutboxRow | undefined> {
  return db.selectFrom('mail_outbox').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The most recent messages first. */
export async function listOutboxMail(db: Db, limit: number): Promise<MailOutboxRow[]> {
  return db.selectFrom('mail_outbox').selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
}

/** Records a delivered message and where it went. */
export async function markOutboxMailSent(db: Db, id: number, deliveryRef: string, now: string): Promise<void> {
  await db
    .updateTable('mail_outbox')
    .set({ status: 'sent', delivery_ref: deliveryRef, sent_at: now, last_error: null, attempts: sql<number>`attempts + 1` })
    .where('id', '=', id)
    .execute();
}

/** Records a failed delivery attempt; `final` marks the message `failed` because no retry will follow. */
export async function markOutboxMailAttemptFailed(db: Db, id: number, error: string, final: boolean): Promise<void> {
  await db
    .updateTable('mail_outbox')
    .set({ last_error: error, attempts: sql<number>`attempts + 1`, ...(final ? { status: 'failed' as const } : {}) })
    .where('id', '=', id)
    .execute();
}
