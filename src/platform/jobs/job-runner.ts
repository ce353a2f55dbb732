import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import { markJobDone, markJobFailed } from './job.repository.js';
import type { JobRow } from './job.table.js';

/** What a handler is told about the job it runs. */
export interface JobContext {
  readonly jobId: number;
  /** 1 for the first try, 2 for the first retry, … */
  readonly attempt: number;
  /** When `attempt` equals this, a failure is final. */
  readonly maxAttempts: number;
  /** The app's logger, bound to this job's name and id. */
  readonly log: FastifyBaseLogger;
}

/**
 * Does one job's work. The payload is untrusted JSON from the database: validate it before use.
 * Throwing fails the attempt; the job is retried with backoff until it runs out of attempts.
 */
export type JobHandler = (payload: unknown, context: JobContext) => Promise<void>;

/** A handler and its retry policy. */
export interface RegisteredJob {
  readonly handler: JobHandler;
  readonly maxAttempts: number;
  /** The first retry waits this long; each later one twice as long as the one before. */
  readonly backoffSeconds: number;
}

/** Counts outcomes, e.g. into Prometheus. */
export interface JobMetrics {
  completed(name: string): void;
  failed(name: string, final: boolean): void;
}

/** Everything needed to run a claimed job. @internal */
export interface RunEnvironment {
  readonly db: Kysely<Database>;
  readonly workerId: string;
  readonly now: () => Date;
  readonly log: FastifyBaseLogger;
  readonly handlers: ReadonlyMap<string, RegisteredJob>;
  /** Backoff for jobs this process has no handler for. */
  readonly defaultBackoffSeconds: number;
  readonly metrics?: JobMetrics;
}

/** The longest wait between two attempts, however many have failed. */
export const MAX_BACKOFF_SECONDS = 3600;
const MAX_ERROR_LENGTH = 4000;

/** Seconds to wait after failed attempt number `attempt` (1-based): base, 2×base, 4×base, … capped at an hour. */
export function retryDelaySeconds(attempt: number, baseSeconds: number): number {
  return Math.min(MAX_BACKOFF_SECONDS, baseSeconds * 2 ** Math.max(0, attempt - 1));
}

/** A job nobody registered a handler for, e.g. written by a newer version of khub. */
export class UnknownJobError extends Error {
  constructor(readonly jobName: string) {
    super(`No handler is registered for job "${jobName}"`);
    this.name = 'UnknownJobError';
  }
}

function describeError(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.length > MAX_ERROR_LENGTH ? `${text.slice(0, MAX_ERROR_LENGTH)}…` : text;
}

async function recordFailure(job: JobRow, error: unknown, env: RunEnvironment, log: FastifyBaseLogger): Promise<void> {
  const final = job.attempts >= job.max_attempts;
  const now = env.now();
  const base = env.handlers.get(job.name)?.backoffSeconds ?? env.defaultBackoffSeconds;
  const retryAt = final ? undefined : new Date(now.getTime() + retryDelaySeconds(job.attempts, base) * 1000).toISOString();
  const kept = await markJobFailed(env.db, job.id, { workerId: env.workerId, error: describeError(error), now: now.toISOString(), retryAt });
  if (!kept) {
    log.warn({ err: error }, 'job failed after its claim expired; another worker has it now');
    return;
  }
  env.metrics?.failed(job.name, final);
  if (final) log.error({ err: error, attempt: job.attempts }, 'job failed for good');
  else log.warn({ err: error, attempt: job.attempts, retryAt }, 'job failed; will retry');
}

function handlerFor(job: JobRow, env: RunEnvironment): JobHandler {
  const registered = env.handlers.get(job.name);
  if (!registered) throw new UnknownJobError(job.name);
  // Only a claim taken over from a worker that died can get here: it counted an attempt it never finished.
  if (job.attempts > job.max_attempts) {
    throw new Error(`Gave up after ${job.max_attempts} attempts; the worker running the last one stopped before finishing`);
  }
  return registered.handler;
}

/** Runs one claimed job and records the outcome. Handler errors are recorded, never thrown; database errors are. */
export async function runClaimedJob(job: JobRow, env: RunEnvironment): Promise<void> {
  const log = env.log.child({ job: job.name, jobId: job.id });
  const started = Date.now();
  try {
    const handler = handlerFor(job, env);
    const payload: unknown = JSON.parse(job.payload);
    await handler(payload, { jobId: job.id, attempt: job.attempts, maxAttempts: job.max_attempts, log });
  } catch (error) {
    await recordFailure(job, error, env, log);
    return;
  }
  const kept = await markJobDone(env.db, job.id, env.workerId, env.now().toISOString());
  if (!kept) {
    log.warn('job finished after its claim expired; another worker has it now');
    return;
  }
  env.metrics?.completed(job.name);
  log.info({ attempt: job.attempts, durationMs: Date.now() - started }, 'job done');
}
