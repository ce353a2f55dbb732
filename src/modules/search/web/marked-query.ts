/** The search text split around where a problem is, so a page can mark that part. */
import type { Span } from '../query/ast.js';

export interface MarkedQuery {
  readonly before: string;
  readonly marked: string;
  readonly after: string;
  /** The span is the end of the text: nothing to mark, so the page says so. */
  readonly atEnd: boolean;
}

/** The text around `span`, clamped to the text. */
export function markedQuery(text: string, span: Span): MarkedQuery {
  const start = Math.max(0, Math.min(span.start, text.length));
  const end = Math.max(start, Math.min(span.end, text.length));
  return { before: text.slice(0, start), marked: text.slice(start, end), after: text.slice(end), atEnd: start === text.length };
}

/** From the offset to the end of the word there: what a syntax error points at. */
export function spanAt(text: string, offset: number): Span {
  const rest = /^\S*/.exec(text.slice(offset))?.[0] ?? '';
  return { start: offset, end: offset + Math.max(1, rest.length) };
}
