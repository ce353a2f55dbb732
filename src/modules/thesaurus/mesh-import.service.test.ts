import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, it, type TestContext } from 'node:test';
import type { Kysely } from 'kysely';
import { eachDialect, openTestDatabase } from '../../../test/helpers/databases.js';
import { createDb } from '../../platform/db/create-db.js';
import type { Database } from '../../platform/db/database.js';
import type { DialectName } from '../../platform/db/dialect.js';
import { migrateToLatest } from '../../platform/db/migrate.js';
import { findDescriptorByTerm, getDescriptor, listVocabularies } from './index.js';
import { importMesh, importMeshSources } from './mesh-import.service.js';
import { INSERT_ROWS } from './mesh-import.repository.js';
import type { MeshItem } from './mesh-item.js';
import { openMeshSources } from './mesh-sources.js';

const SAMPLE = join(import.meta.dirname, 'fixtures', 'desc-sample.xml');
const THESAURUS_HEADER = '"DescriptorUI","DescriptorName","ConceptUI","TermUI","TermName","ConceptPreferredTermYN","IsPermutedTermYN","LexicalTag","RecordPreferredTermYN"\n';
const TREES_HEADER = '"DescriptorUI","DescriptorName","tree_location","code","cats","mesh1","mesh2","tree1","tree2"\n';

async function tempDir(t: TestContext): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'khub-mesh-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** A thesaurus CSV with more terms than one insert batch holds, so rows are written before the end is read. */
function bigThesaurus(descriptors: number, ending = ''): string {
  const rows = Array.from({ length: descriptors }, (_, i) => {
    const ui = `D9${String(i).padStart(5, '0')}`;
    return `"${ui}","Heading ${i}","M1","T1","Heading ${i}","Y","N","NON","Y"\n"${ui}","Heading ${i}","M1","T2","Synonym ${i}","N","N","NON","N"\n`;
  });
  return THESAURUS_HEADER + rows.join('') + ending;
}

async function counts(db: Kysely<Database>, year: number): Promise<number[]> {
  const count = async (table: 'mesh_descriptor' | 'mesh_term' | 'mesh_tree_number') =>
    Number((await db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).where('year', '=', year).executeTakeFirstOrThrow()).n);
  return [await count('mesh_descriptor'), await count('mesh_term'), await count('mesh_tree_number')];
}

eachDialect('importing MeSH', (getDb) => {
  it('imports NLM descriptor XML: descriptors, terms, tree numbers, scope notes, an audit event', async () => {
    const summary = await importMesh(getDb(), [SAMPLE], { year: 2030 });
    assert.deepEqual([summary.descriptors, summary.terms, summary.treeNumbers, summary.problemCount, summary.replaced], [10, 26, 14, 0, null]);
    const type2 = await getDescriptor(getDb(), 'D003924', { year: 2030 });
    assert.equal(type2.scopeNote, 'A subclass of DIABETES MELLITUS that is not INSULIN-responsive or dependent (NIDDM).');
    assert.equal((await findDescriptorByTerm(getDb(), 'niddm', { year: 2030 }))?.ui, 'D003924');
    const audit = await getDb().selectFrom('audit_event').select(['action', 'target_id']).where('action', '=', 'thesaurus.import').execute();
    assert.deepEqual(audit, [{ action: 'thesaurus.import', target_id: '2030' }]);
  });

  it("replaces a year's vocabulary on re-import and leaves other years alone", async (t) => {
    const dir = await tempDir(t);
    await importMesh(getDb(), [SAMPLE], { year: 2031 });
    const xml = (await readFile(SAMPLE, 'utf8')).replace('<String>Heart Attack</String>', '<String>Cardiac Infarction</String>');
    await writeFile(join(dir, 'desc2031.xml'), xml);
    const summary = await importMesh(getDb(), [join(dir, 'desc2031.xml')]);
    assert.deepEqual([summary.year, summary.replaced], [2031, { descriptors: 10, terms: 26, treeNumbers: 14 }]);
    assert.deepEqual(await counts(getDb(), 2031), [10, 26, 14]);
    assert.equal(await findDescriptorByTerm(getDb(), 'heart attack', { year: 2031 }), undefined);
    assert.equal((await findDescriptorByTerm(getDb(), 'cardiac infarction', { year: 2031 }))?.ui, 'D009203');
    assert.equal((await findDescriptorByTerm(getDb(), 'heart attack', { year: 2030 }))?.ui, 'D009203');
    assert.equal((await findDescriptorByTerm(getDb(), 'cardiac infarction'))?.ui, 'D009203', 'the newest year is the default');
  });

  it('leaves the old vocabulary exactly as it was when a file breaks after batches were written', async (t) => {
    const dir = await tempDir(t);
    await importMesh(getDb(), [SAMPLE], { year: 2032 });
    const before = await counts(getDb(), 2032);
    await writeFile(join(dir, 'mesh_thesaurus.csv'), bigThesaurus(INSERT_ROWS * 2, '"D999999","Bro"ken"\n'));
    await writeFile(join(dir, 'mesh_trees.csv'), TREES_HEADER);
    await assert.rejects(importMesh(getDb(), [dir], { year: 2032 }), /mesh_thesaurus\.csv: Invalid Closing Quote: .*line 8002/);
    assert.deepEqual(await counts(getDb(), 2032), before);
    assert.equal((await findDescriptorByTerm(getDb(), 'heart attack', { year: 2032 }))?.ui, 'D009203');
    assert.equal(await findDescriptorByTerm(getDb(), 'synonym 1', { year: 2032 }), undefined);
  });

  it('refuses files with no usable descriptor, keeping what was loaded', async (t) => {
    const dir = await tempDir(t);
    await writeFile(join(dir, 'mesh_thesaurus.csv'), `${THESAURUS_HEADER}"X1","Bad","M1","T1","Bad","Y","N","NON","Y"\n`);
    await writeFile(join(dir, 'mesh_trees.csv'), TREES_HEADER);
    await assert.rejects(importMesh(getDb(), [dir], { year: 2030 }), /no descriptors found in .*; the 2030 vocabulary was left as it was/);
    assert.deepEqual(await counts(getDb(), 2030), [10, 26, 14]);
  });

  it('skips and lists terms and tree numbers of descriptors the files do not have', async (t) => {
    const dir = await tempDir(t);
    await writeFile(join(dir, 'mesh_thesaurus.csv'), bigThesaurus(2));
    await writeFile(join(dir, 'mesh_trees.csv'), `${TREES_HEADER}"D900000","Heading 0","Z01.100","Z","Geographicals","Heading 0","","Z01",""\n"D123456","Lost","Z01.200","Z","Geographicals","Heading 0","","Z01",""\n`);
    const summary = await importMesh(getDb(), [dir], { year: 2033 });
    assert.deepEqual(summary.problems.map((p) => `${p.line}: ${p.field}: ${p.message}`), ['3: DescriptorUI: no descriptor D123456; tree number Z01.200 is skipped']);
    assert.deepEqual(await counts(getDb(), 2033), [2, 4, 2]);
  });
});

/** A promise opened from outside, once. */
function latch(): { open(): void; opened: Promise<void> } {
  let open: () => void = () => undefined;
  const opened = new Promise<void>((resolve) => {
    open = () => resolve();
  });
  return { open: () => open(), opened };
}

/** Two connections to one database: SQLite needs a file (and WAL) for a reader beside a writer; PostgreSQL's pool has several. */
async function writerAndReader(dialect: DialectName, dir: string): Promise<{ writer: Kysely<Database>; reader: Kysely<Database>; close(): Promise<void> }> {
  if (dialect === 'postgres') {
    const testDb = await openTestDatabase('postgres');
    return { writer: testDb.db, reader: testDb.db, close: () => testDb.close() };
  }
  const writer = createDb(join(dir, 'khub.sqlite'));
  await migrateToLatest(writer);
  const reader = createDb(join(dir, 'khub.sqlite'));
  return { writer, reader, close: async () => Promise.all([writer.destroy(), reader.destroy()]).then(() => undefined) };
}

eachDialect('a re-import in progress', (_getDb, dialect) => {
  let dir = '';
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'khub-mesh-'));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('is invisible to readers until it commits: they see the whole old vocabulary, never a mix', async () => {
    const { writer, reader, close } = await writerAndReader(dialect, dir);
    const gate = latch();
    const halfway = latch();
    let importing: Promise<unknown> = Promise.resolve();
    try {
      await importMesh(writer, [SAMPLE], { year: 2034 });
      const [source] = await openMeshSources([SAMPLE]);
      if (!source) throw new Error('no source');
      const paused = async function* (): AsyncGenerator<MeshItem> {
        for await (const item of source.items) {
          // Wait after the first record: the old year's rows are deleted and new rows written, uncommitted.
          if (item.kind === 'descriptor' && item.ui !== 'D000001') {
            halfway.open();
            await gate.opened;
          }
          yield item.kind === 'term' && item.term === 'Heart Attack' ? { ...item, term: 'Cardiac Infarction' } : item;
        }
      };
      importing = importMeshSources(writer, [{ ...source, items: paused() }], { year: 2034 });
      await halfway.opened;
      assert.equal((await findDescriptorByTerm(reader, 'heart attack', { year: 2034 }))?.ui, 'D009203');
      assert.deepEqual(await counts(reader, 2034), [10, 26, 14]);
      gate.open();
      await importing;
      assert.equal(await findDescriptorByTerm(reader, 'heart attack', { year: 2034 }), undefined);
      assert.equal((await findDescriptorByTerm(reader, 'cardiac infarction', { year: 2034 }))?.ui, 'D009203');
      assert.deepEqual((await listVocabularies(reader)).map((v) => v.descriptors), [10]);
    } finally {
      // A failed assertion must not leave the import waiting, holding its transaction (and close() with it).
      gate.open();
      await importing.catch(() => undefined);
      await close();
    }
  });
});
