import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/database.js';
import { insertFeedback, listRecentFeedback } from './feedback.repository.js';
import type { FeedbackInput } from './feedback.schema.js';
import type { FeedbackRow } from './feedback.table.js';

/** Feedback as the rest of khub sees it. */
export interface Feedback {
  id: number;
  rating: string;
  comments: string;
  email: string | null;
  page: string | null;
  createdAt: string;
}

export function feedbackRowToFeedback(row: FeedbackRow): Feedback {
  return { id: row.id, rating: row.rating, comments: row.comments, email: row.email, page: row.page, createdAt: row.created_at };
}

/** Stores validated feedback and returns its id. */
export async function submitFeedback(db: Kysely<Database>, input: FeedbackInput, now = new Date()): Promise<number> {
  return insertFeedback(db, {
    rating: input.rating,
    comments: input.comments,
    email: input.email ?? null,
    page: input.page ?? null,
    created_at: now.toISOString(),
  });
}

export async function listFeedback(db: Kysely<Database>, limit = 100): Promise<Feedback[]> {
  return (await listRecentFeedback(db, limit)).map(feedbackRowToFeedback);
}
