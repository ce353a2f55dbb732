import { Command } from 'commander';
import { createDb } from '../platform/db/create-db.js';
import { migrateToLatest, migrationStatus } from '../platform/db/migrate.js';
import { describeDatabase } from '../server.js';
import { configWith, databaseOption } from './options.js';

export function migrateCommand(): Command {
  return new Command('migrate')
    .description('bring the database schema up to date (khub serve also does this at start)')
    .addOption(databaseOption())
    .option('--status', 'list migrations and whether each has run, without changing anything')
    .action(async (options: { database?: string; status?: boolean }) => {
      const config = configWith(options);
      const db = createDb(config.databaseUrl);
      try {
        if (options.status) {
          for (const m of await migrationStatus(db)) {
            process.stdout.write(`${m.executedAt ? 'applied' : 'pending'}  ${m.name}${m.executedAt ? `  (${m.executedAt.toISOString()})` : ''}\n`);
          }
          return;
        }
        const applied = await migrateToLatest(db);
        for (const result of applied) process.stdout.write(`applied ${result.migrationName}\n`);
        process.stdout.write(`${describeDatabase(config.databaseUrl)} is up to date (${applied.length} migration(s) applied now)\n`);
      } finally {
        await db.destroy();
      }
    });
}
