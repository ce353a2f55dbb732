/**
 * Reads records for export a page at a time, so an export of any size holds at most one page in memory.
 * Without ids it walks the table by id (keyset pagination: `id > last`, never OFFSET, which slows down
 * as it goes); with ids it keeps the order the ids were given in, as a result set or selection has.
 */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../../platform/db/database.js';
import type { StoredRecord } from '../bib-record.js';
import { rowToRecord } from '../record-mapping.js';
import type { RecordRow } from '../record.table.js';

type Db = Kysely<Database> | Transaction<Database>;

/** Which records to export: all, one source's, or the given ids (in their order); both filters may combine. */
export interface RecordSelection {
  /** khub record ids, in the order they are to be written; repeats are written once. */
  readonly ids?: readonly number[];
  /** Only records from this source (`pubmed`, `beir-scifact` …). */
  readonly source?: string;
}

/** Records a page holds: 500 keeps memory small and stays well under both engines' bound-parameter limits. */
export const DEFAULT_PAGE_SIZE = 500;

/** The row as a record; a row whose stored JSON is damaged is named, so the operator can find it. */
function toRecord(row: RecordRow): StoredRecord {
  try {
    return rowToRecord(row);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`record ${row.id} (${row.source} ${row.source_id}) cannot be read: ${reason}`, { cause: error });
  }
}

function uniqueIds(ids: readonly number[]): number[] {
  return [...new Set(ids)];
}

async function* byIds(db: Db, ids: readonly number[], source: string | undefined, pageSize: number): AsyncGenerator<StoredRecord> {
  const wanted = uniqueIds(ids);
  for (let i = 0; i < wanted.length; i += pageSize) {
    const page = wanted.slice(i, i + pageSize);
    let query = db.selectFrom('record').selectAll().where('id', 'in', page);
    if (source !== undefined) query = query.where('source', '=', source);
    const found = new Map((await query.execute()).map((row) => [row.id, row]));
    for (const id of page) {
      const row = found.get(id);
      if (row) yield toRecord(row);
    }
  }
}

async function* byKeyset(db: Db, source: string | undefined, pageSize: number): AsyncGenerator<StoredRecord> {
  for (let last = 0; ; ) {
    let query = db.selectFrom('record').selectAll().where('id', '>', last).orderBy('id').limit(pageSize);
    if (source !== undefined) query = query.where('source', '=', source);
    const rows = await query.execute();
    for (const row of rows) yield toRecord(row);
    const final = rows.at(-1);
    if (!final || rows.length < pageSize) return;
    last = final.id;
  }
}

/**
 * The selected records one at a time, read `pageSize` rows per query.
 *
 * ### Examples
 * for await (const record of streamRecords(db, { source: 'pubmed' })) …   // every PubMed record, by id
 * streamRecords(db, { ids: [42, 7] })                                     // record 42, then record 7
 */
export function streamRecords(db: Db, selection: RecordSelection = {}, pageSize = DEFAULT_PAGE_SIZE): AsyncGenerator<StoredRecord> {
  if (!Number.isInteger(pageSize) || pageSize < 1) throw new RangeError(`page size must be a positive integer, not ${pageSize}`);
  return selection.ids ? byIds(db, selection.ids, selection.source, pageSize) : byKeyset(db, selection.source, pageSize);
}

/** How many records the selection holds (for a progress bar's total). */
export async function countSelectedRecords(db: Db, selection: RecordSelection = {}): Promise<number> {
  const count = async (ids?: readonly number[]): Promise<number> => {
    let query = db.selectFrom('record').select((eb) => eb.fn.countAll<number | string>().as('n'));
    if (ids) query = query.where('id', 'in', ids);
    if (selection.source !== undefined) query = query.where('source', '=', selection.source);
    return Number((await query.executeTakeFirstOrThrow()).n);
  };
  if (!selection.ids) return count();
  const wanted = uniqueIds(selection.ids);
  let total = 0;
  for (let i = 0; i < wanted.length; i += DEFAULT_PAGE_SIZE) total += await count(wanted.slice(i, i + DEFAULT_PAGE_SIZE));
  return total;
}

/** The ids in the list that name no record (or none of the source's), in the order given. */
export async function findMissingRecordIds(db: Db, selection: RecordSelection & { ids: readonly number[] }): Promise<number[]> {
  const wanted = uniqueIds(selection.ids);
  const found = new Set<number>();
  for (let i = 0; i < wanted.length; i += DEFAULT_PAGE_SIZE) {
    let query = db.selectFrom('record').select('id').where('id', 'in', wanted.slice(i, i + DEFAULT_PAGE_SIZE));
    if (selection.source !== undefined) query = query.where('source', '=', selection.source);
    for (const row of await query.execute()) found.add(row.id);
  }
  return wanted.filter((id) => !found.has(id));
}
