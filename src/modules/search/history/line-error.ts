/** How a history line records why it has no count. */
import { AppError } from '../../../platform/http/errors.js';
import { QueryResolutionError } from '../engine/errors.js';
import type { QuerySyntaxError } from '../query/errors.js';

/** Why a line has no count. `code` is stable: the engine's problem codes, or the history's own. */
export interface LineError {
  /**
   * `query_syntax_error`, `unknown_line`, `line_cycle`, `line_has_error` (it refers to a line with an
   * error), an engine code (`query_resolution_failed`, with `problems`), or `search_failed` (anything else).
   */
  readonly code?: string;
  /** The engine's problems, each with its own code (`unknown_heading`, `wildcard_too_broad`, …). */
  readonly problems?: readonly { readonly code: string; readonly message: string }[];
  readonly message: string;
  readonly hint?: string | null;
  readonly offset?: number;
  readonly line?: number;
  readonly column?: number;
}

export function syntaxError(error: QuerySyntaxError): LineError {
  const { code, message, hint, offset, line, column } = error;
  return { code, message, hint, offset, line, column };
}

/** A search that could not run: the engine's problems with their codes, or `search_failed` for anything unexpected. */
export function searchError(error: unknown): LineError {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof QueryResolutionError) return { code: error.code, problems: error.problems.map((p) => ({ code: p.code, message: p.message })), message };
  return { code: error instanceof AppError ? error.code : 'search_failed', message };
}
