import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './database.js';
import { isPostgresUrl } from './dialect.js';

export interface CreateDbOptions {
  /** PostgreSQL only: the schema to use (tests give each file its own). */
  readonly searchPath?: string;
  /** PostgreSQL only: the most connections the pool opens. */
  readonly poolSize?: number;
}

const PG_INT8 = 20;
const PG_TIMESTAMPTZ = 1184;
const PG_TIMESTAMP = 1114;

// Both engines hand timestamps to the app as ISO-8601 UTC strings, so code and tests see one shape.
const pgTypes = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === PG_INT8) return (value: string) => Number(value);
    if (oid === PG_TIMESTAMPTZ || oid === PG_TIMESTAMP) return (value: string) => new Date(value).toISOString();
    return pg.types.getTypeParser(oid, format);
  },
} as pg.CustomTypesConfig;

function createPostgres(url: string, options: CreateDbOptions): Kysely<Database> {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    connectionTimeoutMillis: 5_000,
    types: pgTypes,
    ...(options.searchPath ? { options: `-c search_path=${options.searchPath}` } : {}),
  });
  // An idle client losing its server must not crash the process; the next query reports it.
  pool.on('error', () => undefined);
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

function createSqlite(path: string): Kysely<Database> {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const database = new SQLite(path);
  database.pragma('journal_mode = WAL');
  database.pragma('foreign_keys = ON');
  database.pragma('busy_timeout = 5000');
  database.pragma('synchronous = NORMAL');
  // 64 MB of page cache (the default is 2 MB): imports insert into eight indexes at scattered
  // positions, and with a small cache each insert re-reads index pages from the operating system.
  database.pragma('cache_size = -65536');
  return new Kysely<Database>({ dialect: new SqliteDialect({ database }) });
}

/** Opens the database named by a URL: `postgres://…` or a SQLite file path (`:memory:` for tests). */
export function createDb(url: string, options: CreateDbOptions = {}): Kysely<Database> {
  return isPostgresUrl(url) ? createPostgres(url, options) : createSqlite(url);
}
