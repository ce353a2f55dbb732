/**
 * Full-text leaves as one FTS5 MATCH expression. Every string in it is a khub token (letters and
 * digits only) in double quotes, so no query text can change the expression's structure.
 * FTS5 cannot put an OR inside a phrase, so a phrase holding an expanded wildcard becomes an OR of
 * phrases; its NEAR counts the tokens between two phrases (overlapping ones count as near), which is
 * the definition the reference evaluator uses.
 */
import type { TextField } from '../query/ast.js';
import type { Matcher, ResolvedNode, Sequence } from '../engine/resolved.js';
import { UnsupportedQueryError } from '../engine/errors.js';
import { FTS_COLUMNS } from '../index/index-rows.js';

/** Phrases one leaf may multiply out to before the search is refused. */
export const MAX_FTS_PHRASES = 20_000;

const NO_SPAN = { start: 0, end: 0 };

function token(matcher: Exclude<Matcher, { kind: 'set' }>): string {
  return matcher.kind === 'exact' ? `"${matcher.token}"` : `"${matcher.prefix}"*`;
}

/** The concrete phrases (`"heart" + "att"*`) a sequence stands for. */
function phrases(sequence: Sequence): string[] {
  let partial: string[][] = [[]];
  for (const matcher of sequence) {
    const options = matcher.kind === 'set' ? matcher.tokens.map((t) => `"${t}"`) : [token(matcher)];
    if (partial.length * options.length > MAX_FTS_PHRASES) {
      throw new UnsupportedQueryError('A phrase with wildcards matches too many word combinations; use fewer wildcards.', NO_SPAN);
    }
    partial = partial.flatMap((head) => options.map((option) => [...head, option]));
  }
  return partial.map((parts) => parts.join(' + '));
}

const columns = (fields: readonly TextField[]) => `{${fields.map((f) => FTS_COLUMNS[f]).join(' ')}}`;
const anyOf = (parts: readonly string[]) => (parts.length === 1 ? (parts[0] as string) : `(${parts.join(' OR ')})`);

function pair(a: readonly Sequence[], b: readonly Sequence[], maxBetween: number): string {
  const [left, right] = [a.flatMap(phrases), b.flatMap(phrases)];
  if (left.length * right.length > MAX_FTS_PHRASES) throw new UnsupportedQueryError('A proximity search with wildcards matches too many word combinations.', NO_SPAN);
  return anyOf(left.flatMap((l) => right.map((r) => `NEAR(${l} ${r}, ${maxBetween})`)));
}

type TextLeaf = Extract<ResolvedNode, { kind: 'text' | 'near' }>;

/** The MATCH expression for a term, phrase or proximity leaf. */
export function ftsLeaf(node: TextLeaf): string {
  if (node.kind === 'text') return `${columns(node.fields)} : ${anyOf(node.sequences.flatMap(phrases))}`;
  const pairs = node.operands.slice(1).map((b, i) => pair(node.operands[i] ?? [], b, node.maxBetween));
  // NEAR already keeps both phrases in one column; three or more operands must share that column too.
  if (pairs.length === 1) return `${columns(node.fields)} : ${pairs[0]}`;
  return anyOf(node.fields.map((f) => `${FTS_COLUMNS[f]} : (${pairs.join(' AND ')})`));
}

export const ftsAnd = (parts: readonly string[]) => `(${parts.join(') AND (')})`;
export const ftsOr = (parts: readonly string[]) => `(${parts.join(') OR (')})`;
export const ftsNot = (include: string, exclude: string) => `(${include}) NOT (${exclude})`;
