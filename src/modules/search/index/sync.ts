/**
 * Keeps the search index level with the records table: walks record versions by id a page at a time,
 * compares each page with what the index holds for the same id range, and re-indexes new and changed
 * records and drops deleted ones — each page in its own transaction, so an interrupted sync keeps its
 * work and the next one carries on.
 */
import { type Kysely, type Transaction, sql } from 'kysely';
import type { Database } from '../../../platform/db/database.js';
import { listRecordVersions, streamRecords } from '../../records/index.js';
import { clearIndex, deleteIndexed, writeIndexed } from './index-writer.js';

export interface SyncProgress {
  /** Records looked at so far. */
  readonly checked: number;
  readonly indexed: number;
  readonly deleted: number;
}

export interface SyncOptions {
  readonly onProgress?: (progress: SyncProgress) => void;
  /** Records per page and transaction. */
  readonly pageSize?: number;
}

export type SyncSummary = SyncProgress;

const PAGE_SIZE = 1_000;

async function indexedVersions(db: Kysely<Database> | Transaction<Database>, afterId: number, upToId: number | null): Promise<Map<number, string>> {
  let query = db.selectFrom('search_document').select(['record_id', 'record_updated_at']).where('record_id', '>', afterId);
  if (upToId !== null) query = query.where('record_id', '<=', upToId);
  const rows = await query.execute();
  return new Map(rows.map((row) => [Number(row.record_id), row.record_updated_at]));
}

/**
 * Brings the index up to date with the records: new, changed and deleted records.
 *
 * ### Examples
 * await syncSearchIndex(db, { onProgress: (p) => bar.update(p.checked) })  // { checked: 1000, indexed: 3, deleted: 1 }
 */
export async function syncSearchIndex(db: Kysely<Database>, options: SyncOptions = {}): Promise<SyncSummary> {
  const pageSize = options.pageSize ?? PAGE_SIZE;
  let progress = { checked: 0, indexed: 0, deleted: 0 };
  for (let afterId = 0; ; ) {
    const versions = await listRecordVersions(db, { afterId, limit: pageSize });
    const last = versions.length < pageSize ? null : (versions.at(-1)?.id ?? null);
    const done = await db.transaction().execute(async (trx) => {
      const indexed = await indexedVersions(trx, afterId, last);
      const stale = versions.filter((v) => indexed.get(v.id) !== v.updatedAt).map((v) => v.id);
      const live = new Set(versions.map((v) => v.id));
      const gone = [...indexed.keys()].filter((id) => !live.has(id));
      const records = [];
      for await (const record of streamRecords(trx, { ids: stale })) records.push(record);
      await deleteIndexed(trx, gone);
      await writeIndexed(trx, records, (id) => indexed.has(id));
      return { indexed: records.length, deleted: gone.length };
    });
    progress = { checked: progress.checked + versions.length, indexed: progress.indexed + done.indexed, deleted: progress.deleted + done.deleted };
    options.onProgress?.(progress);
    if (last === null) return progress;
    afterId = last;
  }
}

/** Empties the index (and its vocabulary, which only a rebuild prunes) and indexes every record again. */
export async function rebuildSearchIndex(db: Kysely<Database>, options: SyncOptions = {}): Promise<SyncSummary> {
  await db.transaction().execute((trx) => clearIndex(trx));
  return syncSearchIndex(db, options);
}

/** How many records the index holds. */
export async function countIndexed(db: Kysely<Database>): Promise<number> {
  const { rows } = await sql<{ n: number | string }>`select count(*) as n from search_document`.execute(db);
  return Number(rows[0]?.n ?? 0);
}
