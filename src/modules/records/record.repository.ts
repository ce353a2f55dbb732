import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../platform/db/database.js';
import type { BibRecord } from './bib-record.js';
import { type BulkColumn, bulkInsert } from '../../platform/db/bulk-insert.js';
import { CONTENT_COLUMNS, type PreparedRecord, prepareRecord } from './record-mapping.js';
import type { RecordRow } from './record.table.js';

type Db = Kysely<Database> | Transaction<Database>;

export interface BatchOutcome {
  added: number;
  updated: number;
  unchanged: number;
  /** Ids of the records added or changed, for de-duplication and search indexing. */
  changedIds: number[];
}

/** A record an upsert added or changed, with the keys de-duplication groups it by. */
export interface ChangedRecord {
  readonly id: number;
  readonly matchKeys: readonly string[];
  /** Added by this upsert, so it has no match keys stored yet. */
  readonly isNew: boolean;
}

export interface PreparedBatchOutcome {
  added: number;
  updated: number;
  unchanged: number;
  changed: ChangedRecord[];
}

const LOOKUP_CHUNK = 900;

const INTEGER_COLUMNS = new Set(['pub_year', 'pub_month', 'pub_day', 'duplicate_group_id']);
const TIMESTAMP_COLUMNS = new Set(['added_at', 'updated_at']);
/** Every column of `record` but `id`, in the order new rows are inserted: the content, then the bookkeeping. */
const RECORD_COLUMNS: readonly BulkColumn[] = [...CONTENT_COLUMNS, 'content_hash', 'duplicate_group_id', 'added_at', 'updated_at'].map((name) => ({ name, pgType: INTEGER_COLUMNS.has(name) ? 'integer' : TIMESTAMP_COLUMNS.has(name) ? 'timestamptz' : 'text' }));

async function existingHashes(db: Db, source: string, sourceIds: string[]): Promise<Map<string, { id: number; hash: string }>> {
  const found = new Map<string, { id: number; hash: string }>();
  for (let i = 0; i < sourceIds.length; i += LOOKUP_CHUNK) {
    const rows = await db
      .selectFrom('record')
      .select(['id', 'source_id', 'content_hash'])
      .where('source', '=', source)
      .where('source_id', 'in', sourceIds.slice(i, i + LOOKUP_CHUNK))
      .execute();
    for (const row of rows) found.set(row.source_id, { id: row.id, hash: row.content_hash });
  }
  return found;
}

/** The last occurrence of each (source, source id) wins, as in PubMed update files. */
function lastOfEach(records: readonly PreparedRecord[]): Map<string, Map<string, PreparedRecord>> {
  const bySource = new Map<string, Map<string, PreparedRecord>>();
  for (const record of records) {
    const ids = bySource.get(record.source) ?? new Map<string, PreparedRecord>();
    ids.set(record.sourceId, record);
    bySource.set(record.source, ids);
  }
  return bySource;
}

function contentObject(record: PreparedRecord): Record<string, unknown> {
  return Object.fromEntries(CONTENT_COLUMNS.map((name, i) => [name, record.values[i]]));
}

/**
 * Adds new records and updates changed ones, keyed by (source, source id); an identical record is left
 * alone (its `updated_at` keeps its meaning for alerts). Call inside the batch's transaction.
 */
export async function upsertPreparedRecords(db: Db, records: readonly PreparedRecord[], now = new Date()): Promise<PreparedBatchOutcome> {
  const outcome: PreparedBatchOutcome = { added: 0, updated: 0, unchanged: 0, changed: [] };
  const iso = now.toISOString();
  for (const [source, byId] of lastOfEach(records)) {
    const existing = await existingHashes(db, source, [...byId.keys()]);
    const inserts: unknown[][] = [];
    for (const [sourceId, record] of byId) {
      const current = existing.get(sourceId);
      if (!current) {
        inserts.push([...record.values, record.contentHash, null, iso, iso]);
      } else if (current.hash === record.contentHash) outcome.unchanged += 1;
      else {
        await db
          .updateTable('record')
          .set({ ...contentObject(record), content_hash: record.contentHash, updated_at: iso })
          .where('id', '=', current.id)
          .execute();
        outcome.updated += 1;
        outcome.changed.push({ id: current.id, matchKeys: record.matchKeys, isNew: false });
      }
    }
    const rows = await bulkInsert<{ id: number; source_id: string }>(db, 'record', RECORD_COLUMNS, inserts, { returning: ['id', 'source_id'] });
    for (const row of rows) outcome.changed.push({ id: Number(row.id), matchKeys: byId.get(row.source_id)?.matchKeys ?? [], isNew: true });
    outcome.added += inserts.length;
  }
  return outcome;
}

/** `upsertPreparedRecords` for records in hand (the PubMed client, tests). */
export async function upsertRecords(db: Db, records: readonly BibRecord[], now = new Date()): Promise<BatchOutcome> {
  const { changed, ...counts } = await upsertPreparedRecords(db, records.map(prepareRecord), now);
  return { ...counts, changedIds: changed.map((record) => record.id) };
}

/** Deletes records by source id (PubMed `DeleteCitation`); returns how many existed. */
export async function deleteRecordsBySourceId(db: Db, source: string, sourceIds: readonly string[]): Promise<number> {
  let deleted = 0;
  for (let i = 0; i < sourceIds.length; i += LOOKUP_CHUNK) {
    const result = await db.deleteFrom('record').where('source', '=', source).where('source_id', 'in', sourceIds.slice(i, i + LOOKUP_CHUNK)).executeTakeFirst();
    deleted += Number(result.numDeletedRows);
  }
  return deleted;
}

export async function findRecordRowById(db: Db, id: number): Promise<RecordRow | undefined> {
  return db.selectFrom('record').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findRecordRowBySourceId(db: Db, source: string, sourceId: string): Promise<RecordRow | undefined> {
  return db.selectFrom('record').selectAll().where('source', '=', source).where('source_id', '=', sourceId).executeTakeFirst();
}

/** Counts of records per source, largest first. */
export async function countRecordsBySource(db: Db): Promise<{ source: string; count: number }[]> {
  const rows = await db
    .selectFrom('record')
    .select(['source', (eb) => eb.fn.countAll<number | string>().as('count')])
    .groupBy('source')
    .orderBy('count', 'desc')
    .execute();
  return rows.map((r) => ({ source: r.source, count: Number(r.count) }));
}
