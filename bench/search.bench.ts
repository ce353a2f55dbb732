// Search speed on the synthetic corpus with every line of the 50 CLEF TAR 2017 strategies as the
// query mix: hit counts and first ranked pages (with snippets) per backend, beside a hand-written raw
// FTS5 MATCH / tsquery for the simple lines (the engine's floor) and MiniSearch in memory at ≤ 100,000.
//   npm run bench:search -- [--sizes 100000,1000000] [--dialects sqlite,postgres] [--strategies N] [--no-peer]
// PostgreSQL comes from KHUB_BENCH_DATABASE_URL (a database this script may create schemas in).
// Databases are prepared once and cached (bench/search/prepare.ts); reruns only query.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { type Kysely, type Transaction, sql } from 'kysely';
import { createProgress } from '../src/cli/progress.js';
import type { Database } from '../src/platform/db/database.js';
import { termNearShare } from './search/common-term.js';
import { measureFloor, measureMix, measurePeer, measureTerm } from './search/measure.js';
import { buildPeer } from './search/minisearch-peer.js';
import { type BenchDialect, preparedDatabase } from './search/prepare.js';
import { strategies } from './search/query-mix.js';
import { type BackendResult, type PeerResult, floorTable, mixTable, peerTable, refusedList, slowest, targets, termTable } from './search/report.js';
import { spread } from './search/stats.js';

const PEER_MAX_SIZE = 100_000;

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '100000' },
    dialects: { type: 'string', default: 'sqlite' },
    strategies: { type: 'string' },
    'no-peer': { type: 'boolean', default: false },
  },
});

const out = (line = '') => process.stdout.write(`${line}\n`);
const progress = createProgress(process.stderr);
const mix = strategies().slice(0, values.strategies ? Number(values.strategies) : undefined);

/** Rolls back the GIN experiment: the prepared schema keeps its RUM index. */
class Rollback extends Error {}

async function measureBackend(db: Kysely<Database> | Transaction<Database>, dialect: BenchDialect, size: number, backend: string, prepareSeconds: number, term: string): Promise<BackendResult> {
  const phase = `${backend} ${size}`;
  const lines = await measureMix(db, mix, progress, `${phase}: strategy lines`);
  const floor = await measureFloor(db, dialect, lines, progress, `${phase}: raw floor`);
  return { size, backend, prepareSeconds, lines, floor, term: await measureTerm(db, dialect, term) };
}

async function rankIndexMethod(db: Kysely<Database> | Transaction<Database>): Promise<string> {
  const { rows } = await sql<{ def: string }>`select indexdef as def from pg_indexes where schemaname = current_schema() and indexname = 'search_rank_document_idx'`.execute(db);
  return /using rum/i.test(rows[0]?.def ?? '') ? 'RUM' : 'GIN';
}

async function measurePostgres(db: Kysely<Database>, size: number, prepareSeconds: number, term: string): Promise<BackendResult[]> {
  const results = [await measureBackend(db, 'postgres', size, `postgres (${await rankIndexMethod(db)})`, prepareSeconds, term)];
  // As the tests do: the ranking index replaced by GIN, inside a transaction that is rolled back.
  try {
    await db.transaction().execute(async (trx) => {
      if ((await rankIndexMethod(trx)) === 'RUM') {
        await sql`drop index search_rank_document_idx`.execute(trx);
        await sql`create index search_rank_document_idx on search_rank using gin (document)`.execute(trx);
        await sql`analyze search_rank`.execute(trx);
        results.push(await measureBackend(trx, 'postgres', size, 'postgres (GIN)', prepareSeconds, term));
      }
      throw new Rollback();
    });
  } catch (error) {
    if (!(error instanceof Rollback)) throw error;
  }
  return results;
}

async function measurePeerAt(db: Kysely<Database>, size: number, sqliteResult: BackendResult): Promise<PeerResult> {
  const peer = await buildPeer(db, (done) => progress.update(`MiniSearch ${size}: indexing`, done, size, 'rows'));
  progress.stop();
  const runs = measurePeer(peer, sqliteResult.lines);
  const termLine = { leaves: [{ fields: ['title', 'abstract'] as ('title' | 'abstract')[], tokens: [sqliteResult.term.term], truncated: false }] };
  const samples: number[] = [];
  let hits = 0;
  for (let i = 0; i <= 10; i++) {
    const started = performance.now();
    hits = peer.search(termLine)?.hits ?? 0;
    if (i > 0) samples.push(performance.now() - started);
  }
  return { size, indexSeconds: peer.indexSeconds, heapMb: peer.heapMb, runs, term: { ms: spread(samples), hits } };
}

async function main(): Promise<void> {
  const sizes = values.sizes.split(',').map((s) => Number(s.trim()));
  const dialects = values.dialects.split(',').map((d) => d.trim()) as BenchDialect[];
  const pgUrl = process.env.KHUB_BENCH_DATABASE_URL?.trim();
  if (dialects.includes('postgres') && !pgUrl) throw new Error('set KHUB_BENCH_DATABASE_URL for --dialects postgres');
  const startedAt = new Date().toISOString();
  const load = { start: loadavg().map((l) => l.toFixed(2)) };
  out(`node ${process.version}, ${cpus().length} cores, load average at start ${load.start.join(' ')}; ${mix.length} strategies`);
  const results: BackendResult[] = [];
  const peers: PeerResult[] = [];
  for (const size of sizes) {
    let term: string | undefined;
    for (const dialect of dialects) {
      const prepared = await preparedDatabase(dialect, size, pgUrl);
      try {
        term ??= (await termNearShare(prepared.db)).term;
        if (dialect === 'sqlite') {
          const result = await measureBackend(prepared.db, dialect, size, 'sqlite', prepared.preparedSeconds, term);
          results.push(result);
          if (size <= PEER_MAX_SIZE && !values['no-peer']) peers.push(await measurePeerAt(prepared.db, size, result));
        } else {
          results.push(...(await measurePostgres(prepared.db, size, prepared.preparedSeconds, term)));
        }
      } finally {
        await prepared.db.destroy();
      }
    }
  }
  const loadEnd = loadavg().map((l) => l.toFixed(2));
  out(`load average at end ${loadEnd.join(' ')}`);
  out('\n### Strategy lines: hit count and first ranked page\n');
  out(mixTable(results));
  out('\n### Simple lines: engine count against the hand-written raw query\n');
  out(floorTable(results));
  out('\n### A term in about 20% of records\n');
  out(termTable(results));
  if (peers.length > 0) {
    out('\n### MiniSearch (in memory, title + abstract, not Boolean-exact) on the simple lines\n');
    out(peerTable(peers));
  }
  for (const result of results) {
    out(`\n### ${result.backend}, ${result.size} records\n`);
    out(targets(result));
    out('\nSlowest lines:\n');
    out(slowest(result));
    out('\nRefused lines:\n');
    out(refusedList(result) || '(none)');
  }
  const dir = resolve(fileURLToPath(import.meta.url), '..', 'results');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `search-${startedAt.replace(/[:.]/g, '-')}.json`);
  // Compact: a line is named by strategy and ordinal (its text is in the shared dataset); times in ms to 0.01.
  const round = (_key: string, value: unknown) => (typeof value === 'number' && !Number.isInteger(value) ? Math.round(value * 100) / 100 : value);
  const compact = results.map(({ lines, ...rest }) => ({ ...rest, lines: lines.map(({ root: _root, text: _text, simple, ...line }) => ({ ...line, simple: simple !== null })) }));
  const summary = { node: process.version, cores: cpus().length, startedAt, loadAverage: { start: load.start, end: loadEnd }, strategies: mix.length };
  writeFileSync(path, `${JSON.stringify({ ...summary, results: compact, peers }, round)}\n`);
  out(`\nwrote ${path}`);
}

await main();
