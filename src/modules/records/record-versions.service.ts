import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../platform/db/database.js';
import type { RecordRow } from './record.table.js';

type Db = Kysely<Database> | Transaction<Database>;

/** A record's id and when it last changed: enough for an index to tell what it must refresh. */
export interface RecordVersion {
  readonly id: number;
  readonly updatedAt: string;
}

/**
 * The next page of record versions after `afterId`, by id (keyset pagination, so a walk over a
 * million records costs the same per page at the end as at the start).
 *
 * ### Examples
 * await listRecordVersions(db, { afterId: 0, limit: 2 })  // [{ id: 1, updatedAt: '2026-11-21T…Z' }, { id: 2, … }]
 */
export async function listRecordVersions(db: Db, page: { readonly afterId: number; readonly limit: number }): Promise<RecordVersion[]> {
  const rows = await db.selectFrom('record').select(['id', 'updated_at']).where('id', '>', page.afterId).orderBy('id').limit(page.limit).execute();
  return rows.map((row) => ({ id: Number(row.id), updatedAt: row.updated_at }));
}

/**
 * The stored rows of these records (ids that name no record are left out), for a caller that turns
 * them into records elsewhere with `rowToRecord`: flat rows of strings cost far less to hand to a
 * worker thread than parsed records do.
 */
export async function listRecordRows(db: Db, ids: readonly number[]): Promise<RecordRow[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('record').selectAll().where('id', 'in', [...ids]).orderBy('id').execute();
}
