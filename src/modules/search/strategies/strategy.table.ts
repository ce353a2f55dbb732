import type { Generated, Selectable } from 'kysely';

/** A member's search history saved under a name. */
export interface SearchStrategyTable {
  id: Generated<number>;
  user_id: number;
  name: string;
  created_at: string;
  /** When the strategy was last run again; null until it is. */
  rerun_at: string | null;
}

/** One line of a saved strategy, as it was when saved, and its count when last run again. */
export interface SearchStrategyLineTable {
  id: Generated<number>;
  strategy_id: number;
  /** The history line's number, which the other lines' references use. */
  number: number;
  label: string | null;
  text: string;
  /** JSON QueryNode with line references as line numbers; null when the text did not parse. */
  ast: string | null;
  hits: number | null;
  /** The line's error message when it was saved. */
  error: string | null;
  run_at: string;
  rerun_hits: number | null;
  rerun_error: string | null;
}

export type SearchStrategyRow = Selectable<SearchStrategyTable>;
export type SearchStrategyLineRow = Selectable<SearchStrategyLineTable>;
