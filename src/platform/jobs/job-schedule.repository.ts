import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import type { JobScheduleRow } from './job.table.js';

type Db = Kysely<Database>;

/** A recurring job as its owner declares it. */
export interface ScheduleDefinition {
  /** Unique schedule name, e.g. `session.cleanup`. */
  readonly name: string;
  /** The job enqueued each time. */
  readonly jobName: string;
  /** Already serialised JSON given to each job. */
  readonly payload: string;
  readonly intervalSeconds: number;
  /** Used only when the schedule is new: the first time it is due. */
  readonly firstRunAt: string;
}

/**
 * Creates or updates a schedule by name. An existing schedule keeps its `next_run_at`, so every process
 * declaring it at start-up neither resets its cadence nor makes it due again.
 */
export async function upsertSchedule(db: Db, schedule: ScheduleDefinition): Promise<void> {
  await db
    .insertInto('job_schedule')
    .values({
      name: schedule.name,
      job_name: schedule.jobName,
      payload: schedule.payload,
      interval_seconds: schedule.intervalSeconds,
      next_run_at: schedule.firstRunAt,
    })
    .onConflict((oc) =>
      oc.column('name').doUpdateSet((eb) => ({
        job_name: eb.ref('excluded.job_name'),
        payload: eb.ref('excluded.payload'),
        interval_seconds: eb.ref('excluded.interval_seconds'),
      })),
    )
    .execute();
}

export async function findScheduleByName(db: Db, name: string): Promise<JobScheduleRow | undefined> {
  return db.selectFrom('job_schedule').selectAll().where('name', '=', name).executeTakeFirst();
}

/** Schedules whose next run is at or before `now`. */
export async function listDueSchedules(db: Db, now: string): Promise<JobScheduleRow[]> {
  return db.selectFrom('job_schedule').selectAll().where('next_run_at', '<=', now).orderBy('next_run_at').execute();
}

/**
 * Moves a schedule on from `expectedNextRunAt` to `nextRunAt`, only if no other process did so first.
 * Returns true for exactly one of several processes racing on the same due schedule: that one enqueues the job.
 */
export async function advanceSchedule(db: Db, name: string, expectedNextRunAt: string, nextRunAt: string, now: string): Promise<boolean> {
  const result = await db
    .updateTable('job_schedule')
    .set({ next_run_at: nextRunAt, last_enqueued_at: now })
    .where('name', '=', name)
    .where('next_run_at', '=', expectedNextRunAt)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
