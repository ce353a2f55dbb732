// Relevance of khub's ranking on a BEIR-layout test collection, with trec_eval's definitions.
//   npm run eval -- ../shared/data/beir-scifact [--database URL] [--split test] [--runs FILE]
// Loads the corpus through the real importer (JSONL) into a fresh database (a temporary SQLite file
// unless --database names a PostgreSQL one), builds the ranking index, runs every judged query as a
// free-text search and prints per-run figures; the last line is exactly
//   nDCG@10=0.xxxx recall@100=0.xxxx
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { readCorpus, readQrels, readQueries } from './beir.js';
import { importRecords, streamRecords } from '../../src/modules/records/index.js';
import { rankDocumentFor, rankRecords, writeRankDocuments } from '../../src/modules/search/ranking/rank-index.js';
import { evaluateRun } from '../../src/modules/search/ranking/relevance-metrics.js';
import { createDb } from '../../src/platform/db/create-db.js';
import { migrateToLatest } from '../../src/platform/db/migrate.js';

const SCHEMA = 'khub_eval';
const SOURCE = 'beir';
const DEPTH = 100;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { database: { type: 'string' }, split: { type: 'string', default: 'test' }, runs: { type: 'string' } },
});
const folder = positionals[0];
if (!folder) throw new Error('usage: npm run eval -- FOLDER (a BEIR-layout folder: corpus.jsonl[.gz], queries.jsonl[.gz], qrels/test.tsv)');

async function openDatabase(): Promise<{ db: ReturnType<typeof createDb>; close: () => Promise<void> }> {
  if (values.database?.startsWith('postgres')) {
    const admin = createDb(values.database, { poolSize: 1 });
    await sql`drop schema if exists ${sql.id(SCHEMA)} cascade`.execute(admin);
    await sql`create schema ${sql.id(SCHEMA)}`.execute(admin);
    await admin.destroy();
    const db = createDb(values.database, { searchPath: SCHEMA });
    await migrateToLatest(db, { schema: SCHEMA });
    return { db, close: () => db.destroy() };
  }
  const dir = mkdtempSync(join(tmpdir(), 'khub-eval-'));
  const db = createDb(join(dir, 'eval.sqlite'));
  await migrateToLatest(db);
  return {
    db,
    close: async () => {
      await db.destroy();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function main(): Promise<void> {
  const root = resolve(folder as string);
  const [documents, queries, qrels] = await Promise.all([readCorpus(root), readQueries(root), readQrels(root, values.split)]);
  const log = (line: string) => process.stderr.write(`${line}\n`);
  log(`${root}: ${documents.length} documents, ${queries.length} queries, ${qrels.size} judged (${values.split})`);
  const { db, close } = await openDatabase();
  try {
    const started = Date.now();
    const corpusFile = join(tmpdir(), `khub-eval-corpus-${process.pid}.jsonl`);
    writeFileSync(corpusFile, documents.map((d) => JSON.stringify({ _id: d.id, title: d.title, text: d.text })).join('\n'));
    const imported = await importRecords(db, { files: [corpusFile], format: 'jsonl', source: SOURCE });
    rmSync(corpusFile, { force: true });
    if (imported.failure) throw new Error(imported.failure.message);
    const sourceIdOf = new Map<number, string>();
    let batch = [];
    for await (const record of streamRecords(db, { source: SOURCE })) {
      sourceIdOf.set(record.id, record.sourceId);
      batch.push(rankDocumentFor(record));
      if (batch.length === 500) {
        const part = batch;
        await db.transaction().execute((trx) => writeRankDocuments(trx, part));
        batch = [];
      }
    }
    const rest = batch;
    await db.transaction().execute((trx) => writeRankDocuments(trx, rest));
    log(`loaded and indexed in ${((Date.now() - started) / 1000).toFixed(1)} s`);

    const run = new Map<string, Map<string, number>>();
    const timings: number[] = [];
    for (const query of queries) {
      if (!qrels.has(query.id)) continue;
      const t0 = performance.now();
      const hits = await rankRecords(db, query.text, { limit: DEPTH });
      timings.push(performance.now() - t0);
      run.set(query.id, new Map(hits.map((hit) => [sourceIdOf.get(hit.recordId) ?? String(hit.recordId), hit.score])));
    }
    if (values.runs) {
      const lines = [...run].flatMap(([qid, scores]) => [...scores].map(([doc, score], rank) => `${qid} Q0 ${doc} ${rank + 1} ${score} khub`));
      writeFileSync(values.runs, `${lines.join('\n')}\n`);
    }
    const summary = evaluateRun(qrels, run);
    timings.sort((a, b) => a - b);
    const p = (q: number) => timings[Math.min(timings.length - 1, Math.floor(q * timings.length))]?.toFixed(1);
    log(`engine: ${values.database?.startsWith('postgres') ? 'postgresql' : 'sqlite'}; queries: ${summary.queries}; query time p50 ${p(0.5)} ms, p95 ${p(0.95)} ms`);
    process.stdout.write(`nDCG@10=${summary.ndcgAt10.toFixed(4)} recall@100=${summary.recallAt100.toFixed(4)}\n`);
  } finally {
    await close();
  }
}

await main();
