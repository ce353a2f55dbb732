import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

export type JobStatus = 'pending' | 'running' | 'done' | 'failed';

/** A unit of background work: claimed by one worker at a time, retried with backoff. */
export interface JobTable {
  id: Generated<number>;
  /** The handler's name, e.g. `mail.deliver`. */
  name: string;
  /** JSON payload given to the handler. */
  payload: string;
  status: JobStatus;
  attempts: number;
  max_attempts: number;
  /** Not before this time (backoff and delayed jobs). */
  run_at: string;
  /** While running: the claim expires at this time, after which another worker may take the job. */
  locked_until: string | null;
  locked_by: string | null;
  last_error: string | null;
  created_at: string;
  updated_at: string;
}

/** A recurring job: one row per schedule name; `next_run_at` moves forward each time it is enqueued. */
export interface JobScheduleTable {
  name: string;
  job_name: string;
  payload: string;
  interval_seconds: number;
  next_run_at: string;
  last_enqueued_at: string | null;
}

export type JobRow = Selectable<JobTable>;
export type NewJobRow = Insertable<JobTable>;
export type JobUpdate = Updateable<JobTable>;
export type JobScheduleRow = Selectable<JobScheduleTable>;
