import type { Generated, Selectable } from 'kysely';

export const FREQUENCIES = ['none', 'daily', 'weekly', 'monthly'] as const;
/** How often an alert emails what is new; `none` keeps the search without emailing. */
export type Frequency = (typeof FREQUENCIES)[number];

/** A member's saved search and its email alert (migration 0026). */
export interface SavedSearchTable {
  id: Generated<number>;
  user_id: number;
  name: string;
  /** The search as typed in the box (any syntax the engine reads), with any history line references written out. */
  query: string;
  /** JSON FacetSelection. */
  filters: string;
  frequency: Frequency;
  /** 1 while emails are wanted; 0 after an unsubscribe link was used. */
  active: number;
  created_at: string;
  last_run_at: string | null;
  /** How many new records the last run found (and emailed). */
  last_new_count: number | null;
  /** Why the last run could not search (for example a heading no longer in the thesaurus). */
  last_error: string | null;
  /** The newest `record.added_at` in the index at the last run or at saving; null when the index was empty. */
  last_added_at: string | null;
  unsubscribe_nonce: string;
}

export type SavedSearchRow = Selectable<SavedSearchTable>;
