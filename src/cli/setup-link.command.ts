import { Command } from 'commander';
import { issueSetupLink } from '../modules/accounts/index.js';
import { createDb } from '../platform/db/create-db.js';
import { migrateToLatest } from '../platform/db/migrate.js';
import { configWith, databaseOption } from './options.js';

export function setupLinkCommand(): Command {
  return new Command('setup-link')
    .description('print a new one-time link that creates the first platform administrator (only while there is none)')
    .addOption(databaseOption())
    .action(async (options: { database?: string }) => {
      const config = configWith(options);
      const db = createDb(config.databaseUrl);
      try {
        await migrateToLatest(db);
        const link = await issueSetupLink(db, config.baseUrl);
        if (!link) throw new Error('a platform administrator already exists; sign in as them to add others');
        process.stdout.write(`${link}\n`);
      } finally {
        await db.destroy();
      }
    });
}
