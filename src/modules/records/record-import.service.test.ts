import assert from 'node:assert/strict';
import { createReadStream } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, it } from 'node:test';
import { sharedDataPath } from '../../../test/helpers/shared-data.js';
import { gzipSync } from 'node:zlib';
import type { Kysely } from 'kysely';
import { eachDialect } from '../../../test/helpers/databases.js';
import type { Database } from '../../platform/db/database.js';
import { findImportRunById } from './import-run.repository.js';
import { parsePubmedXml } from './importers/pubmed-xml.parser.js';
import { rowToRecord } from './record-mapping.js';
import { countRecordsBySource, findRecordRowBySourceId } from './record.repository.js';
import { importRecords } from './record-import.service.js';

const SAMPLES = sharedDataPath('medline-samples');
const MEDLINE_2016 = join(SAMPLES, 'medline16n0902.xml.gz');
const CURRENT = join(SAMPLES, 'test_current_medline.xml.gz');
const NEJM = join(SAMPLES, 'pubmed-29768149.xml');

/** A PubMed XML file of small records, PMIDs from `first`, optionally cut off after the last record. */
function syntheticXml(count: number, first: number, options: { broken?: boolean } = {}): string {
  const records = Array.from({ length: count }, (_, i) => `<PubmedArticle><MedlineCitation><PMID>${first + i}</PMID><Article><ArticleTitle>Synthetic record ${first + i}.</ArticleTitle></Article></MedlineCitation></PubmedArticle>`);
  return `<?xml version="1.0"?>\n<PubmedArticleSet>\n${records.join('\n')}\n${options.broken ? '<PubmedArticle><MedlineCitation></PubmedArticle>' : '</PubmedArticleSet>'}\n`;
}

let dir = '';
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'khub-records-'));
});
after(() => rm(dir, { recursive: true, force: true }));

async function recordCount(db: Kysely<Database>): Promise<number> {
  return (await countRecordsBySource(db)).reduce((sum, row) => sum + row.count, 0);
}

const clock = (iso: string) => () => new Date(iso);

eachDialect('importRecords: NLM samples', (getDb) => {
  it('imports the three sample files, recording a completed run for each', async () => {
    const db = getDb();
    const summary = await importRecords(db, { files: [MEDLINE_2016, CURRENT, NEJM], now: clock('2026-01-01T00:00:00Z') });
    assert.deepEqual([summary.added, summary.updated, summary.unchanged, summary.deleted, summary.skipped], [609, 0, 0, 0, 0]);
    assert.equal(summary.failure, undefined);
    assert.deepEqual(summary.files.map((f) => [f.format, f.status, f.added]), [['pubmed-xml', 'completed', 604], ['pubmed-xml', 'completed', 4], ['pubmed-xml', 'completed', 1]]);
    const run = await findImportRunById(db, summary.files[0]?.runId ?? 0);
    assert.deepEqual([run?.status, run?.added, run?.input, run?.finished_at], ['completed', 604, MEDLINE_2016, '2026-01-01T00:00:00.000Z']);
    assert.equal(await recordCount(db), 609);
    const audited = await db.selectFrom('audit_event').select(['actor_label', 'target_id']).where('action', '=', 'records.import').orderBy('id').execute();
    assert.deepEqual(audited.map((a) => [a.actor_label, Number(a.target_id)]), summary.files.map((f) => ['cli', f.runId]));
  });

  it('stores every field the parser read', async () => {
    const db = getDb();
    let parsed;
    for await (const item of parsePubmedXml(createReadStream(NEJM), { file: NEJM })) if (item.kind === 'record') parsed = item.record;
    const row = await findRecordRowBySourceId(db, 'pubmed', '29768149');
    assert.ok(row && parsed);
    const { id: _id, addedAt: _added, updatedAt: _updated, duplicateGroupId: _group, ...stored } = rowToRecord(row);
    assert.deepEqual(stored, parsed);
  });

  it('re-importing the same files adds nothing and leaves every record unchanged', async () => {
    const db = getDb();
    const summary = await importRecords(db, { files: [MEDLINE_2016, CURRENT, NEJM], now: clock('2026-02-01T00:00:00Z') });
    assert.deepEqual([summary.added, summary.updated, summary.unchanged, summary.deleted], [0, 0, 609, 0]);
    assert.equal((await findRecordRowBySourceId(db, 'pubmed', '29768149'))?.updated_at, '2026-01-01T00:00:00.000Z');
    assert.equal(await recordCount(db), 609);
  });

  it('applies an update file: a changed record, a new one and DeleteCitation, in order', async () => {
    const db = getDb();
    const original = await readFile(NEJM, 'utf8');
    const changed = original.replace('Inhaled Combined Budesonide-Formoterol as Needed in Mild Asthma.', 'Inhaled budesonide-formoterol as needed in mild asthma (corrected).');
    const update = changed.replace('</PubmedArticleSet>', `${syntheticXml(1, 90_000_001).split('<PubmedArticleSet>\n')[1]?.replace('</PubmedArticleSet>', '')}<DeleteCitation><PMID Version="1">2930949</PMID><PMID Version="1">99999999</PMID></DeleteCitation>\n</PubmedArticleSet>`);
    const file = join(dir, 'pubmed25n1300.xml.gz');
    await writeFile(file, gzipSync(update));
    const summary = await importRecords(db, { files: [file], now: clock('2026-03-01T00:00:00Z') });
    assert.deepEqual([summary.added, summary.updated, summary.unchanged, summary.deleted], [1, 1, 0, 1]);
    const row = await findRecordRowBySourceId(db, 'pubmed', '29768149');
    assert.equal(row?.title, 'Inhaled budesonide-formoterol as needed in mild asthma (corrected).');
    assert.deepEqual([row?.added_at, row?.updated_at], ['2026-01-01T00:00:00.000Z', '2026-03-01T00:00:00.000Z']);
    assert.equal(await findRecordRowBySourceId(db, 'pubmed', '2930949'), undefined);
    assert.equal(await recordCount(db), 609);
  });
});

eachDialect('importRecords: other formats', (getDb) => {
  it('tells MEDLINE text, RIS and JSONL apart by content, gzip or not, whatever the file is called', async () => {
    const db = getDb();
    const ris = join(dir, 'export.txt');
    await writeFile(ris, 'TY  - JOUR\nTI  - A trial of something\nAU  - Smith, Jane\nPY  - 2019///\nDO  - 10.1000/XYZ\nID  - 17\nER  - \n');
    const jsonl = join(dir, 'corpus.data');
    await writeFile(jsonl, gzipSync('{"_id": "d1", "title": "First", "text": "Body one."}\n{"_id": "d2", "title": "Second", "text": "Body two."}\n'));
    const summary = await importRecords(db, { files: [join(SAMPLES, 'mesh-papers.medline.txt.gz'), ris, jsonl], source: 'test-collection' });
    assert.deepEqual(summary.files.map((f) => [f.format, f.added]), [['medline', 284], ['ris', 1], ['jsonl', 2]]);
    assert.deepEqual(Object.fromEntries((await countRecordsBySource(db)).map((r) => [r.source, r.count])), { pubmed: 284, 'test-collection': 3 });
  });

  it('reads a file with the --format given when its start does not say', async () => {
    const db = getDb();
    const file = join(dir, 'annotated.jsonl');
    await writeFile(file, '# exported 2026-01-01\n{"_id": "a1", "title": "Annotated", "text": "Body."}\n');
    assert.match((await importRecords(db, { files: [file] })).failure?.message ?? '', /cannot tell the format/);
    const summary = await importRecords(db, { files: [file], format: 'jsonl', source: 'notes' });
    assert.deepEqual([summary.added, summary.skipped, summary.problems[0]?.position], [1, 1, 'line 1']);
  });
});

eachDialect('importRecords: malformed records and files', (getDb) => {
  it('skips a record without a PMID, reporting file and position, and imports the rest', async () => {
    const db = getDb();
    const file = join(dir, 'one-bad.xml');
    await writeFile(file, syntheticXml(3, 500).replace('<PMID>501</PMID>', ''));
    const summary = await importRecords(db, { files: [file] });
    assert.deepEqual([summary.added, summary.skipped], [2, 1]);
    assert.deepEqual(summary.problems, [{ file, position: 'record 2 (line 4)', reason: 'no PMID' }]);
    const run = await findImportRunById(db, summary.files[0]?.runId ?? 0);
    assert.deepEqual([run?.status, run?.skipped, JSON.parse(run?.problems ?? '[]')], ['completed', 1, summary.problems]);
  });

  it('stops at a broken file, keeping earlier files and committed batches, marking its run failed and leaving later files alone', async () => {
    const db = getDb();
    const before = await recordCount(db);
    const broken = join(dir, 'broken.xml');
    await writeFile(broken, syntheticXml(120, 1000, { broken: true }));
    const summary = await importRecords(db, { files: [CURRENT, broken, NEJM], batchSize: 50 });
    assert.equal(summary.failure?.file, broken);
    assert.match(summary.failure?.message ?? '', /broken\.xml: broken XML at line 123, column \d+: unexpected close tag/);
    assert.deepEqual(summary.notAttempted, [NEJM]);
    assert.deepEqual(summary.files.map((f) => [f.status, f.added]), [['completed', 4], ['failed', 100]]);
    const run = await findImportRunById(db, summary.files[1]?.runId ?? 0);
    assert.deepEqual([run?.status, run?.added, run?.error], ['failed', 100, summary.failure?.message]);
    // Two full batches of 50 were committed; the 20 records read after them were not.
    assert.equal(await recordCount(db), before + 4 + 100);
    assert.ok(await findRecordRowBySourceId(db, 'pubmed', '1099'));
    assert.equal(await findRecordRowBySourceId(db, 'pubmed', '1100'), undefined);
    assert.equal(await findRecordRowBySourceId(db, 'pubmed', '29768149'), undefined);
  });

  it('stops at a truncated gzip with the committed batches kept', async () => {
    const db = getDb();
    const before = await recordCount(db);
    const whole = gzipSync(syntheticXml(400, 5000));
    const cut = join(dir, 'cut.xml.gz');
    await writeFile(cut, whole.subarray(0, whole.length - 200));
    const summary = await importRecords(db, { files: [cut], batchSize: 100 });
    assert.match(summary.failure?.message ?? '', /cut\.xml\.gz: the gzip data is damaged or truncated/);
    const committed = summary.files[0]?.added ?? -1;
    assert.ok(committed % 100 === 0 && committed >= 100 && committed < 400, `committed ${committed}`);
    assert.equal(await recordCount(db), before + committed);
  });

  it('fails clearly for a missing file and for a file whose format it cannot tell', async () => {
    const db = getDb();
    const missing = await importRecords(db, { files: [join(dir, 'nope.xml')] });
    assert.match(missing.failure?.message ?? '', /nope\.xml: no such file/);
    const run = await findImportRunById(db, missing.files[0]?.runId ?? 0);
    assert.deepEqual([run?.status, run?.format], ['failed', 'unknown']);
    const csv = join(dir, 'records.csv');
    await writeFile(csv, 'pmid,title\n1,A\n');
    assert.match((await importRecords(db, { files: [csv] })).failure?.message ?? '', /records\.csv: cannot tell the format .* give it with --format/);
  });

  it('reports progress with records read, errors and a rate', async () => {
    const db = getDb();
    const file = join(dir, 'progress.xml');
    await writeFile(file, syntheticXml(50, 20_000));
    const seen: number[] = [];
    await importRecords(db, { files: [file], onProgress: (p) => seen.push(p.records) });
    assert.ok(seen.length >= 1 && seen.every((n) => n >= 1 && n <= 50));
  });
});
