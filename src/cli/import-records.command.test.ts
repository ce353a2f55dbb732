import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it, type TestContext } from 'node:test';
import { eachDialect } from '../../test/helpers/databases.js';
import { sharedDataPath } from '../../test/helpers/shared-data.js';
import { countIndexed, countMatches, parseQuery } from '../modules/search/index.js';
import { EXIT_SOME_SKIPPED, importRecordFiles, runRecordsImport } from './import-records.command.js';
import { quietRecordProgress } from './record-progress.js';
import { runRecordStats } from './records.command.js';

const SAMPLES = sharedDataPath('medline-samples');

function capture() {
  const out = { stdout: '', stderr: '' };
  return {
    out,
    output: { stdout: { write: (text: string) => (out.stdout += text) }, stderr: { write: (text: string) => (out.stderr += text) }, progress: quietRecordProgress },
  };
}

async function tempDir(t: TestContext): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'khub-cli-records-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

const record = (pmid: string) => `<PubmedArticle><MedlineCitation><PMID>${pmid}</PMID><Article><ArticleTitle>Record ${pmid}.</ArticleTitle></Article></MedlineCitation></PubmedArticle>`;

describe('khub import records', () => {
  it('imports into a new database, prints the summary and exits 0', async (t) => {
    const database = join(await tempDir(t), 'khub.sqlite');
    const { out, output } = capture();
    const code = await runRecordsImport([join(SAMPLES, 'medline16n0902.xml.gz'), join(SAMPLES, 'pubmed-29768149.xml')], { database }, output);
    assert.equal(code, 0);
    assert.equal(out.stdout, 'Imported records from 2 of 2 file(s)\n  added:     605\n  updated:   0\n  unchanged: 0\n  deleted:   0\n  skipped:   0\nSearch index: 605 records indexed, 0 records removed\n');
    assert.equal(out.stderr, '');
  });

  it('lists skipped records as FILE: position: reason, the first 20 and a count of the rest, and exits 2', async (t) => {
    const dir = await tempDir(t);
    const file = join(dir, 'bad.xml');
    const bad = Array.from({ length: 23 }, () => '<PubmedArticle><MedlineCitation><Article><ArticleTitle>No PMID.</ArticleTitle></Article></MedlineCitation></PubmedArticle>');
    await writeFile(file, `<PubmedArticleSet>\n${record('1')}\n${bad.join('\n')}\n</PubmedArticleSet>\n`);
    const { out, output } = capture();
    assert.equal(await runRecordsImport([file], { database: join(dir, 'khub.sqlite') }, output), EXIT_SOME_SKIPPED);
    assert.match(out.stdout, /added: +1\n/);
    assert.match(out.stdout, /skipped: +23\n/);
    assert.match(out.stdout, new RegExp(`Skipped records:\n  ${file.replaceAll('.', '\\.')}: record 2 \\(line 3\\): no PMID\n`));
    assert.match(out.stdout, /\n {2}… and 3 more\n/);
  });

  it('stops with the error on stderr and exits 1 when a file is broken, keeping what came before', async (t) => {
    const dir = await tempDir(t);
    const broken = join(dir, 'broken.xml');
    await writeFile(broken, `<PubmedArticleSet>\n${record('1')}\n<PubmedArticle>\n`);
    const { out, output } = capture();
    const database = join(dir, 'khub.sqlite');
    assert.equal(await runRecordsImport([join(SAMPLES, 'pubmed-29768149.xml'), broken], { database }, output), 1);
    assert.match(out.stderr, /^khub: .*broken\.xml: broken XML at line 4, column 1: unclosed tag: PubmedArticle/);
    assert.match(out.stdout, /^Imported records from 1 of 2 file\(s\)\n {2}added: +1\n/);
    assert.match(out.stdout, /Stopped at .*broken\.xml/);
    const stats = capture();
    await runRecordStats({ database, json: true }, stats.output.stdout);
    const json = JSON.parse(stats.out.stdout) as { records: number; lastImport: { status: string; error: string } };
    assert.equal(json.records, 1);
    assert.equal(json.lastImport.status, 'failed');
  });
});

eachDialect('khub import records keeps the search index in step', (getDb) => {
  const asthma = parseQuery('asthma[ti]').root;

  it('indexes what it imported and says how many; --no-index leaves the index for the next import', async () => {
    const db = getDb();
    const first = capture();
    assert.equal(await importRecordFiles(db, [join(SAMPLES, 'pubmed-29768149.xml')], {}, first.output), 0);
    assert.match(first.out.stdout, /\n {2}added: +1\n[^]*\nSearch index: 1 record indexed, 0 records removed\n$/);
    assert.equal(await countMatches(db, asthma), 1, 'the imported title is searchable at once');

    const skipped = capture();
    assert.equal(await importRecordFiles(db, [join(SAMPLES, 'test_current_medline.xml.gz')], { index: false }, skipped.output), 0);
    assert.match(skipped.out.stdout, /\n {2}added: +4\n[^]*\nSearch index: not updated \(--no-index\)/);
    assert.equal(await countIndexed(db), 1);

    const again = capture();
    assert.equal(await importRecordFiles(db, [join(SAMPLES, 'test_current_medline.xml.gz')], {}, again.output), 0);
    assert.match(again.out.stdout, /\n {2}unchanged: 4\n[^]*\nSearch index: 4 records indexed, 0 records removed\n$/, 'the records the last import left out');
    assert.equal(await countIndexed(db), 5);
    assert.equal(await countMatches(db, parseQuery('back pain[ti]').root), 3);
  });
});

describe('khub records stats', () => {
  it('prints counts by source as a table, or as one JSON object with --json', async (t) => {
    const database = join(await tempDir(t), 'khub.sqlite');
    await runRecordsImport([join(SAMPLES, 'test_current_medline.xml.gz')], { database }, capture().output);
    const table = capture();
    assert.equal(await runRecordStats({ database }, table.output.stdout), 0);
    assert.match(table.out.stdout, /^Records by source\n {2}pubmed +4\n {2}total +4\nLast import: .*test_current_medline\.xml\.gz \(pubmed-xml\), completed/);
    const json = capture();
    assert.equal(await runRecordStats({ database, json: true }, json.output.stdout), 0);
    const stats = JSON.parse(json.out.stdout) as Record<string, unknown>;
    assert.deepEqual(Object.keys(stats), ['records', 'bySource', 'lastImport']);
    assert.equal(stats.records, 4);
    assert.deepEqual(stats.bySource, { pubmed: 4 });
    assert.deepEqual((stats.lastImport as Record<string, unknown>).added, 4);
  });

  it('reports an empty database', async (t) => {
    const json = capture();
    await runRecordStats({ database: join(await tempDir(t), 'empty.sqlite'), json: true }, json.output.stdout);
    assert.deepEqual(JSON.parse(json.out.stdout), { records: 0, bySource: {}, lastImport: null });
  });
});
