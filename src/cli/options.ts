import { Option } from 'commander';
import type { Kysely } from 'kysely';
import { type Config, loadConfig } from '../config.js';
import { createDb } from '../platform/db/create-db.js';
import type { Database } from '../platform/db/database.js';
import { migrateToLatest } from '../platform/db/migrate.js';

/** `--database URL`, shared by every command that touches the database. */
export function databaseOption(): Option {
  return new Option('-d, --database <url>', 'SQLite file path or postgres:// URL (default: KHUB_DATABASE_URL or ./data/khub.sqlite)');
}

/** Configuration from the environment, with the command line's `--database` winning. */
export function configWith(options: { database?: string }): Config {
  const config = loadConfig();
  return options.database ? Object.freeze({ ...config, databaseUrl: options.database }) : config;
}

/**
 * Opens the database named by `--database` (or configuration), brings its schema up to date, runs the
 * work, and always closes it — and then runs `cleanup` (e.g. stopping a progress bar) whatever happened.
 */
export async function withMigratedDatabase<T>(options: { database?: string }, work: (db: Kysely<Database>) => Promise<T>, cleanup?: () => void): Promise<T> {
  const db = createDb(configWith(options).databaseUrl);
  try {
    await migrateToLatest(db);
    return await work(db);
  } finally {
    cleanup?.();
    await db.destroy();
  }
}
