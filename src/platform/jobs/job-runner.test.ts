import assert from 'node:assert/strict';
import { beforeEach, it } from 'node:test';
import Fastify from 'fastify';
import { eachDialect } from '../../../test/helpers/databases.js';
import { type RegisteredJob, type RunEnvironment, runClaimedJob } from './job-runner.js';
import { claimDueJobs, findJobById, insertJob } from './job.repository.js';

const T0 = '2030-01-01T00:00:00.000Z';
const silentLog = Fastify({ logger: false }).log;

eachDialect('job runner', (getDb) => {
  beforeEach(async () => {
    await getDb().deleteFrom('job').execute();
  });

  const environment = (workerId: string, handlers: Record<string, RegisteredJob>): RunEnvironment => ({
    db: getDb(),
    workerId,
    now: () => new Date(T0),
    log: silentLog,
    handlers: new Map(Object.entries(handlers)),
    defaultBackoffSeconds: 10,
  });

  it('fails for good, without running it again, a job whose last attempt died with its worker', async () => {
    let ran = false;
    const handler: RegisteredJob = {
      handler: async () => {
        ran = true;
      },
      maxAttempts: 2,
      backoffSeconds: 10,
    };
    const id = await insertJob(getDb(), { name: 'test.exhausted', payload: '{}', runAt: T0, maxAttempts: 2, now: T0 });
    await getDb().updateTable('job').set({ status: 'running', attempts: 2, locked_by: 'dead', locked_until: T0 }).where('id', '=', id).execute();
    const [job] = await claimDueJobs(getDb(), { workerId: 'w', limit: 1, lockedUntil: T0, now: '2030-01-01T00:00:01.000Z' });
    assert.ok(job);
    await runClaimedJob(job, environment('w', { 'test.exhausted': handler }));
    const row = await findJobById(getDb(), id);
    assert.equal(ran, false);
    assert.equal(row?.status, 'failed');
    assert.match(row?.last_error ?? '', /Gave up after 2 attempts/);
  });

  it('does not overwrite the outcome once another worker has taken the job over', async () => {
    const id = await insertJob(getDb(), { name: 'test.overtaken', payload: '{}', runAt: T0, maxAttempts: 3, now: T0 });
    const [job] = await claimDueJobs(getDb(), { workerId: 'slow', limit: 1, lockedUntil: T0, now: T0 });
    assert.ok(job);
    const handler: RegisteredJob = {
      handler: async () => {
        // While the slow worker runs, its claim expires and a second worker takes the job.
        await getDb().updateTable('job').set({ locked_by: 'fast', attempts: 2 }).where('id', '=', id).execute();
        throw new Error('slow worker failed');
      },
      maxAttempts: 3,
      backoffSeconds: 10,
    };
    await runClaimedJob(job, environment('slow', { 'test.overtaken': handler }));
    const row = await findJobById(getDb(), id);
    assert.deepEqual([row?.status, row?.locked_by, row?.last_error], ['running', 'fast', null]);
  });
});
