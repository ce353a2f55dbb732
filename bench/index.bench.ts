// Search index build rate, peak memory and index size, against the import rate of the same records
// measured in the same run. Usage:
//   npm run bench:index -- [--sizes 100000] [--dialects sqlite,postgres] [--json]
// PostgreSQL comes from KHUB_BENCH_DATABASE_URL (a database this script may create a schema in).
// Each step runs in its own child process, so its peak RSS is that step's own.
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { type Kysely, sql } from 'kysely';
import { STEP_BENCH_OPTIONS, type StepResult, benchPlan, corpusFile, finishStep, machineLine, runChildStep, withScratchDatabase, writeResults } from './support/child-steps.js';
import { createProgress } from '../src/cli/progress.js';
import { importRecords } from '../src/modules/records/index.js';
import { countIndexed, rebuildSearchIndex } from '../src/modules/search/index.js';
import { createDb } from '../src/platform/db/create-db.js';
import type { Database } from '../src/platform/db/database.js';
import { migrateToLatest } from '../src/platform/db/migrate.js';

const SCHEMA = 'khub_bench_index';
/** What the index consists of: the Boolean index, its vocabulary and the ranking index. */
const INDEX_TABLES = ['search_document', 'search_heading', 'search_value', 'search_term', 'search_rank'];

interface IndexStepResult extends StepResult {
  indexBytes?: number;
}

const self = fileURLToPath(import.meta.url);
const { values } = parseArgs({ options: STEP_BENCH_OPTIONS });

const postgresUrl = (url: string) => url.startsWith('postgres');
const open = (url: string) => createDb(url, postgresUrl(url) ? { searchPath: SCHEMA } : {});

/** Bytes the index takes: its tables, their indexes and (PostgreSQL) TOAST. */
async function indexBytes(url: string, db: Kysely<Database>): Promise<number> {
  if (postgresUrl(url)) {
    const tables = INDEX_TABLES.map((t) => `${SCHEMA}.${t}`);
    const { rows } = await sql<{ bytes: string }>`select sum(pg_total_relation_size(t::regclass))::text as bytes from unnest(${tables}::text[]) t`.execute(db);
    return Number(rows[0]?.bytes ?? 0);
  }
  // FTS5 keeps its data in shadow tables (search_fts_data …); dbstat counts every page of each.
  const { rows } = await sql<{ bytes: number }>`select sum(pgsize) as bytes from dbstat where name like 'search\_%' escape '\\' and name <> 'search_history_line'`.execute(db);
  return Number(rows[0]?.bytes ?? 0);
}

/** Child: the import, into a freshly migrated database (migrating is not timed); this is the baseline. */
async function childImport(file: string, url: string): Promise<IndexStepResult> {
  const db = open(url);
  try {
    await migrateToLatest(db, postgresUrl(url) ? { schema: SCHEMA } : {});
    const startedAt = process.hrtime.bigint();
    const cpuAt = process.cpuUsage();
    const summary = await importRecords(db, { files: [file] });
    if (summary.failure) throw new Error(summary.failure.message);
    return finishStep(summary.added + summary.updated + summary.unchanged, startedAt, cpuAt);
  } finally {
    await db.destroy();
  }
}

/** Child: `rebuildSearchIndex` over the records the import child stored. */
async function childIndex(url: string): Promise<IndexStepResult> {
  const db = open(url);
  const progress = createProgress(process.stderr);
  try {
    const total = Number((await sql<{ n: number | string }>`select count(*) as n from record`.execute(db)).rows[0]?.n ?? 0);
    const startedAt = process.hrtime.bigint();
    const cpuAt = process.cpuUsage();
    const summary = await rebuildSearchIndex(db, {
      onProgress: (p) => progress.update('indexing', p.checked, total, 'rows'),
      onIndexProgress: (created, all) => progress.update('building indexes', created, all, 'rows'),
    });
    const result = finishStep(summary.indexed, startedAt, cpuAt);
    progress.stop();
    if ((await countIndexed(db)) !== total) throw new Error(`expected ${total} indexed records`);
    if (!postgresUrl(url)) await sql`pragma wal_checkpoint(truncate)`.execute(db);
    return { ...result, indexBytes: await indexBytes(url, db) };
  } finally {
    progress.stop();
    await db.destroy();
  }
}

async function main(): Promise<void> {
  const { sizes, dialects, postgresUrl: pgUrl } = benchPlan(values);
  const rows: Record<string, unknown>[] = [];
  const out = (line: string) => process.stdout.write(`${line}\n`);
  out(machineLine());
  out('');
  out('| records | dialect | index s | index records/s | CPU s | peak RSS MB | index bytes/record | import records/s | index/import |');
  out('| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const size of sizes) {
    const file = await corpusFile(size);
    for (const dialect of dialects) {
      await withScratchDatabase(dialect, pgUrl, SCHEMA, (url) => {
        const imported = runChildStep<IndexStepResult>(self, 'import', file, url);
        const indexed = runChildStep<IndexStepResult>(self, 'index', file, url);
        const importRate = imported.records / imported.seconds;
        const rate = indexed.records / indexed.seconds;
        const perRecord = (indexed.indexBytes ?? 0) / Math.max(indexed.records, 1);
        out(
          `| ${size} | ${dialect} | ${indexed.seconds.toFixed(1)} | ${Math.round(rate)} | ${indexed.cpuSeconds.toFixed(1)} | ${Math.round(indexed.maxRssMb)} | ${Math.round(perRecord)} | ${Math.round(importRate)} | ${(rate / importRate).toFixed(2)} |`,
        );
        rows.push({ size, dialect, index: { ...indexed, recordsPerSecond: rate, bytesPerRecord: perRecord }, import: { ...imported, recordsPerSecond: importRate }, ratio: rate / importRate });
      });
    }
  }
  out(`\nload average ${loadavg()[0]?.toFixed(1)} at the end`);
  if (values.json) out(`\nwrote ${writeResults('index', rows)}`);
}

if (values.child === 'import') process.stdout.write(`${JSON.stringify(await childImport(values.file ?? '', values.database ?? ''))}\n`);
else if (values.child === 'index') process.stdout.write(`${JSON.stringify(await childIndex(values.database ?? ''))}\n`);
else await main();
