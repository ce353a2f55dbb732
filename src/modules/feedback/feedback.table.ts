import type { Generated, Insertable, Selectable } from 'kysely';

/** Feedback about khub itself, from the phase banner's link or the API. */
export interface FeedbackTable {
  id: Generated<number>;
  /** How easy the visitor found the service (the GOV.UK satisfaction scale). */
  rating: string;
  /** What they were trying to do and what happened. */
  comments: string;
  /** Optional: a reply address, given only when they want one. */
  email: string | null;
  /** The page they came from, when known. */
  page: string | null;
  created_at: string;
}

export type FeedbackRow = Selectable<FeedbackTable>;
export type NewFeedbackRow = Insertable<FeedbackTable>;
