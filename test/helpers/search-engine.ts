/**
 * Test support (not used by the application): load records and the sample thesaurus through their
 * modules' public functions, index them, and give the reference evaluator the same thesaurus.
 */
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import type { Database } from '../../src/platform/db/database.js';
import { type BibRecord, RecordImportRun, type StoredRecord, streamRecords } from '../../src/modules/records/index.js';
import { type DescriptorRef, descendants, findDescriptorByTerm, importMesh } from '../../src/modules/thesaurus/index.js';
import type { ReferenceThesaurus } from '../../src/modules/search/backends/reference.js';
import { syncSearchIndex } from '../../src/modules/search/index/sync.js';

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
