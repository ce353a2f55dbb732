import { Option } from 'commander';
import { type Config, loadConfig } from '../config.js';

/** `--database URL`, shared by every command that touches the database. */
export function databaseOption(): Option {
  return new Option('-d, --database <url>', 'SQLite file path or postgres:// URL (default: KHUB_DATABASE_URL or ./data/khub.sqlite)');
}

/** Configuration from the environment, with the command line's `--database` winning. */
export function configWith(options: { database?: string }): Config {
  const config = loadConfig();
  return options.database ? Object.freeze({ ...config, databaseUrl: options.database }) : config;
}
