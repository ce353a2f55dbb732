import type { Kysely, Transaction } from 'kysely';
import { NotFoundError } from '../../platform/http/errors.js';
import type { Database } from '../../platform/db/database.js';
import { listVocabularyRows } from './mesh-import.repository.js';
import { type TermHitRow, selectDescriptor, selectExactTerms, selectTermsOf, selectTreeNumbersOf } from './mesh-lookup.repository.js';
import { type LookupOptions, readVocabulary } from './mesh-read.js';
import { normaliseTerm } from './term-normalise.js';

type Db = Kysely<Database> | Transaction<Database>;

/** A descriptor by UI and preferred name. */
export interface DescriptorRef {
  readonly ui: string;
  readonly name: string;
}

/** A descriptor in full, as a record page or the tree browser shows it. */
export interface Descriptor extends DescriptorRef {
  readonly year: number;
  /** What the heading means; only NLM's XML carries it. */
  readonly scopeNote: string | null;
  /** Synonyms, without the name and without NLM's permuted forms, alphabetically. */
  readonly entryTerms: readonly string[];
  readonly treeNumbers: readonly string[];
}

/** A descriptor that an entry term leads to. */
export interface TermMatch extends DescriptorRef {
  /** The descriptor's terms whose normalised form equals what was looked up (`Heart Attack`). */
  readonly matchedTerms: readonly string[];
  /** True when what was looked up is the descriptor's own name. */
  readonly isName: boolean;
  readonly treeNumbers: readonly string[];
}

/** One loaded year of MeSH. */
export interface Vocabulary {
  readonly year: number;
  readonly source: string;
  readonly descriptors: number;
  readonly terms: number;
  readonly treeNumbers: number;
  readonly importedAt: string;
}

/** Groups tree numbers by descriptor UI. */
export async function treeNumbersByUi(db: Db, year: number, uis: readonly string[]): Promise<Map<string, string[]>> {
  const byUi = new Map<string, string[]>(uis.map((ui) => [ui, []]));
  for (const row of await selectTreeNumbersOf(db, year, uis)) byUi.get(row.descriptor_ui)?.push(row.tree_number);
  return byUi;
}

/** A descriptor's name beats its concept-preferred terms, which beat other entry terms, which beat permuted forms. */
function strength(row: TermHitRow): number {
  return row.preferred * 4 + row.concept_preferred * 2 + (1 - row.permuted);
}

type MatchDraft = { ui: string; name: string; matchedTerms: string[]; isName: boolean };

function rankMatches(rows: readonly TermHitRow[]): MatchDraft[] {
  const byUi = new Map<string, { match: MatchDraft; best: number }>();
  for (const row of rows) {
    const entry = byUi.get(row.descriptor_ui) ?? { match: { ui: row.descriptor_ui, name: row.name, matchedTerms: [], isName: false }, best: -1 };
    entry.match.matchedTerms.push(row.term);
    entry.match.isName ||= row.preferred === 1;
    entry.best = Math.max(entry.best, strength(row));
    byUi.set(row.descriptor_ui, entry);
  }
  return [...byUi.values()].sort((a, b) => b.best - a.best || a.match.name.localeCompare(b.match.name)).map((e) => e.match);
}

/**
 * Every descriptor an entry term leads to, best first: a descriptor named exactly so, then by the kind
 * of term matched. Case, accents and punctuation do not matter. A few terms lead to two descriptors.
 *
 * ### Examples
 * await findDescriptorsByTerm(db, 'heart-attack')  // [{ ui: 'D009203', name: 'Myocardial Infarction', matchedTerms: ['Heart Attack'], … }]
 */
export async function findDescriptorsByTerm(db: Db, term: string, options: LookupOptions = {}): Promise<TermMatch[]> {
  const normalised = normaliseTerm(term);
  if (normalised === '') return [];
  return readVocabulary(db, options, [], async (reader, year) => {
    const matches = rankMatches(await selectExactTerms(reader, year, normalised));
    const trees = await treeNumbersByUi(reader, year, matches.map((m) => m.ui));
    return matches.map((m) => ({ ...m, treeNumbers: trees.get(m.ui) ?? [] }));
  });
}

/**
 * The descriptor an entry term leads to (the best of `findDescriptorsByTerm`), or undefined.
 *
 * ### Examples
 * await findDescriptorByTerm(db, 'cancer')  // { ui: 'D009369', name: 'Neoplasms', matchedTerms: ['Cancer'], treeNumbers: ['C04'], … }
 */
export async function findDescriptorByTerm(db: Db, term: string, options: LookupOptions = {}): Promise<TermMatch | undefined> {
  return (await findDescriptorsByTerm(db, term, options))[0];
}

/** A descriptor by UI (`D003924`, any case) with its entry terms and tree numbers, or undefined. */
export async function findDescriptor(db: Db, ui: string, options: LookupOptions = {}): Promise<Descriptor | undefined> {
  const wanted = ui.trim().toUpperCase();
  return readVocabulary<Descriptor | undefined>(db, options, undefined, async (reader, year) => {
    const row = await selectDescriptor(reader, year, wanted);
    if (!row) return undefined;
    const terms = await selectTermsOf(reader, year, wanted);
    const entryTerms = [...new Set(terms.filter((t) => t.preferred === 0 && t.permuted === 0).map((t) => t.term))].sort((a, b) => a.localeCompare(b));
    const treeNumbers = (await treeNumbersByUi(reader, year, [wanted])).get(wanted) ?? [];
    return { year, ui: row.ui, name: row.name, scopeNote: row.scope_note, entryTerms, treeNumbers };
  });
}

/** Like `findDescriptor`, but a descriptor that does not exist is a `NotFoundError` (`mesh_descriptor_not_found`). */
export async function getDescriptor(db: Db, ui: string, options: LookupOptions = {}): Promise<Descriptor> {
  const descriptor = await findDescriptor(db, ui, options);
  if (!descriptor) throw new NotFoundError('mesh_descriptor_not_found', `There is no MeSH descriptor ${ui.trim().toUpperCase()}.`);
  return descriptor;
}

/** The loaded years of MeSH, newest first. */
export async function listVocabularies(db: Db): Promise<Vocabulary[]> {
  return (await listVocabularyRows(db)).map((row) => ({
    year: row.year,
    source: row.source,
    descriptors: row.descriptor_count,
    terms: row.term_count,
    treeNumbers: row.tree_number_count,
    importedAt: row.imported_at,
  }));
}
