import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { Kysely } from 'kysely';
import { eachDialect } from '../../../../test/helpers/databases.js';
import { type BibRecord, emptyRecord, importRecords } from '../../records/index.js';
import type { Database } from '../../../platform/db/database.js';
import { syncSearchIndex } from '../index/sync.js';
import { databaseHistoryEngine } from './history-engine.js';
import { HistoryLineNotFoundError, LineInUseError, addLine, deleteLine, editLine, listHistory, runStrategy } from './history.service.js';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function record(id: number, title: string, abstract: string): BibRecord {
  return { ...emptyRecord('test', String(id)), title, abstract };
}

const CORPUS = [
  record(1, 'Asthma in children', 'Inhaled steroids for wheeze.'),
  record(2, 'Asthma in adults', 'Biologic therapy.'),
  record(3, 'Hip fracture in older people', 'Falls and frailty.'),
  record(4, 'Childhood obesity', 'School programmes for children.'),
];

async function loadCorpus(db: Kysely<Database>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'khub-history-'));
  const file = join(dir, 'corpus.jsonl');
  writeFileSync(file, CORPUS.map((r) => JSON.stringify({ _id: r.sourceId, title: r.title, text: r.abstract })).join('\n'));
  const summary = await importRecords(db, { files: [file], format: 'jsonl', source: 'test' });
  assert.equal(summary.added, CORPUS.length);
  await syncSearchIndex(db);
}

eachDialect('search history', (getDb) => {
  const owner = 'user:1';

  it('numbers lines, combines them by reference and keeps numbers when a line is deleted', async () => {
    const db = getDb();
    await loadCorpus(db);
    const engine = databaseHistoryEngine(db);
    const one = await addLine(db, owner, 'asthma', engine);
    const two = await addLine(db, owner, 'child*', engine);
    const three = await addLine(db, owner, '#1 AND #2', engine);
    assert.deepEqual([one.number, two.number, three.number], [1, 2, 3]);
    assert.deepEqual([one.hits, two.hits, three.hits], [2, 2, 1]);
    assert.deepEqual(three.references, [1, 2]);
    const ovid = await addLine(db, owner, '1 or 2', engine);
    assert.equal(ovid.hits, 3, 'Ovid bare numbers refer to lines');
    await assert.rejects(deleteLine(db, owner, 1), (error: unknown) => error instanceof LineInUseError && error.usedBy.join() === '3,4');
    await deleteLine(db, owner, 4);
    const five = await addLine(db, owner, 'hip', engine);
    assert.equal(five.number, 5, 'a deleted number is never reused');
    assert.deepEqual((await listHistory(db, owner)).map((line) => line.number), [1, 2, 3, 5]);
    await assert.rejects(deleteLine(db, owner, 4), HistoryLineNotFoundError);
  });

  it('re-runs the lines that depend on an edited line, and refuses a reference that would make a cycle', async () => {
    const db = getDb();
    const engine = databaseHistoryEngine(db);
    const rerun = await editLine(db, owner, 1, 'asthma OR obesity', engine);
    assert.deepEqual(rerun.map((line) => [line.number, line.hits]), [[1, 3], [3, 2]]);
    const cyclic = await editLine(db, owner, 1, '#3', engine);
    assert.match(cyclic[0]?.error?.message ?? '', /depends on line 1/);
  });

  it('keeps a line that does not parse or refers to nothing, with its error', async () => {
    const db = getDb();
    const engine = databaseHistoryEngine(db);
    const broken = await addLine(db, 'user:2', 'asthma AND (child', engine);
    assert.equal(broken.hits, null);
    assert.match(broken.error?.message ?? '', /bracket/i);
    assert.equal(broken.error?.column, 12);
    const dangling = await addLine(db, 'user:2', '#9 OR asthma', engine);
    assert.match(dangling.error?.message ?? '', /no line 9/);
    assert.equal((await listHistory(db, 'user:2')).length, 2);
  });

  it('runs a pasted strategy whose lines refer to each other by their own labels or positions', async () => {
    const db = getDb();
    const engine = databaseHistoryEngine(db);
    await addLine(db, 'user:3', 'hip', engine);
    const lines = await runStrategy(db, 'user:3', 'Population\n1a\nasthma.ti.\n1b\nchild$.ti,ab.\nA. 1a and 1b\n', engine);
    assert.deepEqual(lines.map((line) => [line.number, line.label, line.hits]), [[2, '1a', 2], [3, '1b', 2], [4, 'A', 1]]);
    const ovid = await runStrategy(db, 'user:4', 'asthma.ti.\nobesity.ti.\nor/1-2\n', engine);
    assert.deepEqual(ovid.map((line) => line.hits), [2, 1, 3]);
  });

  it('gives every refused line a stable code, with the engine\'s problems and theirs', async () => {
    const db = getDb();
    const engine = databaseHistoryEngine(db);
    const add = async (text: string) => (await addLine(db, 'user:5', text, engine)).error;
    assert.equal((await add('asthma AND (child'))?.code, 'query_syntax_error');
    const heading = await add('Asthma[mh]');
    assert.deepEqual([heading?.code, heading?.problems?.map((p) => p.code)], ['query_resolution_failed', ['unknown_heading']]);
    assert.equal((await add('#9 OR asthma'))?.code, 'unknown_line');
    assert.equal((await add('#2 OR asthma'))?.code, 'line_has_error');
    assert.equal(await add('asthma'), null);
    const filter = await add('limit 5 to "reviews (maximizes specificity)"');
    assert.deepEqual(filter?.problems?.map((p) => p.code), ['unsupported_query']);
    assert.equal(await add('#5 AND child*'), null);
    const [cycle] = await editLine(db, 'user:5', 5, '#7', engine);
    assert.equal(cycle?.error?.code, 'line_cycle');
  });
});
