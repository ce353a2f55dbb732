/**
 * Highlighted snippets for a page of results: each record's title with the search's words marked,
 * and one fragment of its abstract (about 35 words) where the marked words cluster most densely.
 * Snippets are lists of segments, never HTML: a view wraps the matched ones in `<mark>` and escapes
 * everything, so a record's text can never inject markup.
 *
 * What is marked: the positive text terms of the resolved search — words, whole phrases, truncated
 * words (`therap*`), expanded wildcards, and proximity operands — in the fields each term searches.
 * Nothing under a NOT is marked. Matching uses the index's own tokens (the one tokenizer), so a word
 * is marked exactly when the index would match it there.
 */
import type { StoredRecord } from '../../records/index.js';
import type { Matcher, ResolvedNode, Sequence } from '../engine/resolved.js';
import type { TextField } from '../query/ast.js';
import { fieldPositions } from '../text/document.js';
import { type TokenSpan, tokenSpans } from './snippet-tokens.js';

export interface Segment {
  readonly text: string;
  readonly match: boolean;
}

export interface AbstractFragment {
  /**
   * The label of the structured-abstract section the fragment starts inside ("RESULTS"), when the
   * label itself is not part of the fragment's text; null otherwise.
   */
  readonly label: string | null;
  readonly segments: readonly Segment[];
  /** Whether abstract text was left out before / after the fragment (a view shows "…"). */
  readonly omittedBefore: boolean;
  readonly omittedAfter: boolean;
}

export interface RecordSnippet {
  readonly title: readonly Segment[];
  /** Null when the record has no abstract. */
  readonly abstract: AbstractFragment | null;
}

/** Tokens in an abstract fragment. */
export const FRAGMENT_TOKENS = 35;

/** A sequence to mark: one token test per position. */
interface Term {
  readonly id: number;
  readonly tests: readonly ((token: string) => boolean)[];
}

/** The terms searched in one field, found by their first token: most first tokens are exact words. */
interface FieldTerms {
  readonly byFirstToken: ReadonlyMap<string, readonly Term[]>;
  /** Terms whose first token is a prefix (`therap*`). */
  readonly byPrefix: readonly { readonly prefix: string; readonly term: Term }[];
}

/** The terms of a search that snippets mark, per field they are searched in. */
export interface HighlightTerms {
  readonly title: FieldTerms;
  readonly abstract: FieldTerms;
}

function tester(matcher: Matcher): (token: string) => boolean {
  if (matcher.kind === 'exact') return (token) => token === matcher.token;
  if (matcher.kind === 'prefix') return (token) => token.startsWith(matcher.prefix);
  const tokens = new Set(matcher.tokens);
  return (token) => tokens.has(token);
}

function fieldTerms(sequences: readonly Sequence[]): FieldTerms {
  const byFirstToken = new Map<string, Term[]>();
  const byPrefix: { prefix: string; term: Term }[] = [];
  for (const [id, sequence] of sequences.entries()) {
    const first = sequence[0];
    if (!first) continue;
    const term = { id, tests: sequence.map(tester) };
    if (first.kind === 'prefix') byPrefix.push({ prefix: first.prefix, term });
    for (const token of first.kind === 'exact' ? [first.token] : first.kind === 'set' ? first.tokens : []) {
      byFirstToken.set(token, [...(byFirstToken.get(token) ?? []), term]);
    }
  }
  return { byFirstToken, byPrefix };
}

/**
 * The positive text terms of a resolved search (what the search asked to find, not what it excluded).
 *
 * ### Examples
 * highlightTerms(await resolveQuery(db, parseQuery('hip fracture* NOT dogs').root))  // hip, fracture* in title and abstract
 */
export function highlightTerms(node: ResolvedNode): HighlightTerms {
  const found = { title: new Map<string, Sequence>(), abstract: new Map<string, Sequence>() };
  const add = (fields: readonly TextField[], sequence: Sequence) => {
    for (const field of ['title', 'abstract'] as const) if (fields.includes(field)) found[field].set(JSON.stringify(sequence), sequence);
  };
  const visit = (n: ResolvedNode): void => {
    if (n.kind === 'text') n.sequences.forEach((s) => add(n.fields, s));
    else if (n.kind === 'near') n.operands.forEach((operand) => operand.forEach((s) => add(n.fields, s)));
    else if (n.kind === 'and' || n.kind === 'or') n.children.forEach(visit);
    else if (n.kind === 'not') visit(n.include);
  };
  visit(node);
  return { title: fieldTerms([...found.title.values()]), abstract: fieldTerms([...found.abstract.values()]) };
}

interface Match {
  readonly term: number;
  /** Token indexes, inclusive. */
  readonly first: number;
  readonly last: number;
}

/** Every occurrence of the terms in a field's text, by token index. Positions the index leaves blank never match. */
function findMatches(positions: readonly (string | null)[], terms: FieldTerms): Match[] {
  const matches: Match[] = [];
  for (let i = 0; i < positions.length; i++) {
    const token = positions[i];
    if (token == null) continue;
    const candidates = [...(terms.byFirstToken.get(token) ?? []), ...terms.byPrefix.filter((p) => token.startsWith(p.prefix)).map((p) => p.term)];
    for (const term of candidates) {
      const fits = term.tests.every((test, k) => {
        const at = positions[i + k];
        return at != null && test(at);
      });
      if (fits) matches.push({ term: term.id, first: i, last: i + term.tests.length - 1 });
    }
  }
  return matches;
}

/** Segments of `text[from, to)` with the matched token ranges marked (overlapping matches merge). */
function segmentsOf(text: string, from: number, to: number, spans: readonly TokenSpan[], matches: readonly Match[]): Segment[] {
  const ranges = matches
    .map((m) => [Math.max(from, spans[m.first]?.start ?? from), Math.min(to, spans[m.last]?.end ?? to)] as const)
    .filter(([start, end]) => start < end)
    .sort((a, b) => a[0] - b[0]);
  const segments: Segment[] = [];
  let at = from;
  for (const [start, end] of ranges) {
    if (end <= at) continue;
    if (start > at) segments.push({ text: text.slice(at, start), match: false });
    segments.push({ text: text.slice(Math.max(start, at), end), match: true });
    at = end;
  }
  if (at < to) segments.push({ text: text.slice(at, to), match: false });
  return segments;
}

function fieldMatches(text: string, terms: FieldTerms): { spans: TokenSpan[]; matches: Match[] } {
  const spans = tokenSpans(text);
  const none = terms.byFirstToken.size === 0 && terms.byPrefix.length === 0;
  return { spans, matches: none ? [] : findMatches(fieldPositions([text]), terms) };
}

/** The window of FRAGMENT_TOKENS tokens holding the most distinct terms, then the most matches; earliest wins ties. */
function bestWindow(tokenCount: number, matches: readonly Match[]): { first: number; last: number } {
  const whole = { first: 0, last: tokenCount - 1 };
  if (tokenCount <= FRAGMENT_TOKENS) return whole;
  let best = { distinct: 0, count: 0, first: 0, last: -1 };
  for (const [i, anchor] of matches.entries()) {
    const inside = [];
    for (let j = i; j < matches.length; j++) {
      const m = matches[j] as Match;
      if (m.first >= anchor.first + FRAGMENT_TOKENS) break;
      if (m.last < anchor.first + FRAGMENT_TOKENS) inside.push(m);
    }
    const distinct = new Set(inside.map((m) => m.term)).size;
    if (distinct > best.distinct || (distinct === best.distinct && inside.length > best.count)) {
      best = { distinct, count: inside.length, first: anchor.first, last: Math.max(...inside.map((m) => m.last), anchor.last) };
    }
  }
  if (best.count === 0) return { first: 0, last: FRAGMENT_TOKENS - 1 };
  // Centre the cluster, so the marked words have context on both sides.
  const slack = FRAGMENT_TOKENS - (best.last - best.first + 1);
  const first = Math.max(0, Math.min(tokenCount - FRAGMENT_TOKENS, best.first - Math.floor(Math.max(0, slack) / 2)));
  return { first, last: Math.max(best.last, first + FRAGMENT_TOKENS - 1) };
}

/** Where each labelled section of a structured abstract starts in the stored text ("RESULTS: …"). */
function sectionStarts(record: StoredRecord, text: string): { label: string; start: number; textStart: number }[] {
  const starts = [];
  let from = 0;
  for (const section of record.abstractSections) {
    if (!section.label) continue;
    const start = text.indexOf(`${section.label}: `, from);
    if (start < 0) return [];
    starts.push({ label: section.label, start, textStart: start + section.label.length + 2 });
    from = start + 1;
  }
  return starts;
}

const TRAILING_PUNCTUATION = /^[.,;:!?%)\]}"'’”]+/u;

function abstractFragment(record: StoredRecord, terms: FieldTerms): AbstractFragment | null {
  const text = record.abstract ?? '';
  if (text.trim() === '') return null;
  const { spans, matches } = fieldMatches(text, terms);
  if (spans.length === 0) return { label: null, segments: [{ text, match: false }], omittedBefore: false, omittedAfter: false };
  const window = bestWindow(spans.length, matches);
  let from = window.first === 0 ? 0 : (spans[window.first] as TokenSpan).start;
  let to = window.last >= spans.length - 1 ? text.length : (spans[window.last] as TokenSpan).end;
  to += TRAILING_PUNCTUATION.exec(text.slice(to))?.[0].length ?? 0;
  const section = sectionStarts(record, text).findLast((s) => s.start <= from);
  // A fragment starting inside a label ("AND RESULTS" of "METHODS AND RESULTS: ") shows the whole label.
  if (section && from < section.textStart) from = section.start;
  const label = section && from > section.start ? section.label : null;
  return {
    label,
    segments: segmentsOf(text, from, to, spans, matches),
    omittedBefore: text.slice(0, from).trim() !== '',
    omittedAfter: text.slice(to).trim() !== '',
  };
}

/**
 * A record's snippet for the search's terms.
 *
 * ### Examples
 * recordSnippet(record, highlightTerms(resolved)).title  // [{ text: 'Hip', match: true }, { text: ' replacement in older adults', match: false }]
 */
export function recordSnippet(record: StoredRecord, highlight: HighlightTerms): RecordSnippet {
  const title = record.title;
  const { spans, matches } = fieldMatches(title, highlight.title);
  return { title: segmentsOf(title, 0, title.length, spans, matches), abstract: abstractFragment(record, highlight.abstract) };
}
