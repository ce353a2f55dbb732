/**
 * Full-text leaves as one tsquery over field-prefixed lexemes (`'ti:heart'`). Lexemes are khub tokens
 * (letters and digits) in single quotes, so no query text can change the query's structure.
 * PostgreSQL's `A <n> B` means B starts exactly n positions after A's last token, so FTS5's "at most
 * N tokens between, either order, overlapping counts" (the reference rule) is written out as every
 * distance in both orders plus every overlap, with `<0>` stacking two patterns on one position.
 */
import type { TextField } from '../query/ast.js';
import type { Matcher, ResolvedNode, Sequence } from '../engine/resolved.js';
import { LEXEME_PREFIXES } from '../index/index-rows.js';
import { MAX_FIELD_POSITIONS } from '../text/document.js';

function lexeme(field: TextField, matcher: Matcher): string {
  const prefix = LEXEME_PREFIXES[field];
  if (matcher.kind === 'exact') return `'${prefix}:${matcher.token}'`;
  if (matcher.kind === 'prefix') return `'${prefix}:${matcher.prefix}':*`;
  return matcher.tokens.length === 1 ? `'${prefix}:${matcher.tokens[0]}'` : `(${matcher.tokens.map((t) => `'${prefix}:${t}'`).join(' | ')})`;
}

const anyOf = (parts: readonly string[]) => (parts.length === 1 ? (parts[0] as string) : `(${parts.join(' | ')})`);
const chain = (field: TextField, sequence: Sequence) => `(${sequence.map((m) => lexeme(field, m)).join(' <-> ')})`;

/** B starting `offset` positions after A starts, where the two overlap: slot by slot, `<0>` where both have a token. */
function overlap(field: TextField, a: Sequence, b: Sequence, offset: number): string {
  const slots: string[] = [];
  for (let k = Math.min(0, offset); k < Math.max(a.length, offset + b.length); k++) {
    const here = [a[k], b[k - offset]].filter((m): m is Matcher => m !== undefined).map((m) => lexeme(field, m));
    slots.push(here.length === 1 ? (here[0] as string) : `(${here.join(' <0> ')})`);
  }
  return `(${slots.join(' <-> ')})`;
}

function near(field: TextField, a: Sequence, b: Sequence, maxBetween: number): string[] {
  // Every two occurrences in one field are fewer than MAX_FIELD_POSITIONS apart.
  if (maxBetween + a.length + b.length >= MAX_FIELD_POSITIONS) return [`(${chain(field, a)} & ${chain(field, b)})`];
  const options: string[] = [];
  for (let gap = 0; gap <= maxBetween; gap++) {
    options.push(`(${chain(field, a)} <${gap + 1}> ${chain(field, b)})`, `(${chain(field, b)} <${gap + 1}> ${chain(field, a)})`);
  }
  for (let offset = 1 - b.length; offset < a.length; offset++) options.push(overlap(field, a, b, offset));
  return options;
}

type TextLeaf = Extract<ResolvedNode, { kind: 'text' | 'near' }>;

/** The tsquery for a term, phrase or proximity leaf. */
export function tsqueryLeaf(node: TextLeaf): string {
  if (node.kind === 'text') return anyOf(node.fields.flatMap((f) => node.sequences.map((s) => chain(f, s))));
  return anyOf(
    node.fields.map((field) => {
      const pairs = node.operands.slice(1).map((b, i) => {
        const a = node.operands[i] ?? [];
        return anyOf(a.flatMap((sa) => b.flatMap((sb) => near(field, sa, sb, node.maxBetween))));
      });
      return pairs.length === 1 ? (pairs[0] as string) : `(${pairs.join(' & ')})`;
    }),
  );
}

export const tsAnd = (parts: readonly string[]) => `(${parts.join(' & ')})`;
export const tsOr = (parts: readonly string[]) => `(${parts.join(' | ')})`;
export const tsNot = (include: string, exclude: string) => `(${include} & !${exclude})`;
