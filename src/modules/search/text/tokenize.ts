/**
 * The one tokenizer: records, query words, author names and values all go through it, so a query
 * token can only ever equal an indexed token when the searcher and the record wrote the same word.
 * The index stores its output pre-tokenised (tokens joined by spaces), which SQLite FTS5's
 * `unicode61 remove_diacritics 0` tokenizer splits back exactly, and PostgreSQL gets as a tsvector
 * literal: neither engine's own word rules ever decide what a word is.
 */

/** Longer tokens are cut to this many characters (code points) everywhere. */
export const MAX_TOKEN_LENGTH = 200;

// FTS5's unicode61 tables (Unicode 6.1) disagree with JavaScript's on these letters: it folds final
// sigma to sigma and treats a few newer letters as separators. Found by feeding every code point
// that survives normalisation through FTS5 (tokenize.test.ts repeats the check).
const FTS5_SEPARATORS = /[\u19b0-\u19c0\u19c8\u19c9\u1cf2\u1cf3]/gu;
const SEPARATORS = /[^\p{L}\p{N}]+/u;
const ASCII = /^[^\u0080-\u{10FFFF}]*$/u;
const ASCII_SEPARATORS = /[^a-z0-9]+/;

/**
 * Case and accents folded: lower case, compatibility decomposition (NFKD), marks removed. Lower-cased
 * again because decomposition can produce capitals (`ℌ` → `H`).
 *
 * ### Examples
 * normaliseText('Sjögren’s') // 'sjogren’s'
 */
export function normaliseText(text: string): string {
  // Most text is ASCII, where only case needs folding: skip the Unicode passes.
  if (ASCII.test(text)) return text.toLowerCase();
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/ς/g, 'σ')
    .replace(FTS5_SEPARATORS, ' ');
}

function cut(token: string): string {
  if (token.length <= MAX_TOKEN_LENGTH) return token;
  const chars = Array.from(token);
  return chars.length <= MAX_TOKEN_LENGTH ? token : chars.slice(0, MAX_TOKEN_LENGTH).join('');
}

/**
 * The tokens of a text: normalised, split on every run of characters that are not letters or digits.
 *
 * ### Examples
 * tokenize('COVID-19 in Pre-test Ångström') // ['covid', '19', 'in', 'pre', 'test', 'angstrom']
 */
export function tokenize(text: string): string[] {
  const tokens: string[] = [];
  const ascii = ASCII.test(text);
  const pieces = ascii ? text.toLowerCase().split(ASCII_SEPARATORS) : normaliseText(text).split(SEPARATORS);
  for (const piece of pieces) if (piece !== '') tokens.push(cut(piece));
  return tokens;
}

/** The tokens joined by single spaces: the stored form of a value (`Smith JA` → `smith ja`). */
export function tokenKey(text: string): string {
  return tokenize(text).join(' ');
}

/**
 * The first string after every string that starts with `prefix`, so `[prefix, prefixEnd(prefix))`
 * holds exactly the strings starting with it in byte order (SQLite BINARY, PostgreSQL "C").
 */
export function prefixEnd(prefix: string): string {
  const chars = Array.from(prefix);
  const last = chars.pop();
  if (last === undefined) return '\u{10FFFF}';
  const next = (last.codePointAt(0) ?? 0) + 1;
  // A lone surrogate is not valid UTF-8: skip over the surrogate block.
  return chars.join('') + String.fromCodePoint(next >= 0xd800 && next <= 0xdfff ? 0xe000 : next);
}
