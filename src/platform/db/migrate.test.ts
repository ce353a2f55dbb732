import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { openTestDatabase, testDialects } from '../../../test/helpers/databases.js';
import { migrateToLatest, migrationStatus } from './migrate.js';
import { migrations } from './migrations/index.js';

for (const dialect of testDialects()) {
  describe(`migrations [${dialect}]`, () => {
    it('applies the whole history once on an empty database and nothing on a second run', async (t) => {
      const testDb = await openTestDatabase(dialect, { migrate: false });
      t.after(() => testDb.close());
      const first = await migrateToLatest(testDb.db, { schema: testDb.schema });
      assert.deepEqual(first.map((r) => r.migrationName), Object.keys(migrations));
      assert.ok(first.every((r) => r.status === 'Success'));
      assert.deepEqual(await migrateToLatest(testDb.db, { schema: testDb.schema }), []);
      const status = await migrationStatus(testDb.db, { schema: testDb.schema });
      assert.ok(status.every((m) => m.executedAt instanceof Date));
    });

    it('creates the platform tables', async (t) => {
      const testDb = await openTestDatabase(dialect);
      t.after(() => testDb.close());
      const tables = (await testDb.db.introspection.getTables()).map((table) => table.name);
      for (const name of ['session', 'job', 'job_schedule', 'mail_outbox', 'feedback']) assert.ok(tables.includes(name), `${name} exists`);
    });

    it('lists migrations in the order their names sort, so the history reads in time order', () => {
      const names = Object.keys(migrations);
      assert.deepEqual(names, [...names].sort());
    });
  });
}
