/**
 * "Did you mean" for a search that finds nothing or very little: each plain word of the search that
 * the index has never seen is replaced by the nearest word it has (edit distance, typing slips such
 * as swapped letters included), and the rewritten search is offered when it finds more.
 *
 * Candidates are bounded so this stays cheap on a large vocabulary: words of the index vocabulary
 * (`search_term`) with the same first letter and a length within the distance, and the words of MeSH
 * terms (entry terms included) starting with the same three letters. Among the nearest, the one that
 * finds the most records wins.
 */
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../../platform/db/database.js';
import { suggest } from '../../thesaurus/index.js';
import { countMatches } from '../engine/search.js';
import type { QueryNode, Span, WordPattern } from '../query/ast.js';
import { parseQuery } from '../query/parser.js';
import { prefixEnd, tokenize } from '../text/tokenize.js';
import { editDistance } from './edit-distance.js';

/** Searches with fewer results than this get a suggestion. */
export const FEW_RESULTS = 3;
/** Vocabulary words read per misspelt word, at most. */
const CANDIDATE_ROWS = 100_000;
/** Nearest candidates whose hits are counted, per word. */
const COUNTED = 5;

/** A word of the search as written, where it is, and its one token. */
interface Written {
  readonly text: string;
  readonly token: string;
  readonly span: Span;
}

/** Typing slips allowed: one in a short word, two in a longer one. */
const allowedDistance = (token: string) => (token.length <= 4 ? 1 : 2);

function literal(word: WordPattern): string | undefined {
  const [part, ...rest] = word.parts;
  return part?.kind === 'literal' && rest.length === 0 ? part.text : undefined;
}

/** Plain words (no wildcard, one token, letters only, 3 or more) with the span of the node holding them. */
function plainWords(node: QueryNode): Written[] {
  const found: Written[] = [];
  const add = (word: WordPattern, span: Span) => {
    const text = literal(word);
    const tokens = text === undefined ? [] : tokenize(text);
    const token = tokens[0];
    if (text !== undefined && token !== undefined && tokens.length === 1 && token.length >= 3 && /^\p{L}+$/u.test(token)) found.push({ text, token, span });
  };
  const visit = (n: QueryNode): void => {
    if (n.kind === 'term') add(n.word, n.span);
    else if (n.kind === 'phrase') n.words.forEach((w) => add(w, n.span));
    else if (n.kind === 'and' || n.kind === 'or') n.children.forEach(visit);
    else if (n.kind === 'not') visit(n.include);
    else if (n.kind === 'limit') visit(n.target);
    else if (n.kind === 'proximity') n.operands.forEach(visit);
  };
  visit(node);
  return found;
}

async function unknownTokens(db: Kysely<Database>, tokens: readonly string[]): Promise<Set<string>> {
  if (tokens.length === 0) return new Set();
  const { rows } = await sql<{ token: string }>`select token from search_term where token in (${sql.join([...new Set(tokens)])})`.execute(db);
  const known = new Set(rows.map((r) => r.token));
  return new Set(tokens.filter((t) => !known.has(t)));
}

/** The candidates for one unknown token within its allowed distance, nearest first. */
async function nearestWords(db: Kysely<Database>, token: string): Promise<string[]> {
  const max = allowedDistance(token);
  const first = token.charAt(0);
  const { rows } = await sql<{ token: string }>`
    select token from search_term where token >= ${first} and token < ${prefixEnd(first)}
      and length(token) between ${token.length - max} and ${token.length + max} limit ${CANDIDATE_ROWS}`.execute(db);
  const fromThesaurus = (await suggest(db, token.slice(0, 3), 50)).flatMap((s) => [...tokenize(s.name), ...tokenize(s.term)]);
  const scored = new Map<string, number>();
  for (const candidate of [...rows.map((r) => r.token), ...fromThesaurus]) {
    if (candidate === token || scored.has(candidate)) continue;
    const distance = editDistance(token, candidate, max);
    if (distance <= max) scored.set(candidate, distance);
  }
  return [...scored.entries()].sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : 1)).map(([word]) => word);
}

/** Replaces the first whole-word occurrence of `word` inside the span (any case) with `replacement`. */
function rewrite(text: string, span: Span, word: string, replacement: string): string {
  const escaped = word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const found = new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, 'iu').exec(text.slice(span.start, span.end));
  if (!found) return text;
  const start = span.start + found.index;
  return text.slice(0, start) + replacement + text.slice(start + word.length);
}

export interface DidYouMean {
  /** The search with each misspelt word replaced. */
  readonly query: string;
  readonly count: number;
}

/**
 * A better search than `text`, or undefined when no word is misspelt or no fix finds more than `hits`.
 * `countWith` counts a search as the page would (with its filters); by default, the whole collection.
 *
 * ### Examples
 * await didYouMean(db, 'diabtees insulin', 0)  // { query: 'diabetes insulin', count: 31 }
 */
export async function didYouMean(
  db: Kysely<Database>,
  text: string,
  hits: number,
  countWith: (node: QueryNode) => Promise<number> = (node) => countMatches(db, node),
): Promise<DidYouMean | undefined> {
  const words = plainWords(parseQuery(text).root);
  const unknown = await unknownTokens(db, words.map((w) => w.token));
  let rewritten = text;
  // Right to left, so that each replacement leaves the spans before it where they were.
  for (const word of [...words].filter((w) => unknown.has(w.token)).sort((a, b) => b.span.start - a.span.start)) {
    const counted: { word: string; count: number }[] = [];
    for (const candidate of (await nearestWords(db, word.token)).slice(0, COUNTED)) {
      counted.push({ word: candidate, count: await countMatches(db, parseQuery(candidate).root) });
    }
    const best = counted.filter((c) => c.count > 0).sort((a, b) => b.count - a.count)[0];
    if (best) rewritten = rewrite(rewritten, word.span, word.text, best.word);
  }
  if (rewritten === text) return undefined;
  const count = await countWith(parseQuery(rewritten).root);
  return count > hits ? { query: rewritten, count } : undefined;
}
