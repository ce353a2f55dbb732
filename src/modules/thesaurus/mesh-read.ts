import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../platform/db/database.js';
import { selectLatestYear } from './mesh-lookup.repository.js';

type Db = Kysely<Database> | Transaction<Database>;

/** Options every look-up takes. */
export interface LookupOptions {
  /** The MeSH year to use; by default the newest one loaded. */
  readonly year?: number;
}

/**
 * Runs a look-up's statements against one snapshot of the vocabulary, so an import replacing the year
 * meanwhile is seen entirely or not at all; `none` is the answer when no MeSH (or not that year) is loaded.
 */
export async function readVocabulary<T>(db: Db, options: LookupOptions, none: T, work: (db: Db, year: number) => Promise<T>): Promise<T> {
  const run = async (reader: Db): Promise<T> => {
    const year = options.year ?? (await selectLatestYear(reader));
    return year === undefined ? none : work(reader, year);
  };
  if (db.isTransaction) return run(db);
  // SQLite's deferred transaction holds one snapshot from its first read; PostgreSQL needs repeatable read.
  return db.transaction().setIsolationLevel('repeatable read').setAccessMode('read only').execute(run);
}
