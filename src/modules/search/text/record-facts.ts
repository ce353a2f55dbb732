/**
 * The non-text facts the index keeps per record (values, headings, dates), derived here once so the
 * reference evaluator and the indexer cannot disagree about them. Values are token keys (tokens joined
 * by spaces, see tokenize.ts): `Smith JA` and `SMITH, J.A.` are both `smith ja`.
 */
import type { Author, StoredRecord } from '../../records/index.js';
import type { PartialDate } from '../query/ast.js';
import { languageName } from './languages.js';
import { qualifierKey } from './qualifiers.js';
import { tokenKey } from './tokenize.js';

export type ValueKind = 'author' | 'journal' | 'language' | 'publicationType';

/** One searchable value; `ordinal` is the author's place in the list (0 = first author), else 0. */
export interface RecordValue {
  readonly kind: ValueKind;
  readonly ordinal: number;
  readonly key: string;
}

/** One heading, or one heading/qualifier pair (`qualifier` is '' for the heading itself). */
export interface HeadingFact {
  readonly ui: string | null;
  readonly nameKey: string;
  readonly major: boolean;
  readonly qualifier: string;
  readonly qualifierMajor: boolean;
}

function initials(author: Author): string {
  if (author.initials) return author.initials;
  return (author.given ?? '').split(/[\s.-]+/).map((name) => name.charAt(0)).join('');
}

/** `Smith JA` for a person (initials from the given names when missing); the name of a group. */
export function authorKeys(author: Author): string[] {
  const keys = [author.family ? tokenKey(`${author.family} ${initials(author)}`) : '', tokenKey(author.collective ?? '')];
  return keys.filter((key) => key !== '');
}

export function recordValues(record: StoredRecord): RecordValue[] {
  const values: RecordValue[] = [];
  const add = (kind: ValueKind, key: string, ordinal = 0) => {
    if (key !== '' && !values.some((v) => v.kind === kind && v.key === key && v.ordinal === ordinal)) values.push({ kind, ordinal, key });
  };
  record.authors.forEach((author, ordinal) => authorKeys(author).forEach((key) => add('author', key, ordinal)));
  for (const text of [record.journal.title, record.journal.isoAbbreviation, record.journal.issn]) add('journal', tokenKey(text ?? ''));
  for (const code of record.languages) for (const text of [code, languageName(code) ?? '']) add('language', tokenKey(text));
  for (const type of record.publicationTypes) add('publicationType', tokenKey(type));
  return values;
}

export function headingFacts(record: StoredRecord): HeadingFact[] {
  return record.mesh.flatMap((heading) => {
    const base = { ui: heading.ui?.trim().toUpperCase() || null, nameKey: tokenKey(heading.name), major: heading.major };
    return [
      { ...base, qualifier: '', qualifierMajor: false },
      ...heading.qualifiers.map((q) => ({ ...base, qualifier: qualifierKey(q.name), qualifierMajor: q.major })),
    ];
  });
}

/** A day as a sortable number: 2015-03-09 → 20150309. Unknown month or day widen to the whole year or month. */
export function dayNumber(year: number, month: number | null, day: number | null, end: boolean): number {
  return year * 10_000 + (month ?? (end ? 12 : 1)) * 100 + (day ?? (end ? 31 : 1));
}

/** The span a partial date covers: `2015` is 20150101–20151231, `2015/03` is 20150301–20150331. */
export function dateSpan(date: PartialDate): { start: number; end: number } {
  return { start: dayNumber(date.year, date.month, date.day, false), end: dayNumber(date.year, date.month, date.day, true) };
}

/** The span of the publication date at the precision the record gives; null without a year. */
export function publicationSpan(record: StoredRecord): { start: number; end: number } | null {
  const { year, month, day } = record.publicationDate;
  if (year === null) return null;
  return dateSpan({ year, month: month ?? null, day: month === null ? null : (day ?? null) });
}

/** The day (UTC) the record was added. */
export function entryDay(record: StoredRecord): number {
  const date = new Date(record.addedAt);
  return dayNumber(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate(), false);
}

export function hasAbstract(record: StoredRecord): boolean {
  return tokenKey(record.abstract ?? '') !== '';
}
