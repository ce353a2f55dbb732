import { type Limit, OPEN_END_YEAR, type PartialDate } from './ast.js';
import { QuerySyntaxError } from './errors.js';
import type { LimitItem } from './tokens.js';

/** Ovid's age-group limits and the MeSH check tag each one stands for. */
export const OVID_AGE_GROUPS: Readonly<Record<string, string>> = {
  'newborn infant (birth to 1 month)': 'infant, newborn',
  'infant (1 to 23 months)': 'infant',
  'preschool child (2 to 5 years)': 'child, preschool',
  'child (6 to 12 years)': 'child',
  'adolescent (13 to 18 years)': 'adolescent',
  'young adult (19 to 24 years)': 'young adult',
  'adult (19 to 44 years)': 'adult',
  'middle age (45 to 64 years)': 'middle aged',
  'aged (65 and over)': 'aged',
  '"80 and over"': 'aged, 80 and over',
  'aged (80 and over)': 'aged, 80 and over',
};

/** Publication types Ovid offers as limits (`limit 5 to randomized controlled trial`). */
export const OVID_PUBLICATION_TYPES: readonly string[] = [
  'randomized controlled trial', 'controlled clinical trial', 'clinical trial', 'meta analysis', 'systematic review', 'review',
  'case reports', 'comment', 'editorial', 'letter', 'guideline', 'practice guideline', 'observational study', 'journal article',
];

const quoted = (text: string) => /^"((?:[^"\\]|\\.)*)"$/.exec(text)?.[1]?.replace(/\\(.)/g, '$1');
const valueAfter = (key: string, text: string) => {
  const match = new RegExp(`^${key}\\s*=\\s*(.*)$`, 'is').exec(text);
  return match ? (quoted((match[1] as string).trim()) ?? (match[1] as string).trim()) : undefined;
};

function date(text: string): PartialDate | null {
  const match = /^(\d{4})(?:[/-]?(\d{2}))?(?:[/-]?(\d{2}))?$/.exec(text.trim());
  if (!match) return null;
  const [year, month, day] = [match[1], match[2], match[3]].map((n) => (n === undefined ? null : Number(n)));
  if (year === null || year === undefined || (month != null && (month < 1 || month > 12)) || (day != null && (day < 1 || day > 31))) return null;
  return { year, month: month ?? null, day: day ?? null };
}

function years(text: string): Limit | null {
  const match = /^(\d{4})\s*(?:-\s*(\d{4}|current)\s*)?$/i.exec(text);
  if (!match) return null;
  const from = Number(match[1]);
  const to = match[2] === undefined ? from : /current/i.test(match[2]) ? OPEN_END_YEAR : Number(match[2]);
  return { kind: 'years', from, to };
}

function entryDates(text: string): Limit | null {
  const [fromText = '', toText = fromText, ...rest] = text.split(/\s*-\s*(?=\d{4})/);
  const [from, to] = [date(fromText), date(toText)];
  return from && to && rest.length === 0 ? { kind: 'entryDate', from, to } : null;
}

function keyed(text: string): Limit | null | undefined {
  const year = valueAfter('yr', text);
  if (year !== undefined) return years(year);
  const entry = valueAfter('ed', text);
  if (entry !== undefined) return entryDates(entry);
  const language = valueAfter('la', text);
  if (language !== undefined) return language ? { kind: 'language', language: language.toLowerCase() } : null;
  const age = valueAfter('age', text);
  if (age !== undefined) return age ? { kind: 'ageGroup', group: age } : null;
  const type = valueAfter('pt', text);
  if (type !== undefined) return type ? { kind: 'publicationType', publicationType: type } : null;
  const filter = valueAfter('filter', text);
  if (filter !== undefined) return filter ? { kind: 'filter', name: filter } : null;
  return undefined;
}

function named(text: string): Limit {
  const lower = text.toLowerCase().replace(/\s+/g, ' ');
  const plain = quoted(text) ?? text;
  if (lower === 'humans' || lower === 'human') return { kind: 'humans' };
  if (lower === 'animals' || lower === 'animal') return { kind: 'animals' };
  if (lower === 'abstracts' || lower === 'has abstract') return { kind: 'hasAbstract' };
  const language = /^([a-z]+) language$/.exec(lower);
  if (language) return { kind: 'language', language: language[1] as string };
  const group = OVID_AGE_GROUPS[lower] ?? OVID_AGE_GROUPS[plain.toLowerCase()];
  if (group) return { kind: 'ageGroup', group };
  if (OVID_PUBLICATION_TYPES.includes(plain.toLowerCase())) return { kind: 'publicationType', publicationType: plain.toLowerCase() };
  return { kind: 'filter', name: plain };
}

/** Reads Ovid's limit items (`english language`, `humans`, `yr="2015-2024"`, `ed=19460101-20160719`) and khub's keyed ones. @internal */
export function parseLimits(source: string, items: readonly LimitItem[]): Limit[] {
  return items.map((item) => {
    const text = item.text.trim();
    const limit = keyed(text);
    if (limit === null) {
      throw QuerySyntaxError.at(source, item.start, `"${text}" is not a limit khub can read`, 'Write years as yr="2015-2024" and entry dates as ed=20150101-20161231.');
    }
    return limit ?? named(text);
  });
}
