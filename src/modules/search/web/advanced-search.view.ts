/** The expert search page's model: the numbered history, the boxes, and any problem with a line. */
import { errorSummary } from '../../../platform/forms/validation.js';
import type { FieldError } from '../../../platform/http/errors.js';
import type { HistoryLine, LineError } from '../history/history.service.js';
import { type MarkedQuery, markedQuery, spanAt } from './marked-query.js';

/** The text with the word at the error's offset marked; undefined for errors without a position. */
export function markError(text: string, error: LineError | null): MarkedQuery | undefined {
  if (!error || error.offset === undefined) return undefined;
  return markedQuery(text, spanAt(text, error.offset));
}

/** The message a line's error shows: where it is, and the engine's hint. */
export function errorMessage(error: LineError): string {
  const where = error.column !== undefined && !/\bcolumn \d/.test(error.message) ? ` (at column ${error.column})` : '';
  return `${error.message}${where}${error.hint ? `. ${error.hint}` : ''}`;
}

/** The results page for a line of the history. */
export const lineResultsHref = (number: number) => `/search?q=${encodeURIComponent(`#${number}`)}`;

export function historyRows(lines: readonly HistoryLine[]) {
  return lines.map((line) => ({
    number: line.number,
    label: line.label,
    text: line.text,
    hits: line.hits,
    runAt: line.runAt,
    error: line.error ? { message: errorMessage(line.error), marked: markError(line.text, line.error) } : undefined,
    resultsHref: line.error ? undefined : lineResultsHref(line.number),
    // The save form writes the line's references out from the member's history when it is saved.
    alertHref: line.error ? undefined : `/search/alerts/new?q=${encodeURIComponent(`#${line.number}`)}`,
    editHref: `/search/advanced/lines/${line.number}/edit`,
  }));
}

export interface AdvancedPageState {
  readonly lines: readonly HistoryLine[];
  /** What stays in the search box: the text typed when it had an error. */
  readonly box?: string;
  readonly boxError?: LineError | null;
  readonly strategy?: string;
  readonly errors?: readonly FieldError[];
  readonly successMessages?: readonly string[];
  readonly signedIn: boolean;
}

export function advancedSearchView(state: AdvancedPageState) {
  const errors = state.errors ?? [];
  const byField = Object.fromEntries(errors.map((e) => [e.field, { text: e.message }]));
  return {
    pageTitle: 'Expert search',
    rows: historyRows(state.lines),
    box: state.box ?? '',
    boxMarked: state.box && state.boxError ? markError(state.box, state.boxError) : undefined,
    strategy: state.strategy ?? '',
    errors,
    errorSummaryModel: errorSummary(errors),
    fieldErrors: byField,
    successMessages: state.successMessages ?? [],
    signedIn: state.signedIn,
    combinable: state.lines.filter((line) => !line.error).length >= 2,
  };
}
