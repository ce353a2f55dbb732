/** What a record's values, dates and limits mean, for the reference evaluator (docs/search-engine.md, Semantics). */
import { normaliseDoi, type StoredRecord } from '../../records/index.js';
import type { DateRangeNode, Limit, ValueNode } from '../query/ast.js';
import { qualifierKey } from '../text/qualifiers.js';
import { dateSpan, entryDay, hasAbstract, publicationSpan } from '../text/record-facts.js';
import { tokenKey } from '../text/tokenize.js';
import type { ReferenceEntry } from './reference-corpus.js';

/** Query tokens a prefix of the value's tokens, the last perhaps cut short when it is not the first (`smith j` finds `smith ja`). */
function authorMatches(key: string, query: string, truncated: boolean): boolean {
  if (truncated) return key.startsWith(query);
  const [q, k] = [query.split(' '), key.split(' ')];
  const last = q.length - 1;
  if (q.length > k.length || !q.slice(0, last).every((token, i) => token === k[i])) return false;
  return q[last] === k[last] || (last > 0 && (k[last] ?? '').startsWith(q[last] ?? ''));
}

export function valueMatches(node: ValueNode, entry: ReferenceEntry): boolean {
  const { record } = entry;
  if (node.field === 'pmid') return node.value.trim() !== '' && record.pmid?.trim() === node.value.trim();
  if (node.field === 'doi') {
    const doi = normaliseDoi(node.value) ?? node.value.trim().toLowerCase();
    return doi !== '' && record.doi !== null && (normaliseDoi(record.doi) ?? record.doi.trim().toLowerCase()) === doi;
  }
  const query = node.field === 'subheading' ? qualifierKey(node.value) : tokenKey(node.value);
  if (query === '') return false;
  const same = (key: string) => (node.truncated ? key.startsWith(query) : key === query);
  switch (node.field) {
    case 'subheading':
      return entry.headings.some((h) => h.qualifier !== '' && same(h.qualifier));
    case 'author':
    case 'firstAuthor':
      return entry.values.some((v) => v.kind === 'author' && (node.field === 'author' || v.ordinal === 0) && authorMatches(v.key, query, node.truncated));
    default:
      return entry.values.some((v) => v.kind === node.field && same(v.key));
  }
}

/** A publication date matches when all of it lies in the range: `2015` is in 2014:2016 but not in 2015/03:2015/06. */
export function dateMatches(node: Pick<DateRangeNode, 'field' | 'from' | 'to'>, record: StoredRecord): boolean {
  const [from, to] = [dateSpan(node.from).start, dateSpan(node.to).end];
  if (node.field === 'entry') return from <= entryDay(record) && entryDay(record) <= to;
  const span = publicationSpan(record);
  return span !== null && span.start >= from && span.end <= to;
}

const headingNamed = (e: ReferenceEntry, ui: string, name: string) => e.headings.some((h) => (h.ui !== null ? h.ui === ui : h.nameKey === name));

export function limitPasses(limit: Limit, entry: ReferenceEntry): boolean {
  switch (limit.kind) {
    case 'language':
      return entry.values.some((v) => v.kind === 'language' && v.key === tokenKey(limit.language));
    case 'humans':
      return headingNamed(entry, 'D006801', 'humans');
    case 'animals':
      return headingNamed(entry, 'D000818', 'animals');
    case 'ageGroup':
      return tokenKey(limit.group) !== '' && entry.headings.some((h) => h.nameKey === tokenKey(limit.group));
    case 'publicationType':
      return entry.values.some((v) => v.kind === 'publicationType' && v.key === tokenKey(limit.publicationType));
    case 'years':
      return dateMatches({ field: 'publication', from: { year: limit.from, month: null, day: null }, to: { year: limit.to, month: null, day: null } }, entry.record);
    case 'entryDate':
      return dateMatches({ field: 'entry', from: limit.from, to: limit.to }, entry.record);
    case 'hasAbstract':
      return hasAbstract(entry.record);
    case 'filter':
      return false;
  }
}
