import { Migrator, type Kysely, type MigrationResult } from 'kysely';
import type { Database } from './database.js';
import { migrations } from './migrations/index.js';

export class MigrationError extends Error {
  constructor(
    message: string,
    readonly results: readonly MigrationResult[],
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'MigrationError';
  }
}

export interface MigrateOptions {
  /**
   * PostgreSQL only: the schema that holds the migration bookkeeping tables. Needed when several
   * schemas in one database migrate at once (each test file has its own): Kysely otherwise looks for
   * its lock table in any schema and may find another file's.
   */
  readonly schema?: string;
}

function migrator(db: Kysely<Database>, options: MigrateOptions = {}): Migrator {
  return new Migrator({ db, provider: { getMigrations: async () => migrations }, migrationTableSchema: options.schema });
}

/** Brings the schema up to date; returns the migrations applied in this run. Throws naming the one that failed. */
export async function migrateToLatest(db: Kysely<Database>, options: MigrateOptions = {}): Promise<readonly MigrationResult[]> {
  const { error, results = [] } = await migrator(db, options).migrateToLatest();
  if (error) {
    const failed = results.find((r) => r.status === 'Error');
    const reason = error instanceof Error ? error.message : String(error);
    throw new MigrationError(`migration ${failed?.migrationName ?? '(unknown)'} failed: ${reason}`, results, { cause: error });
  }
  return results;
}

/** Lists every migration and whether it has run. */
export async function migrationStatus(db: Kysely<Database>, options: MigrateOptions = {}): Promise<{ name: string; executedAt: Date | undefined }[]> {
  const all = await migrator(db, options).getMigrations();
  return all.map((m) => ({ name: m.name, executedAt: m.executedAt }));
}
