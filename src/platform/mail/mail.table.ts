import type { Generated, Insertable, Selectable } from 'kysely';

export type MailStatus = 'queued' | 'sent' | 'failed';

/** Every message khub sends, written in the same transaction as the change that caused it. */
export interface MailOutboxTable {
  id: Generated<number>;
  to_address: string;
  subject: string;
  text_body: string;
  html_body: string | null;
  /** JSON object of extra headers (names from `MAIL_HEADER_NAMES`), or null for none. */
  headers: string | null;
  status: MailStatus;
  attempts: number;
  last_error: string | null;
  /** The transport's message id (SMTP) or the file it was written to (file outbox). */
  delivery_ref: string | null;
  created_at: string;
  sent_at: string | null;
}

export type MailOutboxRow = Selectable<MailOutboxTable>;
export type NewMailOutboxRow = Insertable<MailOutboxTable>;
