/**
 * Why a query cannot be run, each with the span of the query text at fault so the search page can
 * point at it. `resolveQuery` collects every problem in a line and throws them together.
 */
import { AppError } from '../../../platform/http/errors.js';
import type { Span } from '../query/ast.js';

/** One problem with one part of a query. */
export class SearchProblem extends AppError {
  constructor(
    code: string,
    message: string,
    readonly span: Span,
  ) {
    super(400, code, message, { span });
  }
}

/** A heading that is not a MeSH descriptor or entry term; `suggestions` are the nearest headings. */
export class UnknownHeadingError extends SearchProblem {
  constructor(
    readonly heading: string,
    span: Span,
    readonly suggestions: readonly { readonly ui: string; readonly name: string; readonly term: string }[] = [],
  ) {
    const hint = suggestions.length > 0 ? ` Did you mean ${suggestions.map((s) => `“${s.name}”`).join(', ')}?` : '';
    super('unknown_heading', `“${heading}” is not a MeSH heading.${hint}`, span);
  }
}

export class UnknownLineError extends SearchProblem {
  constructor(
    readonly label: string,
    span: Span,
  ) {
    super('unknown_line', `There is no search line #${label}.`, span);
  }
}

export class LineCycleError extends SearchProblem {
  constructor(
    readonly label: string,
    span: Span,
  ) {
    super('line_cycle', `Line #${label} refers back to itself.`, span);
  }
}

/** A wildcard word matching more distinct indexed words than a search may expand to. */
export class WildcardLimitError extends SearchProblem {
  constructor(
    readonly word: string,
    span: Span,
    readonly limit: number,
  ) {
    super('wildcard_too_broad', `“${word}” matches more than ${limit} different words; make it longer.`, span);
  }
}

/** A part of a query khub cannot run: a named filter it does not know, a heading inside a proximity search. */
export class UnsupportedQueryError extends SearchProblem {
  constructor(message: string, span: Span) {
    super('unsupported_query', message, span);
  }
}

/** Every problem found in one query. */
export class QueryResolutionError extends AppError {
  constructor(readonly problems: readonly SearchProblem[]) {
    super(400, 'query_resolution_failed', problems.map((p) => p.message).join(' '), { problems: problems.map((p) => ({ code: p.code, message: p.message, span: p.span })) });
  }
}
