/**
 * A query word as token patterns. The word is tokenised like any text: `covid-19` is the phrase
 * `covid 19`, `pre-test*` is `pre` then `test*`. A wildcard belongs to the token it touches; a
 * wildcard touching no letter or digit (`heart-*`, a lone `?`) has nothing to attach to and is dropped.
 */
import type { PatternPart, WordPattern } from '../query/ast.js';
import { MAX_TOKEN_LENGTH, normaliseText } from './tokenize.js';

export type TokenPattern =
  /** The token itself. */
  | { readonly kind: 'exact'; readonly token: string }
  /** Tokens starting with `prefix` (`therap*`): both engines have native prefix search. */
  | { readonly kind: 'prefix'; readonly prefix: string }
  /** Any other wildcard (`h?ematuria`, `wom#n`, `therap$2`): expanded from the vocabulary. */
  | { readonly kind: 'wildcard'; readonly literalPrefix: string; readonly regex: RegExp; readonly text: string };

type Piece = { readonly literal: string } | { readonly wildcard: Exclude<PatternPart, { kind: 'literal' }> };

const escapeRegex = (text: string) => text.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');

function wildcardSource(part: Exclude<PatternPart, { kind: 'literal' }>): string {
  if (part.kind === 'one') return '.';
  if (part.kind === 'optional') return '.?';
  return part.max === null ? '.*' : `.{0,${Math.max(0, Math.trunc(part.max))}}`;
}

function wildcardText(part: Exclude<PatternPart, { kind: 'literal' }>): string {
  if (part.kind === 'one') return '#';
  if (part.kind === 'optional') return '?';
  return part.max === null ? '*' : `$${part.max}`;
}

function classify(pieces: readonly Piece[]): TokenPattern | null {
  if (!pieces.some((p) => 'literal' in p && p.literal !== '')) return null;
  const wildcards = pieces.filter((p) => 'wildcard' in p);
  const literal = pieces.map((p) => ('literal' in p ? p.literal : '')).join('');
  if (wildcards.length === 0) return { kind: 'exact', token: Array.from(literal).slice(0, MAX_TOKEN_LENGTH).join('') };
  const last = pieces.at(-1);
  const firstWildcard = pieces.findIndex((p) => 'wildcard' in p);
  const literalPrefix = pieces.slice(0, firstWildcard).map((p) => ('literal' in p ? p.literal : '')).join('');
  if (wildcards.length === 1 && last && 'wildcard' in last && last.wildcard.kind === 'any' && last.wildcard.max === null) {
    return { kind: 'prefix', prefix: literalPrefix };
  }
  const source = pieces.map((p) => ('literal' in p ? escapeRegex(p.literal) : wildcardSource(p.wildcard))).join('');
  const text = pieces.map((p) => ('literal' in p ? p.literal : wildcardText(p.wildcard))).join('');
  return { kind: 'wildcard', literalPrefix, regex: new RegExp(`^(?:${source})$`, 'su'), text };
}

/**
 * The token patterns of a word, in order; empty when the word has no letter or digit.
 *
 * ### Examples
 * wordTokens({ parts: [{ kind: 'literal', text: 'COVID-19' }] })  // [exact covid, exact 19]
 * wordTokens({ parts: [{ kind: 'literal', text: 'h' }, { kind: 'optional' }, { kind: 'literal', text: 'ematuria' }] })  // [wildcard h?ematuria]
 */
export function wordTokens(word: WordPattern): TokenPattern[] {
  const tokens: Piece[][] = [[]];
  const current = () => tokens[tokens.length - 1] as Piece[];
  for (const part of word.parts) {
    if (part.kind !== 'literal') {
      current().push({ wildcard: part });
      continue;
    }
    normaliseText(part.text)
      .split(/[^\p{L}\p{N}]+/u)
      .forEach((piece, i) => {
        if (i > 0) tokens.push([]);
        if (piece !== '') current().push({ literal: piece });
      });
  }
  return tokens.map(classify).filter((t): t is TokenPattern => t !== null);
}

/** Whether an indexed token matches a pattern. */
export function tokenMatches(pattern: TokenPattern, token: string): boolean {
  if (pattern.kind === 'exact') return token === pattern.token;
  if (pattern.kind === 'prefix') return token.startsWith(pattern.prefix);
  return pattern.regex.test(token);
}
