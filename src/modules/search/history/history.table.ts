import type { Generated, Selectable } from 'kysely';

/**
 * One line of a searcher's history. Lines keep their numbers for life (as PubMed's do): deleting line 3
 * leaves a gap rather than renumbering, so `#4` in a later line never silently comes to mean another search.
 */
export interface SearchHistoryLineTable {
  id: Generated<number>;
  /** `user:<id>` for a signed-in member, `session:<id>` for a browser session, `cli:<run>` for the command line. */
  owner: string;
  number: number;
  /** The label a pasted strategy gave the line ("1a", "B"), so later lines can refer to it by that label. */
  label: string | null;
  text: string;
  dialect: string | null;
  /** JSON QueryNode with line references rewritten to line numbers; null when the text did not parse. */
  ast: string | null;
  /** JSON: line numbers this line refers to. */
  line_refs: string;
  hits: number | null;
  run_ms: number | null;
  /** JSON `{message, hint, offset, line, column}` for a syntax error, or `{message}` for a failed run. */
  error: string | null;
  created_at: string;
  run_at: string;
  /** Set when the searcher deleted the line: the row stays so that its number is never reused. */
  deleted_at: string | null;
}

export type SearchHistoryLineRow = Selectable<SearchHistoryLineTable>;
