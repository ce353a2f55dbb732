import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import { type JobHandler, type JobMetrics, type RegisteredJob, type RunEnvironment, UnknownJobError, runClaimedJob } from './job-runner.js';
import { JobScheduler, type ScheduleOptions } from './job-scheduler.js';
import { PollingLoop } from './job-worker.js';
import { claimDueJobs, insertJob } from './job.repository.js';

export type { ScheduleOptions } from './job-scheduler.js';

/** Settings for a queue; everything but `db` and `log` has a sensible default. */
export interface JobQueueOptions {
  readonly db: Kysely<Database>;
  /** Jobs log through children of this logger (the Fastify logger). */
  readonly log: FastifyBaseLogger;
  /** Names this worker in `locked_by`; unique per queue by default. */
  readonly workerId?: string;
  /** The clock; tests pass their own. */
  readonly now?: () => Date;
  /** Worker poll interval (default 1 s). */
  readonly pollIntervalMs?: number;
  /** Jobs claimed per poll (default 10). */
  readonly batchSize?: number;
  /** How long a claim lasts before another worker may take the job over (default 5 minutes). */
  readonly lockSeconds?: number;
  /** For jobs registered without their own (default 5). */
  readonly defaultMaxAttempts?: number;
  /** For jobs registered without their own (default 10 s). */
  readonly defaultBackoffSeconds?: number;
  readonly metrics?: JobMetrics;
}

/** A job type's retry policy. */
export interface RegisterOptions {
  readonly maxAttempts?: number;
  readonly backoffSeconds?: number;
}

export interface EnqueueOptions {
  /** Not before this time (default now). */
  readonly runAt?: Date;
  /** Overrides the registered policy for this one job. */
  readonly maxAttempts?: number;
  /** A transaction, so the job is written atomically with the change that caused it. */
  readonly db?: Kysely<Database>;
}

/**
 * The durable job queue: jobs live in the `job` table, so they survive restarts, and any number of khub
 * processes may work the same queue. Each job runs at least once; handlers must tolerate a repeat.
 */
export class JobQueue {
  readonly workerId: string;
  readonly #handlers = new Map<string, RegisteredJob>();
  readonly #db: Kysely<Database>;
  readonly #now: () => Date;
  readonly #batchSize: number;
  readonly #lockSeconds: number;
  readonly #defaults: { maxAttempts: number; backoffSeconds: number };
  readonly #env: RunEnvironment;
  readonly #loop: PollingLoop;
  readonly #scheduler: JobScheduler;

  constructor(options: JobQueueOptions) {
    this.#db = options.db;
    this.#now = options.now ?? (() => new Date());
    this.workerId = options.workerId ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
    this.#batchSize = options.batchSize ?? 10;
    this.#lockSeconds = options.lockSeconds ?? 300;
    this.#defaults = { maxAttempts: options.defaultMaxAttempts ?? 5, backoffSeconds: options.defaultBackoffSeconds ?? 10 };
    this.#env = {
      db: options.db,
      workerId: this.workerId,
      now: this.#now,
      log: options.log,
      handlers: this.#handlers,
      defaultBackoffSeconds: this.#defaults.backoffSeconds,
      metrics: options.metrics,
    };
    this.#scheduler = new JobScheduler(options.db, this.#now);
    this.#loop = new PollingLoop(() => this.runDue(), {
      pollIntervalMs: options.pollIntervalMs ?? 1000,
      batchSize: this.#batchSize,
      log: options.log,
    });
  }

  /** Declares the handler for a job name; each name has exactly one. */
  register(name: string, handler: JobHandler, options: RegisterOptions = {}): void {
    if (this.#handlers.has(name)) throw new Error(`A handler for job "${name}" is already registered`);
    this.#handlers.set(name, {
      handler,
      maxAttempts: options.maxAttempts ?? this.#defaults.maxAttempts,
      backoffSeconds: options.backoffSeconds ?? this.#defaults.backoffSeconds,
    });
  }

  /** Adds a job and returns its id. Pass `db: trx` to write it in the caller's transaction. */
  async enqueue(name: string, payload: unknown, options: EnqueueOptions = {}): Promise<number> {
    const registered = this.#handlers.get(name);
    // Fail at the call site rather than in the worker, where a typo would surface only as a failed job.
    if (!registered) throw new UnknownJobError(name);
    const now = this.#now();
    return insertJob(options.db ?? this.#db, {
      name,
      payload: JSON.stringify(payload ?? null),
      runAt: (options.runAt ?? now).toISOString(),
      maxAttempts: options.maxAttempts ?? registered.maxAttempts,
      now: now.toISOString(),
    });
  }

  /**
   * Declares a recurring job; every process may declare the same one at every start. It is written to the
   * database by the next `runDue`, and an existing schedule keeps its place in time.
   */
  schedule(options: ScheduleOptions): void {
    if (!this.#handlers.has(options.jobName)) throw new UnknownJobError(options.jobName);
    this.#scheduler.declare(options);
  }

  /** Enqueues one job for each due schedule; with several processes racing, exactly one wins each. Returns how many. */
  async enqueueDueSchedules(): Promise<number> {
    return this.#scheduler.enqueueDue((jobName) => this.#handlers.get(jobName)?.maxAttempts ?? this.#defaults.maxAttempts);
  }

  /** Enqueues due schedules, then claims and runs one batch of due jobs. Returns how many jobs it ran. */
  async runDue(options: { limit?: number } = {}): Promise<number> {
    await this.enqueueDueSchedules();
    const now = this.#now();
    const jobs = await claimDueJobs(this.#db, {
      workerId: this.workerId,
      limit: options.limit ?? this.#batchSize,
      lockedUntil: new Date(now.getTime() + this.#lockSeconds * 1000).toISOString(),
      now: now.toISOString(),
    });
    // Wait for every job, even when one hits a database error, so `stop()` never leaves a job half-done.
    const results = await Promise.allSettled(jobs.map((job) => runClaimedJob(job, this.#env)));
    const failure = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failure) throw failure.reason;
    return jobs.length;
  }

  /** Starts polling for due jobs about once a second. */
  start(): void {
    this.#loop.start();
  }

  /** Stops polling and waits for the jobs in progress to finish. */
  async stop(): Promise<void> {
    await this.#loop.stop();
  }

  get running(): boolean {
    return this.#loop.running;
  }
}
