import type { PartialDate, QueryNode, Span, ValueField, WordPattern } from './ast.js';

/** A place where a translation had to approximate, and how. */
export interface PrintWarning {
  readonly span: Span;
  readonly message: string;
}

/** A query printed in one syntax, with what could not be said exactly in it. */
export interface PrintResult {
  readonly text: string;
  readonly warnings: PrintWarning[];
}

/** Words the parser would read as operators, labels or keywords if they were not quoted. */
const RESERVED = /^(?:and|or|not|adj\d*|near\/\d+|exp|limit|to|\d+[a-z]?|\.)$/i;
const LETTER_LABEL = /^[A-Z]$/;

/** Characters escaped with `\` in an unquoted word. */
const WORD_SPECIAL = /[\\()[\]"\u201c\u201d*$#?:/\s]|\.(?=[A-Za-z]|$)/g;
/** Inside quotes only wildcards, quotes, colons (Ovid truncation) and the heading slash mean anything. */
const QUOTED_SPECIAL = /[\\"\u201c\u201d*$#?:/]/g;

export const escapeQuoted = (text: string) => text.replace(QUOTED_SPECIAL, '\\$&');
/** Values (`"smith j"[au]`, `"10.1000/x"[doi]`) need only quotes and wildcards escaped. */
export const escapeValue = (text: string) => text.replace(/[\\"\u201c\u201d*$#?]/g, '\\$&');

/**
 * A word pattern as text: `*` unlimited, `$N` limited truncation, `#` one character, `?` zero or one.
 * A digit right after a truncation is escaped so that `*` + `5` does not read back as `$5`.
 */
export function patternText(word: WordPattern, quoted: boolean, anySymbol: (max: number | null) => string = (max) => (max === null ? '*' : `$${max}`)): string {
  let out = '';
  let afterWildcard = false;
  for (const part of word.parts) {
    if (part.kind === 'literal') {
      const escaped = quoted ? escapeQuoted(part.text) : part.text.replace(WORD_SPECIAL, '\\$&');
      out += afterWildcard && /^\d/.test(part.text) ? `\\${escaped}` : escaped;
      afterWildcard = false;
    } else {
      out += part.kind === 'one' ? '#' : part.kind === 'optional' ? '?' : anySymbol(part.max);
      afterWildcard = part.kind === 'any';
    }
  }
  return out;
}

/** A single word: bare when that reads back the same, else in quotes (`"and"`, `"19"`, `"#ing"`). */
export function wordText(word: WordPattern): string {
  const bare = patternText(word, false);
  const plain = word.parts.length === 1 && word.parts[0]?.kind === 'literal' ? word.parts[0].text : null;
  if ((plain !== null && (RESERVED.test(plain) || LETTER_LABEL.test(plain))) || bare.startsWith('#')) return `"${patternText(word, true)}"`;
  return bare;
}

export const phraseText = (words: readonly WordPattern[]) => `"${words.map((w) => patternText(w, true)).join(' ')}"`;

const pad = (n: number) => String(n).padStart(2, '0');

export function dateText(date: PartialDate): string {
  return [String(date.year), date.month === null ? null : pad(date.month), date.day === null || date.month === null ? null : pad(date.day)].filter((p) => p !== null).join('/');
}

export const sameDate = (a: PartialDate, b: PartialDate) => a.year === b.year && a.month === b.month && a.day === b.day;

/** PubMed's tag for each value field (khub's canonical form uses the same ones). */
export const PUBMED_VALUE_TAGS: Readonly<Record<ValueField, string>> = {
  author: 'au',
  firstAuthor: '1au',
  journal: 'ta',
  language: 'la',
  publicationType: 'pt',
  subheading: 'sh',
  pmid: 'pmid',
  doi: 'doi',
};

/**
 * A node wrapped in brackets when it is an operator, so that it reads back the same in any
 * dialect. A proximity search that prints as one unit (`(a adj3 b).ti.`, `"a b"[ti:~2]`) needs none.
 */
export function bracketed(node: QueryNode, text: string, proximityIsUnit = false): string {
  const compound = node.kind === 'and' || node.kind === 'or' || node.kind === 'not' || node.kind === 'limit' || (node.kind === 'proximity' && !proximityIsUnit);
  return compound ? `(${text})` : text;
}
