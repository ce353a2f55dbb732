import { QuerySyntaxError } from './errors.js';

/**
 * The first cut of a query: brackets, quoted text, `[tags]` and words. Words keep their backslash
 * escapes (`raw`) because what a character means (truncation, heading slash, field suffix) is
 * decided later, and an escaped character never means anything but itself.
 * @internal
 */
export type RawToken =
  | { readonly type: 'lparen' | 'rparen'; readonly start: number; readonly end: number }
  | { readonly type: 'word' | 'quoted'; readonly raw: string; readonly start: number; readonly end: number }
  | { readonly type: 'tag'; readonly content: string; readonly start: number; readonly end: number };

/** Straight and curly double quotes; published strategies mix them freely, so any one closes any other. */
export const QUOTE_CHARS = '"\u201c\u201d';

export function isSpace(code: number): boolean {
  return code === 32 || (code >= 9 && code <= 13) || code === 160 || code === 0x2028 || code === 0x2029 || code === 0xfeff || (code >= 0x2000 && code <= 0x200a) || code === 0x3000;
}

const isQuote = (ch: string) => QUOTE_CHARS.includes(ch);
const endsWord = (ch: string, code: number) => isSpace(code) || ch === '(' || ch === ')' || ch === '[' || ch === ']' || isQuote(ch);

/** Splits `source` into raw tokens; throws QuerySyntaxError for unclosed quotes and tags. @internal */
export function lex(source: string): RawToken[] {
  const tokens: RawToken[] = [];
  let i = 0;
  while (i < source.length) {
    const ch = source.charAt(i);
    if (isSpace(source.charCodeAt(i))) {
      i += 1;
    } else if (ch === '(' || ch === ')') {
      tokens.push({ type: ch === '(' ? 'lparen' : 'rparen', start: i, end: i + 1 });
      i += 1;
    } else if (ch === '[') {
      i = lexTag(source, i, tokens);
    } else if (ch === ']') {
      throw QuerySyntaxError.at(source, i, 'Unexpected ] with no [ before it', 'Field tags are written in square brackets, like heart[tiab].');
    } else if (isQuote(ch)) {
      i = lexQuoted(source, i, tokens);
    } else {
      i = lexWord(source, i, tokens);
    }
  }
  return tokens;
}

function lexTag(source: string, start: number, tokens: RawToken[]): number {
  const close = source.indexOf(']', start + 1);
  if (close === -1) throw QuerySyntaxError.at(source, start, `Unclosed [ opened at column ${start + 1}`, 'Close the field tag with ], like [tiab].');
  tokens.push({ type: 'tag', content: source.slice(start + 1, close), start, end: close + 1 });
  return close + 1;
}

function lexQuoted(source: string, start: number, tokens: RawToken[]): number {
  for (let j = start + 1; j < source.length; j += 1) {
    const ch = source.charAt(j);
    if (ch === '\\') j += 1;
    else if (isQuote(ch)) {
      tokens.push({ type: 'quoted', raw: source.slice(start + 1, j), start, end: j + 1 });
      return j + 1;
    }
  }
  throw QuerySyntaxError.at(source, start, 'Unclosed quote', 'Add a closing " after the phrase, or remove the stray quote.');
}

function lexWord(source: string, start: number, tokens: RawToken[]): number {
  let j = start;
  while (j < source.length) {
    const ch = source.charAt(j);
    if (ch === '\\') {
      if (j + 1 >= source.length) throw QuerySyntaxError.at(source, j, 'A \\ at the end escapes nothing', 'Remove the backslash, or put the character to search for after it.');
      j += 2;
    } else if (endsWord(ch, source.charCodeAt(j))) break;
    else j += 1;
  }
  tokens.push({ type: 'word', raw: source.slice(start, j), start, end: j });
  return j;
}

/** Index of the last character of `raw` equal to `ch` that is not escaped, or -1. */
export function lastUnescaped(raw: string, ch: string): number {
  let found = -1;
  for (let i = 0; i < raw.length; i += 1) {
    if (raw.charAt(i) === '\\') i += 1;
    else if (raw.charAt(i) === ch) found = i;
  }
  return found;
}

/** Whether the character at `index` is escaped by an odd run of backslashes before it. */
export function isEscapedAt(raw: string, index: number): boolean {
  let count = 0;
  for (let i = index - 1; i >= 0 && raw.charAt(i) === '\\'; i -= 1) count += 1;
  return count % 2 === 1;
}

/** `raw` without its escapes. */
export function unescape(raw: string): string {
  return raw.includes('\\') ? raw.replace(/\\(.)/gs, '$1') : raw;
}

/** Splits raw text on unescaped white space (a phrase into its words), keeping offsets into `raw`. */
export function splitWords(raw: string): { raw: string; offset: number }[] {
  const words: { raw: string; offset: number }[] = [];
  let start = -1;
  for (let i = 0; i <= raw.length; i += 1) {
    const atEnd = i === raw.length;
    const space = !atEnd && isSpace(raw.charCodeAt(i));
    if (!atEnd && !space) {
      if (start === -1) start = i;
      if (raw.charAt(i) === '\\') i += 1;
    } else if (start !== -1) {
      words.push({ raw: raw.slice(start, Math.min(i, raw.length)), offset: start });
      start = -1;
    }
  }
  return words;
}
