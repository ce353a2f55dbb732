/** The index's version counter (migration 0029): raised with every index write, read to check a cached copy. */
import { type Kysely, type Transaction, sql } from 'kysely';
import type { Database } from '../../../platform/db/database.js';

type Db = Kysely<Database> | Transaction<Database>;

/** Raises the version; call it in the transaction that writes the index. */
export async function bumpIndexVersion(db: Db): Promise<void> {
  await sql`update search_index_version set version = version + 1 where id = 1`.execute(db);
}

/** The current version, as a string (PostgreSQL returns bigints as strings). */
export async function readIndexVersion(db: Db): Promise<string> {
  const row = await db.selectFrom('search_index_version').select('version').where('id', '=', 1).executeTakeFirst();
  return String(row?.version ?? 0);
}
