import type { Dialect, PartialDate, PatternPart, QueryNode, Span, TextField, ValueField, WordPattern } from './ast.js';
import { QuerySyntaxError } from './errors.js';
import { type FieldMeaning, ALL_TAG_SPELLINGS, findOvidField, findPubmedTag, findTextField, normaliseFields } from './field-codes.js';
import { isEscapedAt, unescape } from './lexer.js';

/** What the parser knows while it builds leaves. @internal */
export interface LeafContext {
  readonly source: string;
  readonly dialect: Dialect;
}

/** What a tag or suffix asks for: a field meaning, or PubMed proximity `[tiab:~3]`. @internal */
export type Postfix = FieldMeaning | { readonly kind: 'proximity'; readonly fields: readonly TextField[]; readonly maxBetween: number };

const WILDCARDS = '*$#?';

/** Reads a word's truncation and wildcards: `therap*`, `therap$2`, `wom#n`, `colo?r`, Ovid `diagnos:`. */
export function parsePattern(ctx: LeafContext, raw: string, offset: number): WordPattern {
  const parts: PatternPart[] = [];
  let literal = '';
  const flush = () => {
    if (literal) parts.push({ kind: 'literal', text: literal });
    literal = '';
  };
  for (let i = 0; i < raw.length; i += 1) {
    const ch = raw.charAt(i);
    if (ch === '\\') {
      literal += raw.charAt(i + 1);
      i += 1;
    } else if (ch === '*' || ch === '$' || (ch === ':' && ctx.dialect === 'ovid')) {
      flush();
      const digits = ch === ':' ? '' : (/^\d+/.exec(raw.slice(i + 1, i + 4))?.[0] ?? '');
      parts.push({ kind: 'any', max: digits ? Number(digits) : null });
      i += digits.length;
    } else if (ch === '#' || ch === '?') {
      flush();
      parts.push({ kind: ch === '#' ? 'one' : 'optional' });
    } else literal += ch;
  }
  flush();
  if (!parts.some((p) => p.kind === 'literal')) {
    throw QuerySyntaxError.at(ctx.source, offset, `"${raw}" has no letters or digits, only wildcards`, 'Put at least one letter before the truncation, like therap*.');
  }
  return { parts };
}

/** A word, or words in order: a term for one, a phrase for more. */
export function textLeaf(ctx: LeafContext, words: readonly { raw: string; offset: number }[], fields: readonly TextField[] | null, span: Span): QueryNode {
  if (words.length === 0) throw QuerySyntaxError.at(ctx.source, span.start, 'Empty quotes', 'Put a word or phrase between the quotes, or remove them.');
  const patterns = words.map((w) => parsePattern(ctx, w.raw, w.offset));
  if (patterns.length === 1) return { kind: 'term', word: patterns[0] as WordPattern, fields, span };
  return { kind: 'phrase', words: patterns, fields, span };
}

function hasUnescaped(raw: string, chars: string): boolean {
  for (let i = 0; i < raw.length; i += 1) {
    if (raw.charAt(i) === '\\') i += 1;
    else if (chars.includes(raw.charAt(i))) return true;
  }
  return false;
}

function splitUnescaped(raw: string, ch: string): string[] {
  const parts: string[] = [];
  let start = 0;
  for (let i = 0; i < raw.length; i += 1) {
    if (raw.charAt(i) === '\\') i += 1;
    else if (raw.charAt(i) === ch) {
      parts.push(raw.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(raw.slice(start));
  return parts;
}

/** `Diabetes Mellitus, Type 2`, `Masks/adverse effects` (a PubMed heading/qualifier), with Ovid's qualifiers added. */
export function headingLeaf(ctx: LeafContext, raw: string, explode: boolean, major: boolean, qualifiers: readonly string[], span: Span): QueryNode {
  const [name = '', ...written] = splitUnescaped(raw.trim(), '/');
  if (hasUnescaped(name, WILDCARDS)) {
    throw QuerySyntaxError.at(ctx.source, span.start, `Subject heading "${unescape(name).trim()}" has a wildcard`, 'Headings are matched whole: remove the truncation, or search the words with [tiab] or .ti,ab. instead.');
  }
  const heading = unescape(name).trim();
  if (!heading) throw QuerySyntaxError.at(ctx.source, span.start, 'A subject heading needs a name before the /', 'Write the heading, like Dementia/ or exp Dementia/.');
  const all = [...written.map((q) => unescape(q).trim()), ...qualifiers].filter((q) => q.length > 0);
  return { kind: 'heading', heading, explode, major, qualifiers: all, span };
}

/** `smith j[au]`, `english[la]`, `smith*[au]` (truncated). */
export function valueLeaf(ctx: LeafContext, raw: string, field: ValueField, span: Span): QueryNode {
  let text = raw.trim();
  const truncated = /[*$]$/.test(text) && !isEscapedAt(text, text.length - 1);
  if (truncated) text = text.slice(0, -1);
  if (hasUnescaped(text, WILDCARDS)) {
    throw QuerySyntaxError.at(ctx.source, span.start, `Only a final * can truncate a ${field} search`, 'Remove the wildcard, or put * at the end of the value.');
  }
  const value = unescape(text).trim();
  if (!value) throw QuerySyntaxError.at(ctx.source, span.start, `Empty ${field} value`, 'Put the value before the tag, like english[la].');
  return { kind: 'value', field, value, truncated, span };
}

const DATE = /^(\d{4})(?:[/.-]?(\d{1,2})(?:[/.-]?(\d{1,2}))?)?$/;

function partialDate(ctx: LeafContext, text: string, span: Span): PartialDate {
  const compact = /^(\d{4})(\d{2})(\d{2})$/.exec(text) ?? /^(\d{4})(\d{2})$/.exec(text);
  const match = compact ?? DATE.exec(text);
  const [year, month, day] = [match?.[1], match?.[2], match?.[3]].map((n) => (n === undefined ? null : Number(n)));
  if (!match || year === null || year === undefined || (month != null && (month < 1 || month > 12)) || (day != null && (day < 1 || day > 31))) {
    throw QuerySyntaxError.at(ctx.source, span.start, `"${text}" is not a date`, 'Write dates as YYYY, YYYY/MM or YYYY/MM/DD; ranges as 2015:2024[dp].');
  }
  return { year, month: month ?? null, day: month == null ? null : (day ?? null) };
}

/** `2019`, `2015:2024`, `2015/01/01:2024/12/31`, Ovid `2015-2024` and `2012*`. */
export function dateLeaf(ctx: LeafContext, raw: string, field: 'publication' | 'entry', span: Span): QueryNode {
  const text = unescape(raw).trim().replace(/[*$]$/, '').replace(/\s+/g, '');
  const [from = '', to = from, ...rest] = text.includes(':') ? text.split(':') : /^\d{4}-\d{4}$|^\d{8}-\d{8}$/.test(text) ? text.split('-') : [text];
  if (rest.length > 0) throw QuerySyntaxError.at(ctx.source, span.start, `"${text}" is not a date range`, 'Write a range as 2015:2024[dp].');
  return { kind: 'dateRange', field, from: partialDate(ctx, from, span), to: partialDate(ctx, to, span), span };
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      current[j] = Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, (previous[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length] as number;
}

function nearestTag(tag: string): string | null {
  const wanted = tag.trim().toLowerCase();
  if (wanted.length === 0 || wanted.length > 30) return null;
  let best: { tag: string; distance: number } | null = null;
  for (const candidate of ALL_TAG_SPELLINGS) {
    const distance = editDistance(wanted, candidate);
    if (!best || distance < best.distance) best = { tag: candidate, distance };
  }
  return best && best.distance <= Math.max(2, Math.floor(wanted.length / 3)) ? best.tag : null;
}

function explicitFields(ctx: LeafContext, list: string, offset: number): Postfix {
  const fields = list.split(',').map((name) => {
    const field = findTextField(name);
    if (!field) throw QuerySyntaxError.at(ctx.source, offset, `Unknown field "${name.trim()}" in [fields:…]`, 'Use title, abstract, keywords, meshWords, publicationTypes, authors, journal or language.');
    return field;
  });
  return { kind: 'text', fields: normaliseFields(fields) };
}

/** What `[content]` means; throws with the nearest known tag when it means nothing. */
export function tagPostfix(ctx: LeafContext, content: string, offset: number): Postfix {
  const fieldList = /^\s*fields\s*:(.*)$/i.exec(content);
  if (fieldList) return explicitFields(ctx, fieldList[1] as string, offset);
  const proximity = /^(.*?):\s*~\s*(\d+)\s*$/.exec(content);
  const code = findPubmedTag(proximity ? (proximity[1] as string) : content);
  if (code && proximity) {
    if (code.meaning.kind !== 'text') throw QuerySyntaxError.at(ctx.source, offset, `Proximity ~${proximity[2]} needs a text field like [tiab]`, 'Write "hip pain"[tiab:~2].');
    return { kind: 'proximity', fields: code.meaning.fields, maxBetween: Number(proximity[2]) };
  }
  if (code) return code.meaning;
  const nearest = nearestTag(content);
  throw QuerySyntaxError.at(ctx.source, offset, `Unknown field tag [${content.length > 40 ? `${content.slice(0, 40)}…` : content}]`, nearest ? `Did you mean [${nearest}]?` : 'See the list of field tags in docs/query-language.md.');
}

/** What an Ovid suffix `.ti,ab.` means: the union of text fields, or one other kind of field. */
export function suffixPostfix(ctx: LeafContext, codes: readonly string[], offset: number): Postfix {
  const meanings = codes.map((code) => findOvidField(code)?.meaning).filter((m): m is FieldMeaning => m !== undefined);
  if (meanings.every((m) => m.kind === 'text')) return { kind: 'text', fields: normaliseFields(meanings.flatMap((m) => (m.kind === 'text' ? m.fields : []))) };
  if (meanings.length === 1) return meanings[0] as FieldMeaning;
  throw QuerySyntaxError.at(ctx.source, offset, `.${codes.join(',')}. mixes text fields with other kinds of field`, 'Search headings, authors or dates on their own line, or with their own suffix.');
}
