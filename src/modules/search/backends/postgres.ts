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

/** A sequence as tsquery slots, one per position. */
type Slots = readonly string[];

const slotsOf = (field: TextField, sequence: Sequence): Slots => sequence.map((m) => lexeme(field, m));
const chain = (slots: Slots) => `(${slots.join(' <-> ')})`;

/**
 * A proximity operand's alternatives as few slot sequences: every one-token alternative goes into one
 * slot (`('ti:brain':* | 'ti:cerebr':*)`), which PostgreSQL matches exactly as the OR of them, so a
 * proximity of two ORs of words is written out once per distance, not once per pair of words.
 */
function alternatives(field: TextField, sequences: readonly Sequence[]): Slots[] {
  const single = sequences.filter((s) => s.length === 1).map((s) => lexeme(field, s[0] as Matcher));
  const longer = sequences.filter((s) => s.length > 1).map((s) => slotsOf(field, s));
  return single.length === 0 ? longer : [[anyOf(single)], ...longer];
}

/** B starting `offset` positions after A starts, where the two overlap: slot by slot, `<0>` where both have a token. */
function overlap(a: Slots, b: Slots, offset: number): string {
  const slots: string[] = [];
  for (let k = Math.min(0, offset); k < Math.max(a.length, offset + b.length); k++) {
    const here = [a[k], b[k - offset]].filter((slot): slot is string => slot !== undefined);
    slots.push(here.length === 1 ? (here[0] as string) : `(${here.join(' <0> ')})`);
  }
  return `(${slots.join(' <-> ')})`;
}

function near(a: Slots, b: Slots, maxBetween: number): string[] {
  // Every two occurrences in one field are fewer than MAX_FIELD_POSITIONS apart.
  if (maxBetween + a.length + b.length >= MAX_FIELD_POSITIONS) return [`(${chain(a)} & ${chain(b)})`];
  const options: string[] = [];
  for (let gap = 0; gap <= maxBetween; gap++) {
    options.push(`(${chain(a)} <${gap + 1}> ${chain(b)})`, `(${chain(b)} <${gap + 1}> ${chain(a)})`);
  }
  for (let offset = 1 - b.length; offset < a.length; offset++) options.push(overlap(a, b, offset));
  return options;
}

type TextLeaf = Extract<ResolvedNode, { kind: 'text' | 'near' }>;

/** The tsquery for a term, phrase or proximity leaf. */
export function tsqueryLeaf(node: TextLeaf): string {
  if (node.kind === 'text') return anyOf(node.fields.flatMap((f) => node.sequences.map((s) => chain(slotsOf(f, s)))));
  return anyOf(
    node.fields.map((field) => {
      const operands = node.operands.map((sequences) => alternatives(field, sequences));
      const pairs = operands.slice(1).map((b, i) => {
        const a = operands[i] ?? [];
        return anyOf(a.flatMap((sa) => b.flatMap((sb) => near(sa, sb, node.maxBetween))));
      });
      return pairs.length === 1 ? (pairs[0] as string) : `(${pairs.join(' & ')})`;
    }),
  );
}

export const tsAnd = (parts: readonly string[]) => `(${parts.join(' & ')})`;
export const tsOr = (parts: readonly string[]) => `(${parts.join(' | ')})`;
export const tsNot = (include: string, exclude: string) => `(${include} & !${exclude})`;
