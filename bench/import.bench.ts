// End-to-end record import throughput, peak memory and database size, against a parse-only baseline
// measured in the same run. Usage:
//   npm run bench:import -- [--sizes 100000,1000000] [--dialects sqlite,postgres] [--json]
// PostgreSQL comes from KHUB_BENCH_DATABASE_URL (a database this script may create a schema in).
// Every measurement runs in a child process, so its peak RSS is that import's own.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { writeCorpus } from './corpus/generate.js';
import { parsePubmedXml } from '../src/modules/records/importers/pubmed-xml.parser.js';
import { importRecords } from '../src/modules/records/index.js';
import { openRecordFile } from '../src/modules/records/record-file.reader.js';
import { createDb } from '../src/platform/db/create-db.js';
import { migrateToLatest } from '../src/platform/db/migrate.js';

const SCHEMA = 'khub_bench_import';
const RECORD_TABLES = ['record', 'record_match_key'];

interface ChildResult {
  records: number;
  seconds: number;
  cpuSeconds: number;
  maxRssMb: number;
  dbBytes?: number;
}

const self = fileURLToPath(import.meta.url);
const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '100000' },
    dialects: { type: 'string', default: 'sqlite' },
    json: { type: 'boolean', default: false },
    child: { type: 'string' },
    file: { type: 'string' },
    database: { type: 'string' },
  },
});

function finish(records: number, startedAt: bigint, cpuAt: NodeJS.CpuUsage): Omit<ChildResult, 'dbBytes'> {
  const seconds = Number(process.hrtime.bigint() - startedAt) / 1e9;
  const cpu = process.cpuUsage(cpuAt);
  // maxRSS is in KiB on Linux: the whole process's peak, which is why each run is its own process.
  return { records, seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, maxRssMb: process.resourceUsage().maxRSS / 1024 };
}

/** Child: the baseline, the same file through the parser with no database. */
async function childParse(file: string): Promise<ChildResult> {
  const startedAt = process.hrtime.bigint();
  const cpuAt = process.cpuUsage();
  const opened = await openRecordFile(file);
  let records = 0;
  for await (const item of parsePubmedXml(opened.stream, { file })) if (item.kind === 'record') records += 1;
  opened.close();
  return finish(records, startedAt, cpuAt);
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
    const result = finish(summary.added + summary.updated + summary.unchanged, startedAt, cpuAt);
    return { ...result, dbBytes: await databaseBytes(url, db) };
  } finally {
    await db.destroy();
  }
}

function runChild(mode: 'parse' | 'import', file: string, database?: string): ChildResult {
  const args = ['--import', 'tsx', self, '--child', mode, '--file', file, ...(database ? ['--database', database] : [])];
  const out = execFileSync(process.execPath, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 20 });
  return JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as ChildResult;
}

async function corpusFor(records: number): Promise<string> {
  const dir = join(tmpdir(), 'khub-bench-corpus');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `pubmed-${records}-seed42.xml.gz`);
  if (!existsSync(file)) {
    process.stderr.write(`generating ${records} records into ${file} …\n`);
    await writeCorpus(records, `${file}.part`);
    execFileSync('mv', [`${file}.part`, file]);
  }
  return file;
}

async function resetPostgres(url: string): Promise<void> {
  const db = createDb(url, { poolSize: 1 });
  try {
    await sql`drop schema if exists ${sql.id(SCHEMA)} cascade`.execute(db);
    await sql`create schema ${sql.id(SCHEMA)}`.execute(db);
  } finally {
    await db.destroy();
  }
}

async function main(): Promise<void> {
  const sizes = values.sizes.split(',').map(Number);
  const dialects = values.dialects.split(',').map((d) => d.trim());
  const pgUrl = process.env.KHUB_BENCH_DATABASE_URL?.trim();
  if (dialects.includes('postgres') && !pgUrl) throw new Error('set KHUB_BENCH_DATABASE_URL for --dialects postgres');
  const rows: Record<string, unknown>[] = [];
  const out = (line: string) => process.stdout.write(`${line}\n`);
  out(`node ${process.version}, ${process.platform}, ${(await import('node:os')).cpus().length} cores`);
  out('');
  out('| records | dialect | seconds | records/s | CPU s | peak RSS MB | DB bytes/record | parse-only records/s | import/parse |');
  out('| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const size of sizes) {
    const file = await corpusFor(size);
    const parse = runChild('parse', file);
    const parseRate = parse.records / parse.seconds;
    out(`| ${size} | (parse only) | ${parse.seconds.toFixed(1)} | ${Math.round(parseRate)} | ${parse.cpuSeconds.toFixed(1)} | ${Math.round(parse.maxRssMb)} | – | ${Math.round(parseRate)} | 1.00 |`);
    for (const dialect of dialects) {
      let url: string;
      let tempDir: string | undefined;
      if (dialect === 'postgres') {
        url = pgUrl as string;
        await resetPostgres(url);
      } else {
        tempDir = join(tmpdir(), `khub-bench-import-${process.pid}`);
        rmSync(tempDir, { recursive: true, force: true });
        url = join(tempDir, 'bench.sqlite');
      }
      try {
        const run = runChild('import', file, url);
        const rate = run.records / run.seconds;
        const perRecord = (run.dbBytes ?? 0) / Math.max(run.records, 1);
        out(`| ${size} | ${dialect} | ${run.seconds.toFixed(1)} | ${Math.round(rate)} | ${run.cpuSeconds.toFixed(1)} | ${Math.round(run.maxRssMb)} | ${Math.round(perRecord)} | ${Math.round(parseRate)} | ${(rate / parseRate).toFixed(2)} |`);
        rows.push({ size, dialect, ...run, recordsPerSecond: rate, bytesPerRecord: perRecord, parse: { ...parse, recordsPerSecond: parseRate }, ratio: rate / parseRate });
      } finally {
        if (tempDir) rmSync(tempDir, { recursive: true, force: true });
        if (dialect === 'postgres') await resetPostgres(url).catch(() => undefined);
      }
    }
  }
  if (values.json) {
    const dir = resolve(self, '..', 'results');
    mkdirSync(dir, { recursive: true });
    const path = join(dir, `import-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
    writeFileSync(path, `${JSON.stringify({ node: process.version, rows }, null, 2)}\n`);
    out(`\nwrote ${path}`);
  }
}

if (values.child === 'parse') process.stdout.write(`${JSON.stringify(await childParse(values.file ?? ''))}\n`);
else if (values.child === 'import') process.stdout.write(`${JSON.stringify(await childImport(values.file ?? '', values.database ?? ''))}\n`);
else await main();
