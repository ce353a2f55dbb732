/**
 * Saving a history line as an alert: a search that refers to lines of the searcher's history (`#3`,
 * Ovid `3 or 1`, a pasted strategy's `1a`) is saved with those lines written out, because the alert
 * runs later, without the history, and the history may have been edited or cleared by then.
 */
import type { FieldError } from '../../../platform/http/errors.js';
import { type SearchProblem, UnknownLineError } from '../engine/errors.js';
import { type LineResolver, substituteLines } from '../engine/lines.js';
import { referencedLabels } from '../history/line-references.js';
import { QuerySyntaxError } from '../query/errors.js';
import { parseQuery } from '../query/parser.js';
import { printCanonical } from '../query/print-canonical.js';

/** The searcher's history as a line resolver; asked for only when the search refers to lines. */
export type HistoryLines = () => Promise<LineResolver>;

export type WrittenOut =
  | { readonly kind: 'unchanged' }
  | { readonly kind: 'written'; readonly query: string }
  | { readonly kind: 'refused'; readonly problem: FieldError };

function message(problem: SearchProblem): string {
  return problem instanceof UnknownLineError ? `There is no line #${problem.label} in your search history.` : problem.message;
}

/**
 * The search with every line reference replaced by the line it names (recursively), in khub's canonical
 * form, which reads back to the same search in any syntax. A search without references is unchanged;
 * one that cannot be parsed is left for the caller's own check to report.
 *
 * ### Examples
 * await writeOutLines('#1 AND #2', history)   // { kind: 'written', query: '(diabetes AND insulin[fields:title])' }
 * await writeOutLines('#9', history)          // { kind: 'refused', problem: { field: 'query', message: 'There is no line #9 in your search history.' } }
 */
export async function writeOutLines(query: string, history: HistoryLines | undefined, maxLength: number): Promise<WrittenOut> {
  let node;
  try {
    node = parseQuery(query).root;
  } catch (error) {
    if (error instanceof QuerySyntaxError) return { kind: 'unchanged' };
    throw error;
  }
  if (referencedLabels(node).length === 0) return { kind: 'unchanged' };
  const problems: SearchProblem[] = [];
  const written = substituteLines(node, history ? await history() : undefined, problems);
  if (problems.length > 0) return { kind: 'refused', problem: { field: 'query', message: problems.map(message).join(' ') } };
  const text = printCanonical(written).text;
  if (text.length > maxLength) {
    return { kind: 'refused', problem: { field: 'query', message: `With its history lines written out the search is ${text.length.toLocaleString('en-GB')} characters; a saved search can be ${maxLength.toLocaleString('en-GB')}` } };
  }
  return { kind: 'written', query: text };
}

/**
 * The name for a saved history line whose name was left as the reference itself (the save form offers
 * the search box's text, `#3`, which will mean nothing once the history changes): the reference as a
 * note of where it came from, then the search written out, cut to `maxLength`.
 */
export function historyLineName(reference: string, written: string, maxLength: number): string {
  const lines = referencedLabels(parseQuery(reference).root).length > 1 ? 'Lines' : 'Line';
  const name = `${lines} ${reference}: ${written}`;
  return name.length > maxLength ? `${name.slice(0, maxLength - 1)}…` : name;
}
