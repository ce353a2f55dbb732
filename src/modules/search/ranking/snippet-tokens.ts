/**
 * The tokenizer's tokens with the place each came from in the original text, so a highlight covers
 * the word as stored (its case, accents and ligatures) while matching uses exactly the tokens the
 * index holds. `tokenSpans(text).map((s) => s.token)` always equals `tokenize(text)`.
 */
import { MAX_TOKEN_LENGTH, normaliseText } from '../text/tokenize.js';

export interface TokenSpan {
  readonly token: string;
  /** UTF-16 offsets into the original text, end exclusive. */
  readonly start: number;
  readonly end: number;
}

const ASCII = /^[^\u0080-\u{10FFFF}]*$/u;
const ASCII_TOKEN = /[a-z0-9]+/gi;
const TOKEN_CHAR = /[\p{L}\p{N}]/u;

const cut = (chars: readonly string[]) => chars.slice(0, MAX_TOKEN_LENGTH).join('');

/** One code point's normalised form, memoised: abstracts repeat the same few non-ASCII letters. */
function normaliser(): (codePoint: string) => string {
  const known = new Map<string, string>();
  return (codePoint) => {
    let folded = known.get(codePoint);
    if (folded === undefined) {
      // Final sigma is the one context-dependent lower-casing; normaliseText folds it to σ anyway.
      folded = normaliseText(codePoint);
      known.set(codePoint, folded);
    }
    return folded;
  };
}

/**
 * Normalising code point by code point gives the same characters as normalising the whole text
 * (decomposition and mark removal act per character), so each normalised character knows which
 * original code point it came from. Marks that normalise to nothing stay inside the word they follow.
 */
function unicodeSpans(text: string): TokenSpan[] {
  const spans: TokenSpan[] = [];
  const normalise = normaliser();
  let chars: string[] = [];
  let start = -1;
  let end = -1;
  const close = () => {
    if (chars.length > 0) spans.push({ token: cut(chars), start, end });
    chars = [];
  };
  let offset = 0;
  for (const codePoint of text) {
    const here = offset;
    offset += codePoint.length;
    const folded = normalise(codePoint);
    if (folded === '') {
      if (chars.length > 0) end = offset;
      continue;
    }
    for (const char of folded) {
      if (!TOKEN_CHAR.test(char)) {
        close();
        continue;
      }
      if (chars.length === 0) start = here;
      chars.push(char);
      end = offset;
    }
  }
  close();
  return spans;
}

/**
 * The tokens of a text with their original offsets.
 *
 * ### Examples
 * tokenSpans('Sjögren’s') // [{ token: 'sjogren', start: 0, end: 7 }, { token: 's', start: 8, end: 9 }]
 */
export function tokenSpans(text: string): TokenSpan[] {
  if (!ASCII.test(text)) return unicodeSpans(text);
  return Array.from(text.matchAll(ASCII_TOKEN), (m) => {
    const word = m[0].toLowerCase();
    return { token: word.length > MAX_TOKEN_LENGTH ? word.slice(0, MAX_TOKEN_LENGTH) : word, start: m.index, end: m.index + m[0].length };
  });
}
