import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { importRecords } from '../modules/records/index.js';
import { createDb } from '../platform/db/create-db.js';
import { migrateToLatest } from '../platform/db/migrate.js';
import { runSearch } from './search.command.js';

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
    assert.match(out.stdout, /cli-test:a .*Asthma in children/);
    const again = capture();
    assert.equal(await runSearch('asthma', { database, limit: 10, json: true }, again.output), 0);
    assert.equal(again.out.stderr, '', 'an index already up to date is not rebuilt');
    const answer = JSON.parse(again.out.stdout) as { hits: number; records: { sourceId: string }[] };
    assert.deepEqual([answer.hits, answer.records.map((r) => r.sourceId).sort()], [2, ['a', 'b']]);
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
