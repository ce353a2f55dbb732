import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { Counter } from 'prom-client';
import { deleteExpiredSessions } from '../http/session.js';
import type { JobMetrics } from './job-runner.js';
import { JobQueue } from './job-queue.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** The durable job queue: register handlers, enqueue work, declare schedules. */
    jobs: JobQueue;
  }
}

/** The housekeeping job that deletes expired sessions, and how often it runs. */
export const SESSION_CLEANUP_JOB = 'session.cleanup';
const HOUR_SECONDS = 3600;

function prometheusMetrics(app: FastifyInstance): JobMetrics {
  const completed = new Counter({
    name: 'khub_jobs_completed_total',
    help: 'Background jobs that finished successfully, by job name',
    labelNames: ['name'] as const,
    registers: [app.metrics],
  });
  const failed = new Counter({
    name: 'khub_jobs_failed_total',
    help: 'Failed background job attempts, by job name and whether the failure was final',
    labelNames: ['name', 'final'] as const,
    registers: [app.metrics],
  });
  return {
    completed: (name) => completed.inc({ name }),
    failed: (name, final) => failed.inc({ name, final: String(final) }),
  };
}

function registerHousekeeping(app: FastifyInstance): void {
  app.jobs.register(SESSION_CLEANUP_JOB, async (_payload, { log }) => {
    const deleted = await deleteExpiredSessions(app.db);
    log.info({ deleted }, 'expired sessions deleted');
  });
  app.jobs.schedule({ name: SESSION_CLEANUP_JOB, jobName: SESSION_CLEANUP_JOB, intervalSeconds: HOUR_SECONDS });
}

/**
 * Decorates `app.jobs` and, when `config.runJobs` is set, runs the worker from ready until close.
 * Without it no timer is started: the process only enqueues, and another process does the work.
 */
async function jobsPlugin(app: FastifyInstance): Promise<void> {
  const queue = new JobQueue({ db: app.db, log: app.log.child({ component: 'jobs' }), metrics: prometheusMetrics(app) });
  app.decorate('jobs', queue);
  registerHousekeeping(app);

  if (!app.config.runJobs) return;
  app.addHook('onReady', async () => {
    queue.start();
    app.log.info({ workerId: queue.workerId }, 'job worker started');
  });
  // preClose runs before any onClose hook, so the database is still open while running jobs finish.
  app.addHook('preClose', async () => {
    await queue.stop();
  });
}

export default fp(jobsPlugin, { name: 'khub-jobs', dependencies: ['khub-operations'] });
