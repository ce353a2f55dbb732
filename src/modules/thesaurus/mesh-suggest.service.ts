import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../platform/db/database.js';
import { selectExactTerms, selectTermRange, selectWordRange } from './mesh-lookup.repository.js';
import { type DescriptorRef, treeNumbersByUi } from './mesh-lookup.service.js';
import { type LookupOptions, readVocabulary } from './mesh-read.js';
import { normaliseTerm, prefixEnd } from './term-normalise.js';

type Db = Kysely<Database> | Transaction<Database>;

/** How a suggestion matched, best first. */
export type SuggestionMatch = 'exact' | 'name-prefix' | 'term-prefix' | 'word-start';

/** A descriptor offered for what someone is typing. */
export interface Suggestion extends DescriptorRef {
  /** The term that matched (the name itself, or an entry term such as `Heart Attack`). */
  readonly term: string;
  readonly match: SuggestionMatch;
  readonly treeNumbers: readonly string[];
}

type Candidate = Omit<Suggestion, 'treeNumbers'>;

/** Each tier's query asks for this many rows per wanted suggestion, since several rows may share a descriptor. */
const ROWS_PER_SUGGESTION = 4;

type Row = { descriptor_ui: string; name: string; term: string };

/** The tiers, best first, each fetched only when the ones before have not filled the list. */
async function* tiers(db: Db, year: number, text: string, limit: number): AsyncGenerator<Candidate[]> {
  const range = { from: text, to: prefixEnd(text) };
  const rows = limit * ROWS_PER_SUGGESTION;
  const tier = (match: SuggestionMatch, list: readonly Row[]): Candidate[] => list.map((r) => ({ ui: r.descriptor_ui, name: r.name, term: r.term, match }));
  const exact = await selectExactTerms(db, year, text);
  yield tier('exact', exact.sort((a, b) => b.preferred - a.preferred || a.permuted - b.permuted));
  yield tier('name-prefix', await selectTermRange(db, year, { ...range, preferredOnly: true, limit: rows }));
  yield tier('term-prefix', await selectTermRange(db, year, { ...range, preferredOnly: false, limit: rows }));
  yield tier('word-start', await selectWordRange(db, year, { ...range, limit: rows }));
}

/**
 * Descriptors for a typed term, one per descriptor, ranked: an exact entry term first, then names
 * starting with the text, then entry terms starting with it, then terms with a later word starting
 * with it; shorter terms first within each. Case, accents and punctuation do not matter.
 *
 * ### Examples
 * (await suggest(db, 'myocard', 3)).map((s) => s.name)  // ['Myocardium', 'Myocarditis', 'Myocardial Infarction']
 */
export async function suggest(db: Db, text: string, limit = 10, options: LookupOptions = {}): Promise<Suggestion[]> {
  const normalised = normaliseTerm(text);
  const wanted = Math.max(1, Math.min(Math.trunc(limit), 100));
  if (normalised === '') return [];
  return readVocabulary(db, options, [], async (reader, year) => {
    const chosen = new Map<string, Candidate>();
    for await (const tier of tiers(reader, year, normalised, wanted)) {
      for (const candidate of tier) {
        if (!chosen.has(candidate.ui)) chosen.set(candidate.ui, candidate);
        if (chosen.size >= wanted) break;
      }
      if (chosen.size >= wanted) break;
    }
    const trees = await treeNumbersByUi(reader, year, [...chosen.keys()]);
    return [...chosen.values()].map((c) => ({ ...c, treeNumbers: trees.get(c.ui) ?? [] }));
  });
}
