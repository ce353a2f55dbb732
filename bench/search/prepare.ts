/**
 * The search benchmark's databases: the synthetic corpus imported, the full MeSH 2024 vocabulary
 * loaded (heading lines need it) and the search index built — once. A prepared database carries a
 * marker row naming its size; one without it (an interrupted preparation) is built again. A cached
 * database is upgraded as an installation would be: pending migrations applied, then the index
 * synced (a no-op when nothing changed). `fresh` throws the cache away.
 */
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Kysely, sql } from 'kysely';
import { importRecords } from '../../src/modules/records/index.js';
import { countIndexed, syncSearchIndex } from '../../src/modules/search/index.js';
import { importMesh } from '../../src/modules/thesaurus/index.js';
import { createProgress } from '../../src/cli/progress.js';
import { createDb } from '../../src/platform/db/create-db.js';
import type { Database } from '../../src/platform/db/database.js';
import { migrateToLatest } from '../../src/platform/db/migrate.js';
import { migrations } from '../../src/platform/db/migrations/index.js';
import { sharedDataPath } from '../../test/helpers/shared-data.js';
import { corpusFile } from '../support/child-steps.js';

export type BenchDialect = 'sqlite' | 'postgres';

export interface PreparedDatabase {
  readonly dialect: BenchDialect;
  readonly size: number;
  readonly db: Kysely<Database>;
  /** Where it lives: the SQLite file or the PostgreSQL schema. */
  readonly location: string;
  /** Seconds spent preparing in this run (0 when the cached database was reused). */
  readonly preparedSeconds: number;
}

const MARKER = 'bench_search_prepared';
export const SQLITE_DIR = join(tmpdir(), 'khub-bench-search');

const migrationsKey = () => Object.keys(migrations).join(',');

async function markerMatches(db: Kysely<Database>, size: number): Promise<boolean> {
  try {
    const { rows } = await sql<{ records: number | string }>`select records from ${sql.table(MARKER)}`.execute(db);
    return Number(rows[0]?.records) === size;
  } catch {
    return false;
  }
}

/** A cached database brought up to date; false when it is not complete and must be built again. */
async function upToDate(db: Kysely<Database>, size: number, schema: string | undefined): Promise<boolean> {
  if (!(await markerMatches(db, size))) return false;
  let applied;
  try {
    applied = await migrateToLatest(db, schema ? { schema } : {});
  } catch (error) {
    // E.g. a migration that landed with a number below one this database already ran.
    process.stderr.write(`  cached database cannot be migrated (${error instanceof Error ? error.message : String(error)}); building it again\n`);
    return false;
  }
  const progress = createProgress(process.stderr);
  const synced = await syncSearchIndex(db, { onProgress: (p) => progress.update('  checking the index', p.checked, size, 'rows') });
  progress.stop();
  if (applied.length > 0 || synced.indexed > 0) process.stderr.write(`  cached database: ${applied.length} migrations applied, ${synced.indexed} records re-indexed\n`);
  return (await countIndexed(db)) === size;
}

async function build(db: Kysely<Database>, size: number, schema: string | undefined): Promise<void> {
  const progress = createProgress(process.stderr);
  const log = (line: string) => process.stderr.write(`${line}\n`);
  await migrateToLatest(db, schema ? { schema } : {});
  const mesh = await importMesh(db, [sharedDataPath('mesh-2024')], { year: 2024 });
  log(`  MeSH: ${mesh.descriptors} descriptors`);
  const file = await corpusFile(size);
  const imported = await importRecords(db, {
    files: [file],
    onProgress: (p) => progress.update('  importing records', p.bytesRead, p.totalBytes, 'bytes'),
  });
  progress.stop();
  if (imported.failure) throw new Error(`import failed: ${imported.failure.message}`);
  log(`  records: ${imported.added} added`);
  const indexed = await syncSearchIndex(db, { onProgress: (p) => progress.update('  indexing', p.checked, size, 'rows') });
  progress.stop();
  log(`  index: ${indexed.indexed} records`);
  if (schema) await sql`analyze`.execute(db);
  const total = await countIndexed(db);
  if (total !== size) throw new Error(`expected ${size} indexed records, found ${total}`);
  await sql`create table ${sql.table(MARKER)} (records integer not null, migrations text not null, prepared_at text not null)`.execute(db);
  await sql`insert into ${sql.table(MARKER)} values (${size}, ${migrationsKey()}, ${new Date().toISOString()})`.execute(db);
}

async function withAdmin(url: string, work: (admin: Kysely<Database>) => Promise<void>): Promise<void> {
  const admin = createDb(url, { poolSize: 1 });
  try {
    await work(admin);
  } finally {
    await admin.destroy();
  }
}

/**
 * The prepared database for one dialect and size, built when missing or incomplete (or `fresh`).
 * `postgresUrl` names a database the benchmark may create schemas `bench_search_<N>` in.
 */
export async function preparedDatabase(dialect: BenchDialect, size: number, postgresUrl?: string, fresh = false): Promise<PreparedDatabase> {
  const started = performance.now();
  if (dialect === 'sqlite') {
    const file = join(SQLITE_DIR, `search-${size}.sqlite`);
    let db = createDb(file);
    if (!fresh && (await upToDate(db, size, undefined))) return { dialect, size, db, location: file, preparedSeconds: 0 };
    await db.destroy();
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
    process.stderr.write(`preparing ${file} (${size} records; cached for later runs)\n`);
    db = createDb(file);
    await build(db, size, undefined);
    return { dialect, size, db, location: file, preparedSeconds: (performance.now() - started) / 1000 };
  }
  if (!postgresUrl) throw new Error('set KHUB_BENCH_DATABASE_URL for --dialects postgres');
  const schema = `bench_search_${size}`;
  let db = createDb(postgresUrl, { searchPath: schema, poolSize: 2 });
  if (!fresh && (await upToDate(db, size, schema))) return { dialect, size, db, location: `schema ${schema}`, preparedSeconds: 0 };
  await db.destroy();
  process.stderr.write(`preparing PostgreSQL schema ${schema} (${size} records; cached for later runs)\n`);
  await withAdmin(postgresUrl, async (admin) => {
    await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(admin);
    await sql`create schema ${sql.id(schema)}`.execute(admin);
  });
  db = createDb(postgresUrl, { searchPath: schema, poolSize: 2 });
  await build(db, size, schema);
  return { dialect, size, db, location: `schema ${schema}`, preparedSeconds: (performance.now() - started) / 1000 };
}
