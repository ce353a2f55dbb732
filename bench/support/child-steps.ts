// What the import and index benchmarks share: the cached synthetic corpus, timing one step in a child
// process (so its peak RSS is that step's own), and a scratch PostgreSQL schema.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { writeCorpus } from '../corpus/generate.js';
import { createDb } from '../../src/platform/db/create-db.js';

/** One timed step, as a child process reports it on its last line of output. */
export interface StepResult {
  records: number;
  seconds: number;
  cpuSeconds: number;
  maxRssMb: number;
}

/** The options every child-step benchmark takes (`--child`, `--file`, `--database` are for its own children). */
export const STEP_BENCH_OPTIONS = {
  sizes: { type: 'string', default: '100000' },
  dialects: { type: 'string', default: 'sqlite' },
  json: { type: 'boolean', default: false },
  child: { type: 'string' },
  file: { type: 'string' },
  database: { type: 'string' },
} as const;

/** The synthetic PubMed corpus of `records` records (seed 42), generated once and kept in the temp folder. */
export async function corpusFile(records: number): Promise<string> {
  const dir = join(tmpdir(), 'khub-bench-corpus');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `pubmed-${records}-seed42.xml.gz`);
  if (!existsSync(file)) {
    process.stderr.write(`generating ${records} records into ${file} …\n`);
    await writeCorpus(records, `${file}.part`);
    renameSync(`${file}.part`, file);
  }
  return file;
}

/** Call at the end of a step: its wall and CPU seconds since `startedAt`/`cpuAt`, and the process's peak RSS. */
export function finishStep(records: number, startedAt: bigint, cpuAt: NodeJS.CpuUsage): StepResult {
  const seconds = Number(process.hrtime.bigint() - startedAt) / 1e9;
  const cpu = process.cpuUsage(cpuAt);
  // maxRSS is in KiB on Linux: the whole process's peak, worker threads included.
  return { records, seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, maxRssMb: process.resourceUsage().maxRSS / 1024 };
}

/** Runs `script --child mode --file F [--database D]` in a fresh Node process and returns its result line. */
export function runChildStep<T extends StepResult>(script: string, mode: string, file: string, database?: string): T {
  const args = ['--import', 'tsx', script, '--child', mode, '--file', file, ...(database ? ['--database', database] : [])];
  const out = execFileSync(process.execPath, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 20 });
  return JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as T;
}

/** Drops the benchmark's schema, and creates it empty again unless `create` is false. */
export async function resetPostgresSchema(url: string, schema: string, create = true): Promise<void> {
  const db = createDb(url, { poolSize: 1 });
  try {
    await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(db);
    if (create) await sql`create schema ${sql.id(schema)}`.execute(db);
  } finally {
    await db.destroy();
  }
}

/**
 * Runs `use` with an empty scratch database for `dialect`: a new SQLite file in the temp folder, or
 * the benchmark's own schema in `postgresUrl`; removes it afterwards, whatever happens.
 */
export async function withScratchDatabase<T>(dialect: string, postgresUrl: string | undefined, schema: string, use: (url: string) => Promise<T> | T): Promise<T> {
  if (dialect === 'postgres') {
    if (!postgresUrl) throw new Error('set KHUB_BENCH_DATABASE_URL for --dialects postgres');
    await resetPostgresSchema(postgresUrl, schema);
    try {
      return await use(postgresUrl);
    } finally {
      await resetPostgresSchema(postgresUrl, schema, false).catch(() => undefined);
    }
  }
  const dir = join(tmpdir(), `${schema.replace(/_/g, '-')}-${process.pid}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  try {
    return await use(join(dir, 'bench.sqlite'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Writes a run's rows to `bench/results/<name>-<time>.json` and returns the path. */
export function writeResults(name: string, rows: unknown[]): string {
  const dir = fileURLToPath(new URL('../results/', import.meta.url));
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${name}-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(path, `${JSON.stringify({ node: process.version, rows }, null, 2)}\n`);
  return path;
}

/** The sizes and dialects asked for (`--sizes`, `--dialects`), and the PostgreSQL URL when one is needed. */
export function benchPlan(values: { sizes: string; dialects: string }): { sizes: number[]; dialects: string[]; postgresUrl: string | undefined } {
  const dialects = values.dialects.split(',').map((d) => d.trim());
  const postgresUrl = process.env.KHUB_BENCH_DATABASE_URL?.trim();
  if (dialects.includes('postgres') && !postgresUrl) throw new Error('set KHUB_BENCH_DATABASE_URL for --dialects postgres');
  return { sizes: values.sizes.split(',').map(Number), dialects, postgresUrl };
}

/** The first line of every report: what it ran on and how busy the machine was. */
export function machineLine(): string {
  return `node ${process.version}, ${process.platform}, ${cpus().length} cores, load average ${loadavg()[0]?.toFixed(1)} at start`;
}
