import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import { dialectOf } from '../db/dialect.js';
import type { JobRow } from './job.table.js';

type Db = Kysely<Database>;

/** What a new job needs; timestamps are ISO-8601 UTC strings. */
export interface NewJob {
  /** The handler's name, e.g. `mail.deliver`. */
  readonly name: string;
  /** Already serialised JSON. */
  readonly payload: string;
  /** Not before this time. */
  readonly runAt: string;
  readonly maxAttempts: number;
  /** Creation time. */
  readonly now: string;
}

/** How a worker claims jobs. */
export interface ClaimOptions {
  /** Identifies the claiming worker; written to `locked_by`. */
  readonly workerId: string;
  /** At most this many jobs. */
  readonly limit: number;
  /** The claim expires at this time, after which another worker may take a job it still holds. */
  readonly lockedUntil: string;
  /** Jobs due at or before this time are claimed. */
  readonly now: string;
}

/** Writes a pending job and returns its id. */
export async function insertJob(db: Db, job: NewJob): Promise<number> {
  const row = await db
    .insertInto('job')
    .values({
      name: job.name,
      payload: job.payload,
      status: 'pending',
      attempts: 0,
      max_attempts: job.maxAttempts,
      run_at: job.runAt,
      created_at: job.now,
      updated_at: job.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function findJobById(db: Db, id: number): Promise<JobRow | undefined> {
  return db.selectFrom('job').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * Claims up to `limit` due jobs for one worker in a single UPDATE … RETURNING: pending jobs whose time
 * has come, and running jobs whose claim has expired (their worker died). Each claim counts as an attempt.
 */
export async function claimDueJobs(db: Db, options: ClaimOptions): Promise<JobRow[]> {
  const postgres = dialectOf(db) === 'postgres';
  const rows = await db
    .updateTable('job')
    .set({
      status: 'running',
      locked_by: options.workerId,
      locked_until: options.lockedUntil,
      attempts: sql<number>`attempts + 1`,
      updated_at: options.now,
    })
    .where('id', 'in', (eb) => {
      const due = eb
        .selectFrom('job')
        .select('id')
        .where((w) =>
          w.or([
            w.and([w('status', '=', 'pending'), w('run_at', '<=', options.now)]),
            w.and([w('status', '=', 'running'), w('locked_until', '<', options.now)]),
          ]),
        )
        .orderBy('run_at')
        .orderBy('id')
        .limit(options.limit);
      // PostgreSQL: concurrent workers each skip rows another has locked, so no job is claimed twice.
      // SQLite has no row locks; the single UPDATE statement already runs under its one write lock.
      return postgres ? due.forUpdate().skipLocked() : due;
    })
    .returningAll()
    .execute();
  // RETURNING promises no order; run jobs in the order they fell due.
  return rows.sort((a, b) => (a.run_at === b.run_at ? a.id - b.id : a.run_at < b.run_at ? -1 : 1));
}

/**
 * Marks a job done. The update only applies while this worker still holds the claim, so a worker whose
 * claim expired cannot overwrite the outcome of the worker that took the job over. Returns false then.
 */
export async function markJobDone(db: Db, id: number, workerId: string, now: string): Promise<boolean> {
  const result = await db
    .updateTable('job')
    .set({ status: 'done', locked_by: null, locked_until: null, last_error: null, updated_at: now })
    .where('id', '=', id)
    .where('status', '=', 'running')
    .where('locked_by', '=', workerId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** How a failed attempt ends: another try at `retryAt`, or (without it) the job fails for good. */
export interface JobFailure {
  readonly workerId: string;
  readonly error: string;
  readonly now: string;
  /** When to try again; omit to fail the job permanently. */
  readonly retryAt?: string;
}

/** Records a failed attempt: back to pending with a later `run_at`, or `failed` for good. False if the claim was lost. */
export async function markJobFailed(db: Db, id: number, failure: JobFailure): Promise<boolean> {
  const next = failure.retryAt ? { status: 'pending' as const, run_at: failure.retryAt } : { status: 'failed' as const };
  const result = await db
    .updateTable('job')
    .set({ ...next, locked_by: null, locked_until: null, last_error: failure.error, updated_at: failure.now })
    .where('id', '=', id)
    .where('status', '=', 'running')
    .where('locked_by', '=', failure.workerId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
