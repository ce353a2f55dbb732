import { randomBytes } from 'node:crypto';
import { after, before, describe } from 'node:test';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { loadTestEnvironment } from '../../src/config.js';
import { createDb } from '../../src/platform/db/create-db.js';
import type { Database } from '../../src/platform/db/database.js';
import type { DialectName } from '../../src/platform/db/dialect.js';
import { migrateToLatest } from '../../src/platform/db/migrate.js';

/** A fresh, migrated database for one test file or suite: in-memory SQLite, or a new schema in PostgreSQL. */
export interface TestDatabase {
  readonly dialect: DialectName;
  readonly db: Kysely<Database>;
  /** PostgreSQL only: the schema this database lives in. */
  readonly schema?: string;
  close(): Promise<void>;
}

const testEnv = loadTestEnvironment();

/** The dialects storage tests run on: SQLite always, PostgreSQL when KHUB_TEST_DATABASE_URL is set. */
export function testDialects(): DialectName[] {
  return testEnv.postgresUrl ? ['sqlite', 'postgres'] : ['sqlite'];
}

async function withAdmin<T>(url: string, fn: (admin: Kysely<unknown>) => Promise<T>): Promise<T> {
  const admin = new Kysely<unknown>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 1 }) }) });
  try {
    return await fn(admin);
  } finally {
    await admin.destroy();
  }
}

/** Opens a fresh database; each PostgreSQL one lives in its own schema (`test_<run>_<random>`) so test files can run in parallel. */
export async function openTestDatabase(dialect: DialectName, options: { migrate?: boolean } = {}): Promise<TestDatabase> {
  if (dialect === 'sqlite') {
    const db = createDb(':memory:');
    if (options.migrate ?? true) await migrateToLatest(db);
    return { dialect, db, close: () => db.destroy() };
  }
  const url = testEnv.postgresUrl;
  if (!url) throw new Error('KHUB_TEST_DATABASE_URL is not set');
  const schema = `test_${testEnv.runId}_${randomBytes(6).toString('hex')}`;
  await withAdmin(url, (admin) => sql`create schema ${sql.id(schema)}`.execute(admin));
  const db = createDb(url, { searchPath: schema, poolSize: 4 });
  if (options.migrate ?? true) await migrateToLatest(db, { schema });
  return {
    dialect,
    db,
    schema,
    // Schemas are dropped by scripts/run-tests.mjs once every file has finished: dropping one while another
    // file migrates breaks Kysely's catalogue introspection, which looks at every schema in the database.
    close: () => db.destroy(),
  };
}

/**
 * Runs a suite once per dialect, each with its own fresh migrated database.
 *
 * ### Examples
 * eachDialect('job queue', (getDb) => {
 *   it('claims a job once', async () => { const db = getDb(); … });
 * });
 */
export function eachDialect(title: string, suite: (getDb: () => Kysely<Database>, dialect: DialectName) => void): void {
  for (const dialect of testDialects()) {
    describe(`${title} [${dialect}]`, () => {
      let testDb: TestDatabase | undefined;
      before(async () => {
        testDb = await openTestDatabase(dialect);
      });
      after(async () => {
        await testDb?.close();
      });
      suite(() => {
        if (!testDb) throw new Error('test database not open yet');
        return testDb.db;
      }, dialect);
    });
  }
}
