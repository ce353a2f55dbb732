import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import { advanceSchedule, listDueSchedules, upsertSchedule } from './job-schedule.repository.js';
import { insertJob } from './job.repository.js';

/** A recurring job as its owner declares it. */
export interface ScheduleOptions {
  /** Unique schedule name. */
  readonly name: string;
  /** A registered job name. */
  readonly jobName: string;
  readonly intervalSeconds: number;
  readonly payload?: unknown;
  /** When a new schedule first falls due (default: when it is first written). */
  readonly firstRunAt?: Date;
}

/** Finds the first point on the schedule's grid (`from` + k × interval) that is later than `now`. */
export function nextRunAfter(from: string, intervalSeconds: number, now: Date): string {
  const start = Date.parse(from);
  const step = intervalSeconds * 1000;
  const steps = Math.floor(Math.max(0, now.getTime() - start) / step) + 1;
  return new Date(start + steps * step).toISOString();
}

/**
 * Recurring jobs. Declaring one only records it: the database is first touched by the worker's poll,
 * so a process starts (and serves /readyz) even while its database is down.
 * @internal
 */
export class JobScheduler {
  readonly #unsaved = new Map<string, ScheduleOptions>();

  constructor(
    private readonly db: Kysely<Database>,
    private readonly now: () => Date,
  ) {}

  declare(options: ScheduleOptions): void {
    if (!Number.isInteger(options.intervalSeconds) || options.intervalSeconds < 1) {
      throw new RangeError(`Schedule "${options.name}": intervalSeconds must be a whole number of at least 1`);
    }
    this.#unsaved.set(options.name, options);
  }

  /** Writes declared schedules not yet saved; one that fails stays unsaved for the next poll. */
  async #save(): Promise<void> {
    for (const [name, options] of this.#unsaved) {
      await upsertSchedule(this.db, {
        name,
        jobName: options.jobName,
        payload: JSON.stringify(options.payload ?? null),
        intervalSeconds: options.intervalSeconds,
        firstRunAt: (options.firstRunAt ?? this.now()).toISOString(),
      });
      this.#unsaved.delete(name);
    }
  }

  /** Enqueues one job for each due schedule; with several processes racing, exactly one wins each. Returns how many. */
  async enqueueDue(maxAttemptsFor: (jobName: string) => number): Promise<number> {
    await this.#save();
    const now = this.now();
    const at = now.toISOString();
    let enqueued = 0;
    for (const schedule of await listDueSchedules(this.db, at)) {
      const next = nextRunAfter(schedule.next_run_at, schedule.interval_seconds, now);
      // The optimistic update and the insert commit together: the winner's job exists if and only if it moved the schedule.
      const won = await this.db.transaction().execute(async (trx) => {
        if (!(await advanceSchedule(trx, schedule.name, schedule.next_run_at, next, at))) return false;
        const maxAttempts = maxAttemptsFor(schedule.job_name);
        await insertJob(trx, { name: schedule.job_name, payload: schedule.payload, runAt: at, maxAttempts, now: at });
        return true;
      });
      if (won) enqueued += 1;
    }
    return enqueued;
  }
}
