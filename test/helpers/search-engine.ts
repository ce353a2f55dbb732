/**
 * Test support (not used by the application): load records and the sample thesaurus through their
 * modules' public functions, index them, and give the reference evaluator the same thesaurus.
 */
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { Kysely } from 'kysely';
import type { Database } from '../../src/platform/db/database.js';
import { type BibRecord, RecordImportRun, type StoredRecord, importRecords, parsePubmedXml, streamRecords } from '../../src/modules/records/index.js';
import { type DescriptorRef, descendants, findDescriptorByTerm, importMesh } from '../../src/modules/thesaurus/index.js';
import type { ReferenceThesaurus } from '../../src/modules/search/backends/reference.js';
import { syncSearchIndex } from '../../src/modules/search/index/sync.js';
import { generatePubmedXml } from '../../bench/corpus/pubmed-xml-generator.js';
import { loadVocabulary } from '../../bench/corpus/vocabulary.js';
import { sharedDataPath } from './shared-data.js';

export const SAMPLE_MESH = join(import.meta.dirname, '..', '..', 'src', 'modules', 'thesaurus', 'fixtures', 'desc-sample.xml');

/** Imports records from source `test` (replacing any with the same ids), syncs the index, and returns every stored record. */
export async function loadRecords(db: Kysely<Database>, records: readonly BibRecord[], now = new Date(), sync = true): Promise<StoredRecord[]> {
  const run = await RecordImportRun.start(db, 'search-test', 'test', { batchSize: 500, now: () => now, actor: 'system' });
  async function* items() {
    for (const [i, record] of records.entries()) yield { kind: 'record' as const, record, position: `record ${i + 1}` };
  }
  await run.consume(items());
  if (sync) await syncSearchIndex(db);
  const stored: StoredRecord[] = [];
  for await (const record of streamRecords(db)) stored.push(record);
  return stored;
}

/** Deletes the records of source `test` with these source ids (through an import, as a feed would). */
export async function deleteRecords(db: Kysely<Database>, sourceIds: readonly string[]): Promise<void> {
  if (sourceIds.length === 0) return;
  const run = await RecordImportRun.start(db, 'search-test', 'test', { batchSize: 500, now: () => new Date(), actor: 'system' });
  async function* items() {
    yield { kind: 'delete' as const, source: 'test', sourceIds: [...sourceIds], position: 'delete' };
  }
  await run.consume(items());
}

/** Loads the sample MeSH and returns a synchronous thesaurus for the given terms, answered by the thesaurus module. */
export async function loadThesaurus(db: Kysely<Database>, terms: readonly string[]): Promise<ReferenceThesaurus> {
  await importMesh(db, [SAMPLE_MESH], { year: 2024 });
  return thesaurusAnswers(db, terms);
}

/** Imports the whole MeSH 2024 vocabulary (30,764 descriptors) from the shared data's CSV files. */
export async function loadFullMesh(db: Kysely<Database>): Promise<void> {
  await importMesh(db, [sharedDataPath('mesh-2024')], { year: 2024 });
}

/** A synchronous thesaurus for the given terms, answered now by the thesaurus module from what is loaded. */
export async function thesaurusAnswers(db: Kysely<Database>, terms: readonly string[]): Promise<ReferenceThesaurus> {
  const found = new Map<string, DescriptorRef | undefined>();
  const below = new Map<string, DescriptorRef[]>();
  for (const term of terms) {
    const match = await findDescriptorByTerm(db, term);
    found.set(term, match && { ui: match.ui, name: match.name });
    if (match && !below.has(match.ui)) below.set(match.ui, await descendants(db, match.ui));
  }
  return {
    find: (term) => {
      if (!found.has(term)) throw new Error(`the test thesaurus was not given “${term}”`);
      return found.get(term);
    },
    descendants: (ui) => below.get(ui) ?? [],
  };
}

/** The real MEDLINE samples (a 2016 update file and a MEDLINE-format export): 888 records with MeSH. */
export const MEDLINE_SAMPLES = ['medline16n0902.xml.gz', 'mesh-papers.medline.txt.gz'];

/**
 * Imports the real MEDLINE samples and `synthetic` records from the benchmark's deterministic PubMed
 * generator (headings drawn from the real MeSH vocabulary), syncs the index, and returns every stored record.
 */
export async function loadSearchCorpus(db: Kysely<Database>, options: { synthetic: number; seed?: number; now?: Date }): Promise<StoredRecord[]> {
  const now = options.now ?? new Date();
  const summary = await importRecords(db, { files: MEDLINE_SAMPLES.map((name) => sharedDataPath('medline-samples', name)), now: () => now, actor: 'system' });
  if (summary.failure) throw new Error(`${summary.failure.file}: ${summary.failure.message}`);
  const vocabulary = await loadVocabulary();
  const xml = Readable.from(generatePubmedXml(vocabulary, { records: options.synthetic, seed: options.seed ?? 42 }));
  const run = await RecordImportRun.start(db, 'synthetic', 'pubmed-xml', { batchSize: 1000, now: () => now, actor: 'system' });
  await run.consume(parsePubmedXml(xml, { file: 'synthetic' }));
  await syncSearchIndex(db);
  const stored: StoredRecord[] = [];
  for await (const record of streamRecords(db)) stored.push(record);
  return stored;
}
