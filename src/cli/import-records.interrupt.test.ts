import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, it, type TestContext } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';

const RECORDS = 20_000;
const BATCH = 50;

/** Runs the real command line, as an operator would, and collects its output. */
function khub(args: string[]): { child: ChildProcess; done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }> } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((resolve) => {
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return { child, done };
}

function query<T>(database: string, sql: string): T | undefined {
  if (!existsSync(database)) return undefined;
  const db = new BetterSqlite3(database, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).get() as T;
  } catch {
    // The importer has not created the table yet: the caller polls again.
    return undefined;
  } finally {
    db.close();
  }
}

const recordCount = (database: string) => query<{ n: number }>(database, 'select count(*) as n from record')?.n ?? 0;

async function tempDir(t: TestContext): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'khub-interrupt-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

async function writeSyntheticFile(path: string): Promise<void> {
  const records = Array.from({ length: RECORDS }, (_, i) => {
    const pmid = i + 1;
    return `<PubmedArticle><MedlineCitation><PMID>${pmid}</PMID><Article><ArticleTitle>Synthetic record ${pmid}.</ArticleTitle><Abstract><AbstractText>Padding so the file takes a while to import: ${'x'.repeat(400)}</AbstractText></Abstract></Article></MedlineCitation></PubmedArticle>`;
  });
  await writeFile(path, `<?xml version="1.0"?>\n<PubmedArticleSet>\n${records.join('\n')}\n</PubmedArticleSet>\n`);
}

describe('khub import records, interrupted', () => {
  it('survives kill -9 with whole batches committed, and a re-run finishes without loss or duplicates', { timeout: 180_000 }, async (t) => {
    const dir = await tempDir(t);
    const file = join(dir, 'synthetic.xml');
    const database = join(dir, 'khub.sqlite');
    await writeSyntheticFile(file);

    const first = khub(['import', 'records', file, '--database', database, '--batch-size', String(BATCH)]);
    t.after(() => first.child.kill('SIGKILL'));
    // Wait until some batches are committed, then kill the importer mid-file without warning.
    while (recordCount(database) < 4 * BATCH && first.child.exitCode === null) await sleep(10);
    first.child.kill('SIGKILL');
    const killed = await first.done;
    assert.equal(killed.signal, 'SIGKILL', `the import finished before it could be interrupted: ${killed.stdout}`);

    // Every batch is one transaction with its run counts: whole batches only, and the run row agrees.
    const committed = recordCount(database);
    assert.ok(committed > 0 && committed < RECORDS, `${committed} records committed before the kill`);
    assert.equal(committed % BATCH, 0);
    const run = query<{ status: string; added: number }>(database, 'select status, added from import_run order by id desc limit 1');
    assert.deepEqual(run, { status: 'running', added: committed });

    const second = await khub(['import', 'records', file, '--database', database, '--batch-size', String(BATCH)]).done;
    assert.equal(second.code, 0, second.stderr);
    assert.match(second.stdout, new RegExp(`added: +${RECORDS - committed}\\n {2}updated: +0\\n {2}unchanged: +${committed}\\n`));
    const totals = query<{ n: number; ids: number; low: number; high: number }>(database, 'select count(*) as n, count(distinct source_id) as ids, min(cast(source_id as integer)) as low, max(cast(source_id as integer)) as high from record');
    assert.deepEqual(totals, { n: RECORDS, ids: RECORDS, low: 1, high: RECORDS });
  });

  it('exits 0 for records stats --json, and non-zero for a bad option or a missing file', { timeout: 120_000 }, async (t) => {
    const database = join(await tempDir(t), 'khub.sqlite');
    const stats = await khub(['records', 'stats', '--json', '--database', database]).done;
    assert.equal(stats.code, 0, stats.stderr);
    assert.deepEqual(JSON.parse(stats.stdout), { records: 0, bySource: {}, lastImport: null });
    const badFormat = await khub(['import', 'records', 'x.xml', '--format', 'endnote', '--database', database]).done;
    assert.notEqual(badFormat.code, 0);
    assert.match(badFormat.stderr, /--format <format>' argument 'endnote' is invalid/);
    const missing = await khub(['import', 'records', join(database, '..', 'missing.xml'), '--database', database]).done;
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /missing\.xml: no such file/);
  });
});
