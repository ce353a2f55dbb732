/**
 * Keeps the search index level with the records table: walks record versions by id a page at a time,
 * compares each page with what the index holds for the same id range, and re-indexes new and changed
 * records and drops deleted ones — each page in its own transaction, so an interrupted sync keeps its
 * work and the next one carries on.
 *
 * Large syncs are a pipeline: while this thread writes one page, a worker thread tokenises the next
 * (`preparer.ts`). A sync that starts from an empty index (a rebuild, or the first sync after an
 * import) leaves the secondary indexes out and builds them once at the end (`deferred-indexes.ts`).
 */
import { type Kysely, type Transaction, sql } from 'kysely';
import type { Database } from '../../../platform/db/database.js';
import { dialectOf } from '../../../platform/db/dialect.js';
import { listRecordRows, listRecordVersions } from '../../records/index.js';
import { deleteRankDocuments, insertRankRows } from '../ranking/rank-index.js';
import { countDeferredIndexes, deferIndexes, restoreIndexes } from './deferred-indexes.js';
import { clearIndex, deleteIndexed, insertBooleanRows, writePreparedPage } from './index-writer.js';
import type { PreparedPage } from './prepare-page.js';
import { type Preparation, type RecordSource, createPreparer } from './preparer.js';

export interface SyncProgress {
  /** Records looked at so far. */
  readonly checked: number;
  readonly indexed: number;
  readonly deleted: number;
}

export interface SyncOptions {
  readonly onProgress?: (progress: SyncProgress) => void;
  /** Called as the indexes left out of a build from empty are created again, at its end. */
  readonly onIndexProgress?: (created: number, total: number) => void;
  /** Records per page and transaction. */
  readonly pageSize?: number;
  /** Where records are tokenised: `auto` (a worker thread once a page has enough to do), `inline` or `worker`. */
  readonly preparation?: Preparation;
}

export type SyncSummary = SyncProgress;

type Db = Kysely<Database> | Transaction<Database>;

const PAGE_SIZE = 1_000;
/** Pages read and handed to the preparer ahead of the one being written. */
const PAGES_AHEAD = 2;

/** What one page of the walk must do, decided from the versions before anything is written. */
interface PagePlan {
  readonly checked: number;
  /** The last id of the page, or null when it is the last page. */
  readonly last: number | null;
  /** Stale records the index holds (their rows are deleted before the new ones go in). */
  readonly replaced: readonly number[];
  /** Indexed records that no longer exist. */
  readonly gone: readonly number[];
}

async function indexedVersions(db: Db, afterId: number, upToId: number | null): Promise<Map<number, string>> {
  let query = db.selectFrom('search_document').select(['record_id', 'record_updated_at']).where('record_id', '>', afterId);
  if (upToId !== null) query = query.where('record_id', '<=', upToId);
  const rows = await query.execute();
  return new Map(rows.map((row) => [Number(row.record_id), row.record_updated_at]));
}

async function planPage(db: Db, afterId: number, pageSize: number): Promise<{ plan: PagePlan; stale: number[] }> {
  const versions = await listRecordVersions(db, { afterId, limit: pageSize });
  const last = versions.length < pageSize ? null : (versions.at(-1)?.id ?? null);
  const indexed = await indexedVersions(db, afterId, last);
  const stale = versions.filter((v) => indexed.get(v.id) !== v.updatedAt).map((v) => v.id);
  const live = new Set(versions.map((v) => v.id));
  const plan = {
    checked: versions.length,
    last,
    replaced: stale.filter((id) => indexed.has(id)),
    gone: [...indexed.keys()].filter((id) => !live.has(id)),
  };
  // The stale records are read when they are prepared: one changed since its version was read here
  // is indexed as read then, and the record_updated_at stored comes from that row, so the next sync
  // sees any later change.
  return { plan, stale };
}

function recordSource(db: Kysely<Database>): RecordSource {
  return { dialect: dialectOf(db), read: (ids) => listRecordRows(db, ids) };
}

/** Losing the last pages in a crash is harmless (the next sync indexes them again), so PostgreSQL need not wait for each commit to reach the disk. */
const relaxDurability = (trx: Transaction<Database>) => sql`set local synchronous_commit = off`.execute(trx);

async function writePage(db: Kysely<Database>, plan: PagePlan, page: PreparedPage): Promise<void> {
  if (dialectOf(db) === 'sqlite') {
    await db.transaction().execute(async (trx) => {
      await deleteIndexed(trx, plan.gone);
      await writePreparedPage(trx, page, plan.replaced);
    });
    return;
  }
  // PostgreSQL spends a third of a build stemming text into the ranking index: that is written on a
  // second connection at the same time, and commits first, so a committed search_document row always
  // has its ranking entry. Entries of a page whose Boolean half failed are replaced next time.
  const rankIds = [...new Set([...page.recordIds, ...plan.replaced, ...plan.gone])];
  const ranking = db.transaction().execute(async (trx) => {
    await relaxDurability(trx);
    await deleteRankDocuments(trx, rankIds);
    await insertRankRows(trx, page.rank);
  });
  await db.transaction().execute(async (trx) => {
    try {
      await relaxDurability(trx);
      await deleteIndexed(trx, [...plan.gone, ...plan.replaced], { rank: false });
      await insertBooleanRows(trx, page);
    } finally {
      // Never leave the other connection working on its own after this one gives up.
      await ranking.catch(() => undefined);
    }
    await ranking;
  });
}

/**
 * From an empty index, drops the secondary indexes (they are built at the end); otherwise first
 * finishes a build from empty that was interrupted, so that this sync's deletes find their indexes.
 * Returns whether this sync builds from empty.
 */
async function startSync(db: Kysely<Database>, options: SyncOptions): Promise<boolean> {
  const anyIndexed = await db.selectFrom('search_document').select('record_id').limit(1).executeTakeFirst();
  if (!anyIndexed) {
    await db.transaction().execute((trx) => deferIndexes(trx));
    return true;
  }
  if ((await countDeferredIndexes(db)) > 0) await restoreIndexes(db, options.onIndexProgress);
  return false;
}

/**
 * Brings the index up to date with the records: new, changed and deleted records.
 *
 * ### Examples
 * await syncSearchIndex(db, { onProgress: (p) => bar.update(p.checked) })  // { checked: 1000, indexed: 3, deleted: 1 }
 */
export async function syncSearchIndex(db: Kysely<Database>, options: SyncOptions = {}): Promise<SyncSummary> {
  const pageSize = options.pageSize ?? PAGE_SIZE;
  const fromEmpty = await startSync(db, options);
  const preparer = createPreparer(recordSource(db), options.preparation);
  let progress: SyncProgress = { checked: 0, indexed: 0, deleted: 0 };
  try {
    const ahead: { plan: PagePlan; prepared: Promise<PreparedPage> }[] = [];
    for (let afterId: number | null = 0; ; ) {
      while (afterId !== null && ahead.length < PAGES_AHEAD) {
        const { plan, stale } = await planPage(db, afterId, pageSize);
        const prepared = preparer.prepare(stale);
        // Awaited below, in page order; this only keeps a failure that arrives early from counting as unhandled.
        prepared.catch(() => undefined);
        ahead.push({ plan, prepared });
        afterId = plan.last;
      }
      const next = ahead.shift();
      if (!next) break;
      const page = await next.prepared;
      await writePage(db, next.plan, page);
      progress = { checked: progress.checked + next.plan.checked, indexed: progress.indexed + page.recordIds.length, deleted: progress.deleted + next.plan.gone.length };
      options.onProgress?.(progress);
    }
  } finally {
    await preparer.close();
  }
  if (fromEmpty) await restoreIndexes(db, options.onIndexProgress);
  return progress;
}

/** Empties the index (and its vocabulary, which only a rebuild prunes) and indexes every record again. */
export async function rebuildSearchIndex(db: Kysely<Database>, options: SyncOptions = {}): Promise<SyncSummary> {
  await db.transaction().execute(async (trx) => {
    // Indexes first: emptying a table is quicker without them.
    await deferIndexes(trx);
    await clearIndex(trx);
  });
  return syncSearchIndex(db, options);
}

/** How many records the index holds. */
export async function countIndexed(db: Kysely<Database>): Promise<number> {
  const { rows } = await sql<{ n: number | string }>`select count(*) as n from search_document`.execute(db);
  return Number(rows[0]?.n ?? 0);
}
