/**
 * The records as the reference evaluator sees them: each with its indexed text, values and heading
 * facts, plus look-up tables that only narrow which records the evaluator needs to scan.
 */
import type { StoredRecord } from '../../records/index.js';
import { type IndexedDocument, documentTokens, indexedDocument } from '../text/document.js';
import { type TokenPattern, tokenMatches } from '../text/pattern.js';
import type { TokenSequence } from '../text/query-text.js';
import { type HeadingFact, type RecordValue, headingFacts, recordValues } from '../text/record-facts.js';

export interface ReferenceEntry {
  readonly record: StoredRecord;
  readonly document: IndexedDocument;
  readonly values: readonly RecordValue[];
  readonly headings: readonly HeadingFact[];
}

export interface ReferenceCorpus {
  readonly entries: readonly ReferenceEntry[];
  readonly vocabulary: ReadonlySet<string>;
  /** The entries holding each token in some field. */
  readonly holders: ReadonlyMap<string, readonly ReferenceEntry[]>;
  /** The vocabulary in code-unit order, where the tokens sharing a prefix stand together. */
  readonly sortedTokens: readonly string[];
  /** The entries with each heading, by `ui:D000001`, or `name:calcimycin` for headings without a UI. */
  readonly headingHolders: ReadonlyMap<string, readonly ReferenceEntry[]>;
}

const headingKey = (fact: Pick<HeadingFact, 'ui' | 'nameKey'>) => (fact.ui !== null ? `ui:${fact.ui}` : `name:${fact.nameKey}`);

function addTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export function referenceCorpus(records: readonly StoredRecord[]): ReferenceCorpus {
  const entries = records.map((record) => ({ record, document: indexedDocument(record), values: recordValues(record), headings: headingFacts(record) }));
  const holders = new Map<string, ReferenceEntry[]>();
  const headingHolders = new Map<string, ReferenceEntry[]>();
  for (const entry of entries) {
    for (const token of documentTokens(entry.document)) addTo(holders, token, entry);
    for (const key of new Set(entry.headings.map(headingKey))) addTo(headingHolders, key, entry);
  }
  return { entries, vocabulary: new Set(holders.keys()), holders, sortedTokens: [...holders.keys()].sort(), headingHolders };
}

/** The tokens of the vocabulary a pattern matches. */
export function matchingTokens(corpus: ReferenceCorpus, pattern: TokenPattern): string[] {
  if (pattern.kind === 'exact') return corpus.holders.has(pattern.token) ? [pattern.token] : [];
  const prefix = pattern.kind === 'prefix' ? pattern.prefix : pattern.literalPrefix;
  const sorted = corpus.sortedTokens;
  let [low, high] = [0, sorted.length];
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((sorted[middle] as string) < prefix) low = middle + 1;
    else high = middle;
  }
  const found: string[] = [];
  for (let i = low; i < sorted.length && (sorted[i] as string).startsWith(prefix); i++) {
    if (tokenMatches(pattern, sorted[i] as string)) found.push(sorted[i] as string);
  }
  return found;
}

/** The entries that can hold one of the sequences (a record holds a sequence only if it holds a token its first pattern matches). */
export function textCandidates(corpus: ReferenceCorpus, sequences: readonly TokenSequence[]): ReferenceEntry[] {
  const found = new Set<ReferenceEntry>();
  for (const first of new Set(sequences.map((sequence) => sequence[0]))) {
    if (!first) continue;
    for (const token of matchingTokens(corpus, first)) for (const entry of corpus.holders.get(token) ?? []) found.add(entry);
  }
  return [...found];
}

/** The entries with one of these headings: by UI, or by name for headings recorded without one. */
export function headingCandidates(corpus: ReferenceCorpus, uis: Iterable<string>, names: Iterable<string>): ReferenceEntry[] {
  const keys = [...[...uis].map((ui) => `ui:${ui}`), ...[...names].map((name) => `name:${name}`)];
  return [...new Set(keys.flatMap((key) => corpus.headingHolders.get(key) ?? []))];
}
