import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type StoredRecord, importRecords, streamRecords } from '../modules/records/index.js';
import { evaluateReference, parseStrategy, referenceCorpus } from '../modules/search/index.js';
import { createDb } from '../platform/db/create-db.js';
import { migrateToLatest } from '../platform/db/migrate.js';
import { runSearch } from './search.command.js';
import { clefStrategies } from '../../test/helpers/query/real-strategies.js';
import { MEDLINE_SAMPLES } from '../../test/helpers/search-engine.js';
import { sharedDataPath } from '../../test/helpers/shared-data.js';

function capture() {
  const out = { stdout: '', stderr: '' };
  return {
    out,
    output: {
      stdout: { write: (text: string) => (out.stdout += text) },
      stderr: { write: (text: string) => (out.stderr += text) },
      progress: { update: () => undefined, stop: () => undefined },
    },
  };
}

describe('khub search', () => {
  let dir = '';
  let database = '';
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'khub-cli-search-'));
    database = join(dir, 'khub.sqlite');
    const corpus = join(dir, 'corpus.jsonl');
    const docs = [
      { _id: 'a', title: 'Asthma in children', text: 'Inhaled steroids.' },
      { _id: 'b', title: 'Asthma in adults', text: 'Biologics.' },
      { _id: 'c', title: 'Childhood obesity', text: 'School programmes for children.' },
    ];
    await writeFile(corpus, docs.map((d) => JSON.stringify(d)).join('\n'));
    const db = createDb(database);
    await migrateToLatest(db);
    await importRecords(db, { files: [corpus], format: 'jsonl', source: 'cli-test' });
    await db.destroy();
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('indexes new records, then prints the hit count, the search as read and the records', async () => {
    const { out, output } = capture();
    assert.equal(await runSearch('asthma AND child*', { database, limit: 10 }, output), 0);
    assert.match(out.stderr, /search index: 3 records indexed/);
    assert.match(out.stdout, /^1 record for \(asthma AND child\*\)\n/);
    assert.match(out.stdout, /cli-test:a .*\*\*Asthma\*\* in \*\*children\*\*\n {6}Inhaled steroids\.\n/);
    const again = capture();
    assert.equal(await runSearch('asthma OR programme*', { database, limit: 10, json: true }, again.output), 0);
    assert.equal(again.out.stderr, '', 'an index already up to date is not rebuilt');
    type Segments = { text: string; match: boolean }[];
    const answer = JSON.parse(again.out.stdout) as { hits: number; records: { sourceId: string; snippet: { title: Segments; abstract: { segments: Segments } | null } }[] };
    assert.deepEqual([answer.hits, answer.records.map((r) => r.sourceId).sort()], [3, ['a', 'b', 'c']]);
    const obesity = answer.records.find((r) => r.sourceId === 'c');
    assert.deepEqual(obesity?.snippet.abstract?.segments, [
      { text: 'School ', match: false },
      { text: 'programmes', match: true },
      { text: ' for children.', match: false },
    ]);
  });

  it('runs a strategy file as a numbered history with counts, and exits 2 when a line has an error', async () => {
    const file = join(dir, 'strategy.txt');
    await writeFile(file, 'asthma.ti.\nchild$.ti,ab.\n1 and 2\nasthma[tiab] AND\n');
    const { out, output } = capture();
    assert.equal(await runSearch(undefined, { database, limit: 10, history: file }, output), 2);
    const rows = out.stdout.trim().split('\n');
    assert.match(rows[0] ?? '', /^line\s+label\s+hits\s+time\s+search/);
    assert.match(rows[1] ?? '', /^#1\s+2\s/);
    assert.match(rows[2] ?? '', /^#2\s+2\s/);
    assert.match(rows[3] ?? '', /^#3\s+1\s.*\(#1 AND #2\)/);
    assert.match(rows[4] ?? '', /^#4\s+–\s+error: /);
  });

  it('shows a syntax error with a caret and exits 1', async () => {
    const { out, output } = capture();
    assert.equal(await runSearch('asthma AND (child', { database, limit: 10 }, output), 1);
    assert.match(out.stderr, /asthma AND \(child\n\s+\^\n/);
  });
});

describe('khub search --history with a real strategy', () => {
  let dir = '';
  let database = '';
  const records: StoredRecord[] = [];
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'khub-cli-strategy-'));
    database = join(dir, 'khub.sqlite');
    const db = createDb(database);
    await migrateToLatest(db);
    await importRecords(db, { files: MEDLINE_SAMPLES.map((name) => sharedDataPath('medline-samples', name)) });
    for await (const record of streamRecords(db)) records.push(record);
    await db.destroy();
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('runs CLEF CD007427 (95 Ovid lines: wildcards, authors, or/1-5, limits) over the MEDLINE samples with the reference counts', async () => {
    const strategy = clefStrategies().find((s) => s.id === 'CD007427')?.query ?? '';
    const file = join(dir, 'CD007427.txt');
    await writeFile(file, strategy);
    const { out, output } = capture();
    assert.equal(await runSearch(undefined, { database, limit: 10, history: file, json: true }, output), 0, out.stdout);
    const lines = out.stdout.trim().split('\n').map((line) => JSON.parse(line) as { line: number; hits: number | null; error: unknown });

    // Its lines are unlabelled, so line n of the history is the strategy's n-th search and Ovid's `or/1-5` means lines 1 to 5.
    const searches = parseStrategy(strategy).flatMap((line) => (line.kind === 'query' ? [line.query.root] : []));
    const corpus = referenceCorpus(records);
    const thesaurus = { find: () => undefined, descendants: () => [] };
    const resolveLine = (label: string) => searches[Number(label) - 1];
    const lineAnswers = new Map<string, Set<number>>();
    const expected = searches.map((root) => evaluateReference(root, corpus, { thesaurus, resolveLine, lineAnswers }).size);
    assert.deepEqual(lines.map((line) => line.hits), expected);
    assert.equal(lines.length, 95);
    // Guards against agreeing on nothing: measured 19 lines with hits, among them the combinations or/1-5 (line 6) and and/6,49 (line 50).
    assert.ok(expected.filter((hits) => hits > 0).length >= 15, `only ${expected.filter((hits) => hits > 0).length} lines found anything`);
    assert.ok((expected[5] ?? 0) > 0 && (expected[49] ?? 0) > 0, 'the combination lines find records');
  });
});
