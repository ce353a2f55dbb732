import assert from 'node:assert/strict';
import { beforeEach, it } from 'node:test';
import { eachDialect } from '../../../test/helpers/databases.js';
import { advanceSchedule, findScheduleByName, listDueSchedules, upsertSchedule } from './job-schedule.repository.js';
import { claimDueJobs, findJobById, insertJob, markJobDone, markJobFailed } from './job.repository.js';

const T0 = '2030-01-01T00:00:00.000Z';
const at = (seconds: number) => new Date(Date.parse(T0) + seconds * 1000).toISOString();

eachDialect('job repository', (getDb) => {
  beforeEach(async () => {
    await getDb().deleteFrom('job').execute();
    await getDb().deleteFrom('job_schedule').execute();
  });

  const addJob = (name: string, runAt = T0, maxAttempts = 3) => insertJob(getDb(), { name, payload: '{}', runAt, maxAttempts, now: T0 });
  const claim = (workerId: string, limit: number, now = T0) => claimDueJobs(getDb(), { workerId, limit, lockedUntil: at(300), now });

  it('inserts a pending job with no attempts', async () => {
    const id = await addJob('test.insert');
    const job = await findJobById(getDb(), id);
    assert.equal(job?.status, 'pending');
    assert.equal(job?.attempts, 0);
    assert.equal(job?.run_at, T0);
    assert.equal(job?.payload, '{}');
  });

  it('claims due jobs in run_at order and leaves future ones alone', async () => {
    const later = await addJob('test.order', at(-10));
    const earlier = await addJob('test.order', at(-20));
    await addJob('test.order', at(60));
    const claimed = await claim('worker-a', 10);
    assert.deepEqual(
      claimed.map((j) => j.id),
      [earlier, later],
    );
    for (const job of claimed) {
      assert.equal(job.status, 'running');
      assert.equal(job.locked_by, 'worker-a');
      assert.equal(job.locked_until, at(300));
      assert.equal(job.attempts, 1);
    }
  });

  it('respects the limit and never hands a claimed job to a second worker', async () => {
    await addJob('test.limit');
    await addJob('test.limit');
    assert.equal((await claim('worker-a', 1)).length, 1);
    assert.equal((await claim('worker-b', 5)).length, 1);
    assert.equal((await claim('worker-c', 5)).length, 0);
  });

  it('gives concurrent claims disjoint sets of jobs, each job exactly once', async () => {
    const ids = await Promise.all(Array.from({ length: 40 }, () => addJob('test.concurrent')));
    const batches = await Promise.all(Array.from({ length: 8 }, (_, i) => claim(`worker-${i}`, 5)));
    const claimed = batches.flatMap((batch) => batch.map((j) => j.id));
    assert.equal(new Set(claimed).size, claimed.length, 'a job was claimed twice');
    assert.deepEqual([...claimed].sort((a, b) => a - b), [...ids].sort((a, b) => a - b));
    assert.ok(batches.flat().every((j) => j.attempts === 1));
  });

  it('reclaims a running job whose claim has expired, but not one still held', async () => {
    const stale = await addJob('test.stale');
    const held = await addJob('test.stale');
    await getDb().updateTable('job').set({ status: 'running', locked_by: 'dead', locked_until: at(-1), attempts: 1 }).where('id', '=', stale).execute();
    await getDb().updateTable('job').set({ status: 'running', locked_by: 'alive', locked_until: at(60), attempts: 1 }).where('id', '=', held).execute();
    const claimed = await claim('worker-b', 10);
    assert.deepEqual(
      claimed.map((j) => [j.id, j.locked_by, j.attempts]),
      [[stale, 'worker-b', 2]],
    );
  });

  it('lets only the worker holding the claim record the outcome', async () => {
    const id = await addJob('test.done');
    await claim('worker-a', 1);
    assert.equal(await markJobDone(getDb(), id, 'worker-b', at(1)), false);
    assert.equal((await findJobById(getDb(), id))?.status, 'running');
    assert.equal(await markJobDone(getDb(), id, 'worker-a', at(1)), true);
    const job = await findJobById(getDb(), id);
    assert.equal(job?.status, 'done');
    assert.equal(job?.locked_by, null);
    assert.equal(job?.updated_at, at(1));
  });

  it('puts a failed job back to pending at its retry time, or fails it for good', async () => {
    const retried = await addJob('test.fail');
    const final = await addJob('test.fail');
    await claim('worker-a', 2);
    await markJobFailed(getDb(), retried, { workerId: 'worker-a', error: 'Error: boom', now: at(1), retryAt: at(31) });
    await markJobFailed(getDb(), final, { workerId: 'worker-a', error: 'Error: bang', now: at(1) });
    const a = await findJobById(getDb(), retried);
    assert.deepEqual([a?.status, a?.run_at, a?.last_error, a?.locked_by], ['pending', at(31), 'Error: boom', null]);
    const b = await findJobById(getDb(), final);
    assert.deepEqual([b?.status, b?.run_at, b?.last_error], ['failed', T0, 'Error: bang']);
  });

  it('keeps a schedule’s next run when it is declared again, and updates its settings', async () => {
    await upsertSchedule(getDb(), { name: 's', jobName: 'test.a', payload: '{}', intervalSeconds: 60, firstRunAt: T0 });
    await upsertSchedule(getDb(), { name: 's', jobName: 'test.b', payload: '[1]', intervalSeconds: 120, firstRunAt: at(999) });
    const row = await findScheduleByName(getDb(), 's');
    assert.deepEqual(row, { name: 's', job_name: 'test.b', payload: '[1]', interval_seconds: 120, next_run_at: T0, last_enqueued_at: null });
  });

  it('advances a due schedule for exactly one of two racing processes', async () => {
    await upsertSchedule(getDb(), { name: 's', jobName: 'test.a', payload: '{}', intervalSeconds: 60, firstRunAt: T0 });
    assert.equal((await listDueSchedules(getDb(), at(-1))).length, 0);
    const [due] = await listDueSchedules(getDb(), T0);
    assert.ok(due);
    const wins = await Promise.all([1, 2].map(() => advanceSchedule(getDb(), 's', due.next_run_at, at(60), T0)));
    assert.deepEqual(wins.sort(), [false, true]);
    const row = await findScheduleByName(getDb(), 's');
    assert.equal(row?.next_run_at, at(60));
    assert.equal(row?.last_enqueued_at, T0);
  });
});
