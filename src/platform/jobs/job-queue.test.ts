import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import Fastify from 'fastify';
import { eachDialect } from '../../../test/helpers/databases.js';
import { JobQueue, type JobQueueOptions } from './job-queue.js';
import { type JobContext, type JobMetrics, UnknownJobError, retryDelaySeconds } from './job-runner.js';
import { nextRunAfter } from './job-scheduler.js';
import { findJobById, insertJob } from './job.repository.js';

const T0 = '2030-01-01T00:00:00.000Z';
const at = (seconds: number) => new Date(Date.parse(T0) + seconds * 1000).toISOString();
const silentLog = Fastify({ logger: false }).log;

/** A clock tests move by hand. */
function manualClock() {
  let current = new Date(T0);
  return { now: () => current, advance: (seconds: number) => (current = new Date(current.getTime() + seconds * 1000)) };
}

function recordingMetrics() {
  const events: string[] = [];
  const metrics: JobMetrics = {
    completed: (name) => events.push(`completed ${name}`),
    failed: (name, final) => events.push(`failed ${name} final=${final}`),
  };
  return { events, metrics };
}

describe('retry delays and schedule steps', () => {
  it('doubles the delay after each failed attempt, capped at an hour', () => {
    assert.deepEqual([1, 2, 3, 4].map((n) => retryDelaySeconds(n, 30)), [30, 60, 120, 240]);
    assert.equal(retryDelaySeconds(20, 30), 3600);
  });

  it('moves a schedule to the next grid point after now, skipping missed ones', () => {
    assert.equal(nextRunAfter(T0, 60, new Date(T0)), at(60));
    assert.equal(nextRunAfter(T0, 60, new Date(at(59))), at(60));
    assert.equal(nextRunAfter(T0, 60, new Date(at(185))), at(240));
  });
});

eachDialect('job queue', (getDb) => {
  let clock = manualClock();
  beforeEach(async () => {
    clock = manualClock();
    await getDb().deleteFrom('job').execute();
    await getDb().deleteFrom('job_schedule').execute();
  });
  const queue = (options: Partial<JobQueueOptions> = {}) => new JobQueue({ db: getDb(), log: silentLog, now: clock.now, ...options });

  it('runs an enqueued job’s handler with its payload, then marks it done', async () => {
    const { events, metrics } = recordingMetrics();
    const jobs = queue({ metrics });
    const calls: [unknown, JobContext][] = [];
    jobs.register('test.echo', async (payload, context) => {
      calls.push([payload, context]);
    });
    const id = await jobs.enqueue('test.echo', { greeting: 'hello' });
    assert.equal(await jobs.runDue(), 1);
    assert.equal(calls.length, 1);
    assert.deepEqual(calls[0]?.[0], { greeting: 'hello' });
    assert.equal(calls[0]?.[1].jobId, id);
    assert.equal(calls[0]?.[1].attempt, 1);
    assert.equal((await findJobById(getDb(), id))?.status, 'done');
    assert.deepEqual(events, ['completed test.echo']);
    assert.equal(await jobs.runDue(), 0);
  });

  it('waits until runAt before running a delayed job', async () => {
    const jobs = queue();
    jobs.register('test.later', async () => undefined);
    await jobs.enqueue('test.later', null, { runAt: new Date(at(30)) });
    assert.equal(await jobs.runDue(), 0);
    clock.advance(30);
    assert.equal(await jobs.runDue(), 1);
  });

  it('retries a failing job with exponential backoff, then fails it for good', async () => {
    const { events, metrics } = recordingMetrics();
    const jobs = queue({ metrics });
    jobs.register('test.flaky', async (_payload, { attempt }) => {
      throw new Error(`attempt ${attempt} broke`);
    }, { maxAttempts: 3, backoffSeconds: 20 });
    const id = await jobs.enqueue('test.flaky', {});

    await jobs.runDue();
    let job = await findJobById(getDb(), id);
    assert.deepEqual([job?.status, job?.attempts, job?.run_at, job?.last_error], ['pending', 1, at(20), 'Error: attempt 1 broke']);
    assert.equal(await jobs.runDue(), 0, 'not due again before its backoff has passed');

    clock.advance(20);
    await jobs.runDue();
    job = await findJobById(getDb(), id);
    assert.deepEqual([job?.status, job?.attempts, job?.run_at], ['pending', 2, at(60)]);

    clock.advance(40);
    await jobs.runDue();
    job = await findJobById(getDb(), id);
    assert.deepEqual([job?.status, job?.attempts, job?.last_error], ['failed', 3, 'Error: attempt 3 broke']);
    assert.deepEqual(events, ['failed test.flaky final=false', 'failed test.flaky final=false', 'failed test.flaky final=true']);
    clock.advance(3600);
    assert.equal(await jobs.runDue(), 0);
  });

  it('reclaims a job whose worker died mid-run and runs it on another worker', async () => {
    const crashed = queue({ lockSeconds: 60 });
    crashed.register('test.resume', async () => undefined);
    const id = await crashed.enqueue('test.resume', {});
    // The first worker claims the job and then vanishes without recording an outcome.
    await getDb().updateTable('job').set({ status: 'running', locked_by: crashed.workerId, locked_until: at(60), attempts: 1 }).where('id', '=', id).execute();

    const survivor = queue();
    const ran: number[] = [];
    survivor.register('test.resume', async (_payload, { attempt }) => {
      ran.push(attempt);
    });
    assert.equal(await survivor.runDue(), 0, 'the claim has not expired yet');
    clock.advance(61);
    assert.equal(await survivor.runDue(), 1);
    assert.deepEqual(ran, [2]);
    assert.equal((await findJobById(getDb(), id))?.status, 'done');
  });

  it('runs each job once when two workers poll at the same time', async () => {
    const counts = new Map<number, number>();
    const workers = [queue(), queue()];
    for (const worker of workers) {
      worker.register('test.once', async (_payload, { jobId }) => {
        counts.set(jobId, (counts.get(jobId) ?? 0) + 1);
      });
    }
    const ids = await Promise.all(Array.from({ length: 12 }, (_, i) => workers[0]!.enqueue('test.once', { i })));
    const processed = await Promise.all(workers.map((w) => w.runDue({ limit: 8 })));
    assert.equal(processed[0]! + processed[1]!, 12);
    assert.deepEqual([...counts.keys()].sort((a, b) => a - b), ids.sort((a, b) => a - b));
    assert.ok([...counts.values()].every((n) => n === 1));
  });

  it('enqueues a schedule once per interval even when two processes tick together', async () => {
    const processes = [queue(), queue()];
    const runs: unknown[] = [];
    for (const instance of processes) {
      instance.register('test.tick', async (payload) => {
        runs.push(payload);
      });
      instance.schedule({ name: 'test.every-minute', jobName: 'test.tick', intervalSeconds: 60, payload: { n: 1 } });
    }
    const jobCount = async () => Number((await getDb().selectFrom('job').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

    assert.deepEqual((await Promise.all(processes.map((p) => p.enqueueDueSchedules()))).sort(), [0, 1]);
    assert.equal(await jobCount(), 1);
    clock.advance(30);
    await Promise.all(processes.map((p) => p.runDue()));
    assert.equal(await jobCount(), 1, 'not again within the interval');
    assert.deepEqual(runs, [{ n: 1 }]);
    clock.advance(30);
    await Promise.all(processes.map((p) => p.runDue()));
    assert.equal(await jobCount(), 2);
    assert.deepEqual(runs, [{ n: 1 }, { n: 1 }]);
  });

  it('leaves no job behind when the transaction that enqueued it rolls back', async () => {
    const jobs = queue();
    jobs.register('test.tx', async () => undefined);
    await assert.rejects(
      getDb()
        .transaction()
        .execute(async (trx) => {
          await jobs.enqueue('test.tx', { kept: false }, { db: trx });
          throw new Error('the change failed');
        }),
      /the change failed/,
    );
    assert.equal((await getDb().selectFrom('job').selectAll().execute()).length, 0);
    const id = await getDb().transaction().execute((trx) => jobs.enqueue('test.tx', { kept: true }, { db: trx }));
    assert.equal((await findJobById(getDb(), id))?.payload, '{"kept":true}');
  });

  it('refuses to enqueue or schedule a job name nobody registered', async () => {
    const jobs = queue();
    await assert.rejects(jobs.enqueue('test.typo', {}), (error: unknown) => error instanceof UnknownJobError && /"test\.typo"/.test(error.message));
    assert.throws(() => jobs.schedule({ name: 's', jobName: 'test.typo', intervalSeconds: 60 }), UnknownJobError);
  });

  it('fails a stored job with no handler clearly instead of dropping it', async () => {
    const { events, metrics } = recordingMetrics();
    const jobs = queue({ metrics, defaultBackoffSeconds: 5 });
    const id = await insertJob(getDb(), { name: 'test.ghost', payload: '{}', runAt: T0, maxAttempts: 2, now: T0 });
    assert.equal(await jobs.runDue(), 1);
    let job = await findJobById(getDb(), id);
    assert.deepEqual([job?.status, job?.run_at], ['pending', at(5)], 'retried, in case a newer worker knows it');
    assert.match(job?.last_error ?? '', /No handler is registered for job "test\.ghost"/);
    clock.advance(5);
    await jobs.runDue();
    job = await findJobById(getDb(), id);
    assert.equal(job?.status, 'failed');
    assert.deepEqual(events, ['failed test.ghost final=false', 'failed test.ghost final=true']);
  });
});
