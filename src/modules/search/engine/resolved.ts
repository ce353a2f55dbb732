/**
 * A query ready for a compiler: line references substituted, headings turned into descriptor sets,
 * wildcards expanded from the vocabulary, values normalised, limits turned into ordinary leaves.
 * Compilers are pure functions of this tree.
 */
import type { TextField } from '../query/ast.js';
import type { ValueKind } from '../text/record-facts.js';

export type Matcher =
  | { readonly kind: 'exact'; readonly token: string }
  | { readonly kind: 'prefix'; readonly prefix: string }
  /** A wildcard's expansion: the indexed tokens it matches (never empty). */
  | { readonly kind: 'set'; readonly tokens: readonly string[] };

/** Matchers at consecutive positions. */
export type Sequence = readonly Matcher[];

export type ResolvedNode =
  /** Any of the sequences in any of the fields (a term, a phrase). */
  | { readonly kind: 'text'; readonly fields: readonly TextField[]; readonly sequences: readonly Sequence[] }
  /** Each operand is a list of alternative sequences; every neighbouring pair near, in one field. */
  | { readonly kind: 'near'; readonly fields: readonly TextField[]; readonly operands: readonly (readonly Sequence[])[]; readonly maxBetween: number }
  /** Headings by UI (or, on records without UIs, by name key); `qualifiers` are qualifier keys. */
  | { readonly kind: 'heading'; readonly uis: readonly string[]; readonly names: readonly string[]; readonly major: boolean; readonly qualifiers: readonly string[] }
  /** Any heading whose name key is this (age-group limits), whatever its UI. */
  | { readonly kind: 'headingName'; readonly name: string }
  | { readonly kind: 'subheading'; readonly qualifier: string; readonly truncated: boolean }
  | { readonly kind: 'value'; readonly value: ValueKind; readonly key: string; readonly truncated: boolean; readonly firstOnly: boolean }
  | { readonly kind: 'identifier'; readonly field: 'pmid' | 'doi'; readonly value: string }
  /** Days as yyyymmdd numbers, inclusive. */
  | { readonly kind: 'date'; readonly field: 'publication' | 'entry'; readonly from: number; readonly to: number }
  | { readonly kind: 'hasAbstract' }
  | { readonly kind: 'and' | 'or'; readonly children: readonly ResolvedNode[] }
  | { readonly kind: 'not'; readonly include: ResolvedNode; readonly exclude: ResolvedNode }
  /** Matches nothing (a word with no letters, a wildcard that matches no indexed word). */
  | { readonly kind: 'none' };

export const NONE: ResolvedNode = { kind: 'none' };

/**
 * And/or/not with `none` folded away, so compilers never see an empty operand, and nested nodes of the
 * same kind flattened: `#1 OR #2` over two lines that are ORs is one OR, whose words compile into one
 * full-text match instead of one per line.
 */
export function combine(kind: 'and' | 'or', children: readonly ResolvedNode[]): ResolvedNode {
  if (kind === 'and' && children.some((c) => c.kind === 'none')) return NONE;
  const kept = children.filter((c) => c.kind !== 'none').flatMap((c) => (c.kind === kind ? c.children : [c]));
  if (kept.length === 0) return NONE;
  return kept.length === 1 ? (kept[0] as ResolvedNode) : { kind, children: kept };
}

export function exclude(include: ResolvedNode, excluded: ResolvedNode): ResolvedNode {
  if (include.kind === 'none' || excluded.kind === 'none') return include;
  return { kind: 'not', include, exclude: excluded };
}
