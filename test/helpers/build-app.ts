import type { FastifyInstance } from 'fastify';
import type { TestContext } from 'node:test';
import { buildApp } from '../../src/app.js';
import { type Config, testConfig } from '../../src/config.js';
import type { DialectName } from '../../src/platform/db/dialect.js';
import { openTestDatabase } from './databases.js';

/** Builds the real app on a fresh migrated database and closes both when the test ends. */
export interface BuildTestOptions {
  readonly dialect?: DialectName;
  readonly config?: Partial<Config>;
  /** Extra routes for this test only (e.g. one that throws), added before the app is ready. */
  readonly routes?: (app: FastifyInstance) => void;
}

export async function build(t: TestContext, options: BuildTestOptions = {}): Promise<FastifyInstance> {
  const testDb = await openTestDatabase(options.dialect ?? 'sqlite');
  const app = await buildApp(testConfig(options.config), { db: testDb.db, migrate: false });
  t.after(async () => {
    await app.close();
    await testDb.close();
  });
  options.routes?.(app);
  await app.ready();
  return app;
}
