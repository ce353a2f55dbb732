// End-to-end record import throughput, peak memory and database size, against a parse-only baseline
// measured in the same run. Usage:
//   npm run bench:import -- [--sizes 100000,1000000] [--dialects sqlite,postgres] [--json]
// PostgreSQL comes from KHUB_BENCH_DATABASE_URL (a database this script may create a schema in).
// Every measurement runs in a child process, so its peak RSS is that import's own.
import { existsSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { STEP_BENCH_OPTIONS, type StepResult, benchPlan, corpusFile, finishStep, machineLine, runChildStep, withScratchDatabase, writeResults } from './support/child-steps.js';
import { parsePubmedXml } from '../src/modules/records/importers/pubmed-xml.parser.js';
import { importRecords } from '../src/modules/records/index.js';
import { openRecordFile } from '../src/modules/records/record-file.reader.js';
import { createDb } from '../src/platform/db/create-db.js';
import { migrateToLatest } from '../src/platform/db/migrate.js';

const SCHEMA = 'khub_bench_import';
const RECORD_TABLES = ['record', 'record_match_key'];

interface ChildResult extends StepResult {
  dbBytes?: number;
}

const self = fileURLToPath(import.meta.url);
const { values } = parseArgs({ options: STEP_BENCH_OPTIONS });

/** Child: the baseline, the same file through the parser with no database. */
async function childParse(file: string): Promise<ChildResult> {
  const startedAt = process.hrtime.bigint();
  const cpuAt = process.cpuUsage();
  const opened = await openRecordFile(file);
  let records = 0;
  for await (const item of parsePubmedXml(opened.stream, { file })) if (item.kind === 'record') records += 1;
  opened.close();
  return finishStep(records, startedAt, cpuAt);
}

async function databaseBytes(url: string, db: ReturnType<typeof createDb>): Promise<number> {
  if (url.startsWith('postgres')) {
    const tables = RECORD_TABLES.map((t) => `${SCHEMA}.${t}`);
    const { rows } = await sql<{ bytes: string }>`select sum(pg_total_relation_size(t::regclass))::text as bytes from unnest(${tables}::text[]) t`.execute(db);
    return Number(rows[0]?.bytes ?? 0);
  }
  // Every table counts on SQLite: it is one file. The WAL is folded in first so the size is the real one.
  await sql`pragma wal_checkpoint(truncate)`.execute(db);
  const size = (path: string) => (existsSync(path) ? statSync(path).size : 0);
  return size(url) + size(`${url}-wal`);
}

/** Child: the real import into a freshly migrated database; migration is not timed. */
async function childImport(file: string, url: string): Promise<ChildResult> {
  const db = createDb(url, url.startsWith('postgres') ? { searchPath: SCHEMA } : {});
  try {
    // The schema is named: Kysely otherwise looks for its lock table in any schema, and may find a test run's.
    await migrateToLatest(db, url.startsWith('postgres') ? { schema: SCHEMA } : {});
    const startedAt = process.hrtime.bigint();
    const cpuAt = process.cpuUsage();
    const summary = await importRecords(db, { files: [file] });
    if (summary.failure) throw new Error(summary.failure.message);
    const result = finishStep(summary.added + summary.updated + summary.unchanged, startedAt, cpuAt);
    return { ...result, dbBytes: await databaseBytes(url, db) };
  } finally {
    await db.destroy();
  }
}

async function main(): Promise<void> {
  const { sizes, dialects, postgresUrl: pgUrl } = benchPlan(values);
  const rows: Record<string, unknown>[] = [];
  const out = (line: string) => process.stdout.write(`${line}\n`);
  out(machineLine());
  out('');
  out('| records | dialect | seconds | records/s | CPU s | peak RSS MB | DB bytes/record | parse-only records/s | import/parse |');
  out('| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const size of sizes) {
    const file = await corpusFile(size);
    const parse = runChildStep<ChildResult>(self, 'parse', file);
    const parseRate = parse.records / parse.seconds;
    out(`| ${size} | (parse only) | ${parse.seconds.toFixed(1)} | ${Math.round(parseRate)} | ${parse.cpuSeconds.toFixed(1)} | ${Math.round(parse.maxRssMb)} | – | ${Math.round(parseRate)} | 1.00 |`);
    for (const dialect of dialects) {
      await withScratchDatabase(dialect, pgUrl, SCHEMA, (url) => {
        const run = runChildStep<ChildResult>(self, 'import', file, url);
        const rate = run.records / run.seconds;
        const perRecord = (run.dbBytes ?? 0) / Math.max(run.records, 1);
        out(`| ${size} | ${dialect} | ${run.seconds.toFixed(1)} | ${Math.round(rate)} | ${run.cpuSeconds.toFixed(1)} | ${Math.round(run.maxRssMb)} | ${Math.round(perRecord)} | ${Math.round(parseRate)} | ${(rate / parseRate).toFixed(2)} |`);
        rows.push({ size, dialect, ...run, recordsPerSecond: rate, bytesPerRecord: perRecord, parse: { ...parse, recordsPerSecond: parseRate }, ratio: rate / parseRate });
      });
    }
  }
  if (values.json) out(`\nwrote ${writeResults('import', rows)}`);
}

if (values.child === 'parse') process.stdout.write(`${JSON.stringify(await childParse(values.file ?? ''))}\n`);
else if (values.child === 'import') process.stdout.write(`${JSON.stringify(await childImport(values.file ?? '', values.database ?? ''))}\n`);
else await main();
