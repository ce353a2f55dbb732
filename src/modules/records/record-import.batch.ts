import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../platform/db/database.js';
import type { BibRecord } from './bib-record.js';
import { type KeyedRecord, groupKeyedRecords } from './dedup.service.js';
import { type PreparedRecord, prepareRecord } from './record-mapping.js';
import { deleteRecordsBySourceId, upsertPreparedRecords } from './record.repository.js';

type Db = Kysely<Database> | Transaction<Database>;

/** What one batch did to the database. */
export interface BatchWriteOutcome {
  added: number;
  updated: number;
  unchanged: number;
  deleted: number;
}

type Segment = { kind: 'records'; records: PreparedRecord[] } | { kind: 'delete'; source: string; sourceIds: string[] };

/**
 * Records and deletions read since the last commit, kept in file order: an update file may add a
 * record and delete it later (or the reverse), and the database must end as the file says.
 */
export class RecordImportBatch {
  readonly #segments: Segment[] = [];
  #size = 0;

  /** Records plus deleted ids held; the pipeline commits when this reaches the batch size. */
  get size(): number {
    return this.#size;
  }

  addRecord(record: BibRecord): void {
    this.addPrepared(prepareRecord(record));
  }

  /** A record already made ready to store (on the parse thread). */
  addPrepared(record: PreparedRecord): void {
    const last = this.#segments.at(-1);
    if (last?.kind === 'records') last.records.push(record);
    else this.#segments.push({ kind: 'records', records: [record] });
    this.#size += 1;
  }

  addDeletion(source: string, sourceIds: readonly string[]): void {
    const last = this.#segments.at(-1);
    if (last?.kind === 'delete' && last.source === source) last.sourceIds.push(...sourceIds);
    else this.#segments.push({ kind: 'delete', source, sourceIds: [...sourceIds] });
    this.#size += sourceIds.length;
  }

  /** Writes the batch in order; call inside the batch's transaction. */
  async write(db: Db, now: Date): Promise<BatchWriteOutcome> {
    const outcome: BatchWriteOutcome = { added: 0, updated: 0, unchanged: 0, deleted: 0 };
    const changed: KeyedRecord[] = [];
    for (const segment of this.#segments) {
      if (segment.kind === 'delete') {
        outcome.deleted += await deleteRecordsBySourceId(db, segment.source, segment.sourceIds);
        continue;
      }
      const written = await upsertPreparedRecords(db, segment.records, now);
      outcome.added += written.added;
      outcome.updated += written.updated;
      outcome.unchanged += written.unchanged;
      changed.push(...written.changed);
    }
    // Same transaction: a committed batch is always grouped with the copies of its articles from other sources.
    await groupKeyedRecords(db, changed);
    return outcome;
  }

  clear(): void {
    this.#segments.length = 0;
    this.#size = 0;
  }
}
