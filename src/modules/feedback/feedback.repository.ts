import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../platform/db/database.js';
import type { FeedbackRow, NewFeedbackRow } from './feedback.table.js';

type Db = Kysely<Database> | Transaction<Database>;

export async function insertFeedback(db: Db, row: NewFeedbackRow): Promise<number> {
  const { id } = await db.insertInto('feedback').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function findFeedbackById(db: Db, id: number): Promise<FeedbackRow | undefined> {
  return db.selectFrom('feedback').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listRecentFeedback(db: Db, limit: number): Promise<FeedbackRow[]> {
  return db.selectFrom('feedback').selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
}
