/**
 * The reference evaluator: the definition of what every query means, as a naive scan over in-memory
 * records. The SQLite and PostgreSQL backends are tested against it; where they differ, they are wrong.
 * See docs/search-engine.md for the rules in prose.
 */
import type { DescriptorRef } from '../../thesaurus/index.js';
import { normaliseDoi, type StoredRecord } from '../../records/index.js';
import type { DateRangeNode, HeadingNode, Limit, ProximityNode, QueryNode, ValueNode } from '../query/ast.js';
import { UnknownHeadingError, UnsupportedQueryError, WildcardLimitError } from '../engine/errors.js';
import { type FieldPositions, type IndexedDocument, documentTokens, indexedDocument } from '../text/document.js';
import { tokenMatches } from '../text/pattern.js';
import { fieldsOf, operandSequences, sequenceOf, type TokenSequence } from '../text/query-text.js';
import { qualifierKey } from '../text/qualifiers.js';
import { type HeadingFact, type RecordValue, dateSpan, entryDay, hasAbstract, headingFacts, publicationSpan, recordValues } from '../text/record-facts.js';
import { tokenKey } from '../text/tokenize.js';

/** The thesaurus look-ups a heading needs, answered synchronously. */
export interface ReferenceThesaurus {
  find(term: string): DescriptorRef | undefined;
  /** The descriptor and everything below it. */
  descendants(ui: string): readonly DescriptorRef[];
}

interface Entry {
  readonly record: StoredRecord;
  readonly document: IndexedDocument;
  readonly values: readonly RecordValue[];
  readonly headings: readonly HeadingFact[];
}

export interface ReferenceCorpus {
  readonly entries: readonly Entry[];
  readonly vocabulary: ReadonlySet<string>;
}

export const WILDCARD_LIMIT = 2_000;

export function referenceCorpus(records: readonly StoredRecord[]): ReferenceCorpus {
  const entries = records.map((record) => ({ record, document: indexedDocument(record), values: recordValues(record), headings: headingFacts(record) }));
  const vocabulary = new Set<string>();
  for (const entry of entries) for (const token of documentTokens(entry.document)) vocabulary.add(token);
  return { entries, vocabulary };
}

export interface ReferenceOptions {
  readonly thesaurus: ReferenceThesaurus;
  readonly wildcardLimit?: number;
}

const ids = (entries: readonly Entry[]) => new Set(entries.map((e) => e.record.id));

function occurrences(positions: FieldPositions, sequence: TokenSequence): number[] {
  const starts: number[] = [];
  for (let s = 0; s + sequence.length <= positions.length; s++) {
    if (sequence.every((pattern, j) => positions[s + j] != null && tokenMatches(pattern, positions[s + j] as string))) starts.push(s);
  }
  return starts;
}

/** Two occurrences are near when the words between them number at most n (overlapping ones are near). */
function pairNear(positions: FieldPositions, a: readonly TokenSequence[], b: readonly TokenSequence[], n: number): boolean {
  return a.some((sa) =>
    b.some((sb) => {
      const bStarts = occurrences(positions, sb);
      return occurrences(positions, sa).some((x) => bStarts.some((y) => Math.max(x + sa.length, y + sb.length) - Math.min(x, y) - sa.length - sb.length <= n));
    }),
  );
}

class Evaluator {
  constructor(
    private readonly corpus: ReferenceCorpus,
    private readonly options: ReferenceOptions,
  ) {}

  private where(test: (entry: Entry) => boolean): Set<number> {
    return ids(this.corpus.entries.filter(test));
  }

  private checkWildcards(sequences: readonly TokenSequence[], span: QueryNode['span']): void {
    const limit = this.options.wildcardLimit ?? WILDCARD_LIMIT;
    for (const pattern of sequences.flat()) {
      if (pattern.kind !== 'wildcard') continue;
      let count = 0;
      for (const token of this.corpus.vocabulary) if (pattern.regex.test(token)) count++;
      if (count > limit) throw new WildcardLimitError(pattern.text, span, limit);
    }
  }

  evaluate(node: QueryNode): Set<number> {
    switch (node.kind) {
      case 'term':
      case 'phrase': {
        const sequence = sequenceOf(node);
        this.checkWildcards([sequence], node.span);
        if (sequence.length === 0) return new Set();
        return this.where((e) => fieldsOf(node).some((f) => occurrences(e.document[f], sequence).length > 0));
      }
      case 'proximity':
        return this.proximity(node);
      case 'heading':
        return this.heading(node);
      case 'value':
        return this.where((e) => valueMatches(node, e));
      case 'dateRange':
        return this.where((e) => dateMatches(node, e.record));
      case 'lineRef':
        throw new UnsupportedQueryError('Line references are substituted before evaluation.', node.span);
      case 'and': {
        const sets = node.children.map((c) => this.evaluate(c));
        return new Set([...(sets[0] ?? [])].filter((id) => sets.every((s) => s.has(id))));
      }
      case 'or':
        return new Set(node.children.flatMap((c) => [...this.evaluate(c)]));
      case 'not': {
        const include = this.evaluate(node.include);
        const exclude = this.evaluate(node.exclude);
        return new Set([...include].filter((id) => !exclude.has(id)));
      }
      case 'limit': {
        const target = this.evaluate(node.target);
        const filter = node.limits.find((limit) => limit.kind === 'filter');
        if (filter) throw new UnsupportedQueryError(`khub cannot run the filter “${filter.name}”.`, node.span);
        const passing = node.limits.map((limit) => this.where((e) => limitPasses(limit, e)));
        return new Set([...target].filter((id) => passing.every((s) => s.has(id))));
      }
    }
  }

  /** Every neighbouring pair of operands near each other, all in one field. */
  private proximity(node: ProximityNode): Set<number> {
    const operands = node.operands.map(operandSequences);
    this.checkWildcards(operands.flat(), node.span);
    if (operands.some((alternatives) => alternatives.length === 0)) return new Set();
    return this.where((e) =>
      fieldsOf(node).some((f) => operands.slice(1).every((b, i) => pairNear(e.document[f], operands[i] ?? [], b, node.maxBetween))),
    );
  }

  private heading(node: HeadingNode): Set<number> {
    const found = this.options.thesaurus.find(node.heading);
    if (!found) throw new UnknownHeadingError(node.heading, node.span);
    const descriptors = node.explode ? this.options.thesaurus.descendants(found.ui) : [found];
    const uis = new Set(descriptors.map((d) => d.ui));
    const names = new Set(descriptors.map((d) => tokenKey(d.name)));
    const qualifiers = new Set(node.qualifiers.map(qualifierKey));
    return this.where((e) =>
      e.headings.some((h) => {
        const isHeading = h.ui !== null ? uis.has(h.ui) : names.has(h.nameKey);
        if (!isHeading) return false;
        if (qualifiers.size > 0 && !qualifiers.has(h.qualifier)) return false;
        if (qualifiers.size === 0 && !node.major && h.qualifier !== '') return false;
        return !node.major || h.major || h.qualifierMajor;
      }),
    );
  }
}

/** Query tokens a prefix of the value's tokens, the last perhaps cut short when it is not the first (`smith j` finds `smith ja`). */
function authorMatches(key: string, query: string, truncated: boolean): boolean {
  if (truncated) return key.startsWith(query);
  const [q, k] = [query.split(' '), key.split(' ')];
  const last = q.length - 1;
  if (q.length > k.length || !q.slice(0, last).every((token, i) => token === k[i])) return false;
  return q[last] === k[last] || (last > 0 && (k[last] ?? '').startsWith(q[last] ?? ''));
}

function valueMatches(node: ValueNode, entry: Entry): boolean {
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
function dateMatches(node: Pick<DateRangeNode, 'field' | 'from' | 'to'>, record: StoredRecord): boolean {
  const [from, to] = [dateSpan(node.from).start, dateSpan(node.to).end];
  if (node.field === 'entry') return from <= entryDay(record) && entryDay(record) <= to;
  const span = publicationSpan(record);
  return span !== null && span.start >= from && span.end <= to;
}

const headingNamed = (e: Entry, ui: string, name: string) => e.headings.some((h) => (h.ui !== null ? h.ui === ui : h.nameKey === name));

function limitPasses(limit: Limit, entry: Entry): boolean {
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

/**
 * The ids of the records a query matches, by definition.
 *
 * ### Examples
 * evaluateReference(parseQuery('heart[ti]').root, referenceCorpus(records), { thesaurus })  // Set { 3, 17 }
 */
export function evaluateReference(node: QueryNode, corpus: ReferenceCorpus, options: ReferenceOptions): Set<number> {
  return new Evaluator(corpus, options).evaluate(node);
}
