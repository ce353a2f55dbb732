import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../platform/db/database.js';
import type { ImportRunRow } from './record.table.js';

type Db = Kysely<Database> | Transaction<Database>;

/** What an import run has committed so far; written in the same transaction as the records it counts. */
export interface ImportRunCounts {
  added: number;
  updated: number;
  unchanged: number;
  deleted: number;
  skipped: number;
}

/** Starts a run (status `running`) and returns its id. */
export async function insertImportRun(db: Db, input: string, format: string, startedAt: string): Promise<number> {
  const { id } = await db
    .insertInto('import_run')
    .values({ input, format, status: 'running', added: 0, updated: 0, unchanged: 0, deleted: 0, skipped: 0, problems: '[]', error: null, started_at: startedAt, finished_at: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** Records a run's committed counts and problems; `finish` also closes it as completed or failed. */
export async function updateImportRun(
  db: Db,
  id: number,
  counts: ImportRunCounts,
  problems: string,
  finish?: { status: 'completed' | 'failed'; at: string; error?: string },
): Promise<void> {
  await db
    .updateTable('import_run')
    .set({ ...counts, problems, ...(finish ? { status: finish.status, finished_at: finish.at, error: finish.error ?? null } : {}) })
    .where('id', '=', id)
    .execute();
}

export async function findImportRunById(db: Db, id: number): Promise<ImportRunRow | undefined> {
  return db.selectFrom('import_run').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The most recently started run, whatever its status. */
export async function findLatestImportRun(db: Db): Promise<ImportRunRow | undefined> {
  return db.selectFrom('import_run').selectAll().orderBy('id', 'desc').limit(1).executeTakeFirst();
}
