import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { describe, it, type TestContext } from 'node:test';
import type { Kysely } from 'kysely';
import { asyncOf, collectText, sampleRecords } from '../../test/helpers/record-fixtures.js';
import { findExportFormat, importRecords } from '../modules/records/index.js';
import { createDb } from '../platform/db/create-db.js';
import type { Database } from '../platform/db/database.js';
import { migrateToLatest } from '../platform/db/migrate.js';
import { EXIT_SOME_MISSING, exportCommand, parseIds, runExport } from './export.command.js';

/** Collects what the command writes, without a progress bar (as when stderr is not a terminal). */
function capture() {
  const out = { stdout: '', stderr: '' };
  const stdout = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      out.stdout += chunk.toString();
      callback();
    },
  });
  return { out, output: { stdout, stderr: { write: (text: string) => (out.stderr += text) }, progress: { update: () => undefined, stop: () => undefined } } };
}

/** Imports a file through khub's own import pipeline, as an operator would have loaded it. */
async function load(db: Kysely<Database>, file: string, text: string, source?: string): Promise<void> {
  await writeFile(file, text);
  const summary = await importRecords(db, { files: [file], ...(source ? { source } : {}) });
  assert.equal(summary.failure, undefined);
  assert.equal(summary.skipped, 0);
}

const jsonl = (ids: readonly string[], title: (id: string) => string) => ids.map((id) => JSON.stringify({ _id: id, title: title(id), text: '' })).join('\n');

/** A migrated SQLite file holding the three sample records (ids 1–3), a BEIR record (id 4) and `bulk` more. */
async function seededDatabase(t: TestContext, bulk = 0): Promise<{ dir: string; database: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'khub-export-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const database = join(dir, 'khub.sqlite');
  const db = createDb(database);
  try {
    await migrateToLatest(db);
    const medline = findExportFormat('medline');
    assert.ok(medline);
    await load(db, join(dir, 'samples.nbib'), await collectText(medline.write(asyncOf(sampleRecords))));
    await load(db, join(dir, 'scifact.jsonl'), jsonl(['4983'], () => 'Microstructural development of human newborn cerebral white matter'), 'beir-scifact');
    if (bulk > 0) await load(db, join(dir, 'bulk.jsonl'), jsonl(Array.from({ length: bulk }, (_, i) => String(i)), (id) => `Bulk ${id}`), 'bulk');
  } finally {
    await db.destroy();
  }
  return { dir, database };
}

describe('khub export', () => {
  it('writes all records to a file and prints what it did', async (t) => {
    const { dir, database } = await seededDatabase(t);
    const file = join(dir, 'all.ris');
    const { out, output } = capture();
    assert.equal(await runExport({ format: 'ris', output: file, database }, output), 0);
    assert.equal(out.stdout, `Exported 4 records as RIS (EndNote, Zotero, Mendeley, RefWorks) to ${file}\n`);
    const text = await readFile(file, 'utf8');
    assert.equal(text.match(/^TY {2}- JOUR\r$/gm)?.length, 4);
    assert.deepEqual(await readdir(dir).then((names) => names.filter((n) => n.includes('.partial'))), [], 'no temporary file is left');
  });

  it('writes to standard output when there is no --output, with the summary on standard error', async (t) => {
    const { database } = await seededDatabase(t);
    const { out, output } = capture();
    assert.equal(await runExport({ format: 'vancouver', source: 'pubmed', database }, output), 0);
    assert.deepEqual(out.stdout.split('\n').map((line) => line.slice(0, 12)), ['1. O’Byrne P', '2. Ramon E, ', '3. Martinez ', '']);
    assert.equal(out.stderr, 'Exported 3 records as Vancouver references (text)\n');
  });

  it('exports the given ids in the given order, and exits 2 naming ids that match no record', async (t) => {
    const { database } = await seededDatabase(t);
    const { out, output } = capture();
    assert.equal(await runExport({ format: 'csv', ids: [3, 99, 1], database }, output), EXIT_SOME_MISSING);
    assert.deepEqual(out.stdout.trimEnd().split('\r\n').slice(1).map((row) => row.split(',').slice(0, 3).join(',')), ['3,pubmed,26227021', '1,pubmed,29768149']);
    assert.equal(out.stderr, 'Exported 2 records as CSV (spreadsheets)\nNo record with id 99\n');
  });

  it('fails with a clear message and writes nothing when the file cannot be created', async (t) => {
    const { dir, database } = await seededDatabase(t);
    const file = join(dir, 'missing', 'x.csv');
    await assert.rejects(runExport({ format: 'csv', output: file, database }, capture().output), { message: `cannot write ${file}: no such directory` });
    assert.equal(existsSync(file), false);
  });

  it('leaves no file behind when the export fails half-way', async (t) => {
    const { dir, database } = await seededDatabase(t, 1200);
    const db = createDb(database);
    // A damaged row on the third page: the export has already written two pages when it meets it.
    await db.updateTable('record').set({ authors: '{not json' }).where('source', '=', 'bulk').where('source_id', '=', '1100').execute();
    await db.destroy();
    const file = join(dir, 'half.csv');
    await assert.rejects(runExport({ format: 'csv', output: file, database }, capture().output), /record \d+ \(bulk 1100\) cannot be read: .*JSON/);
    assert.deepEqual(await readdir(dir).then((names) => names.filter((n) => n.startsWith('half'))), []);
  });

  it('refuses an unknown format', async () => {
    await assert.rejects(runExport({ format: 'docx', database: ':memory:' }, capture().output), /unknown export format "docx" \(choose from ris, medline, bibtex, csv, csl-json, vancouver, vancouver-html/);
  });

  it('lists every format in its help', () => {
    const help = exportCommand().helpInformation() + exportCommand().configureHelp({}).helpInformation();
    for (const id of ['ris', 'medline', 'bibtex', 'csv', 'csl-json', 'vancouver', 'harvard', 'apa', 'apa-html']) assert.match(help, new RegExp(`\\b${id}\\b`));
  });
});

describe('--ids', () => {
  it('reads ids separated by commas or spaces', () => assert.deepEqual(parseIds('1,2, 3 4'), [1, 2, 3, 4]));
  for (const bad of ['', '1,x', '0', '-3', '1.5', '99999999999999999999']) {
    it(`refuses "${bad}"`, () => assert.throws(() => parseIds(bad), /record id/));
  }
});
