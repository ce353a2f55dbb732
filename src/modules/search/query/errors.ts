import type { QuerySyntaxErrorDetails } from './ast.js';

/** 1-based line and column of a 0-based offset in `source`. */
export function positionOf(source: string, offset: number): { line: number; column: number } {
  const clamped = Math.max(0, Math.min(offset, source.length));
  let line = 1;
  let lineStart = 0;
  for (let i = source.indexOf('\n'); i !== -1 && i < clamped; i = source.indexOf('\n', i + 1)) {
    line += 1;
    lineStart = i + 1;
  }
  return { line, column: clamped - lineStart + 1 };
}

/**
 * A query that does not follow the syntax, with where it went wrong and what to do about it.
 *
 * ### Examples
 * `parseQuery('(heart OR attack')` throws "Unclosed bracket opened at column 1" (offset 0, line 1, column 1).
 */
export class QuerySyntaxError extends Error {
  /** Stable error id, as for the platform's other errors. */
  readonly code = 'query_syntax_error';
  readonly offset: number;
  readonly line: number;
  readonly column: number;
  readonly hint: string | null;

  constructor(message: string, offset: number, line: number, column: number, hint: string | null = null) {
    super(message);
    this.name = 'QuerySyntaxError';
    this.offset = offset;
    this.line = line;
    this.column = column;
    this.hint = hint;
  }

  /** Builds the error for a position in `source`, working out the line and column. */
  static at(source: string, offset: number, message: string, hint: string | null = null): QuerySyntaxError {
    const { line, column } = positionOf(source, offset);
    return new QuerySyntaxError(message, offset, line, column, hint);
  }

  toDetails(): QuerySyntaxErrorDetails {
    return { message: this.message, hint: this.hint, offset: this.offset, line: this.line, column: this.column };
  }
}

/**
 * The line of `source` the error is on, with a caret under its column, then the message and hint:
 *
 * ```
 * heart[tiabx]
 *      ^
 * Unknown field tag [tiabx]
 * hint: did you mean [tiab]?
 * ```
 */
export function formatWithCaret(source: string, error: QuerySyntaxErrorDetails): string {
  const lines = source.split('\n');
  const text = (lines[error.line - 1] ?? '').replace(/\r$/, '');
  // Tabs keep their width under the caret so that it lines up however the terminal shows them.
  const padding = text.slice(0, error.column - 1).replace(/[^\t]/g, ' ');
  const out = [text, `${padding}^`, error.message];
  if (error.hint) out.push(`hint: ${error.hint}`);
  return out.join('\n');
}
