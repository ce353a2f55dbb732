import type { Kysely } from 'kysely';

/**
 * Extra headers on an outbox message (a JSON object of name → value, from a short allow-list such as
 * `List-Unsubscribe`), so that alert emails can offer mail clients a one-click unsubscribe (RFC 8058).
 * Null for the messages that carry none: every message queued before this migration.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('mail_outbox').addColumn('headers', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('mail_outbox').dropColumn('headers').execute();
}
