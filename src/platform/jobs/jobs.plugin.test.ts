import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { build } from '../../../test/helpers/build-app.js';
import { findScheduleByName } from './job-schedule.repository.js';
import { SESSION_CLEANUP_JOB } from './jobs.plugin.js';

const past = new Date(Date.now() - 60_000).toISOString();
const future = new Date(Date.now() + 3_600_000).toISOString();

describe('jobs plugin', () => {
  it('schedules hourly session cleanup, which deletes expired sessions only', async (t) => {
    const app = await build(t, { config: { runJobs: false } });
    assert.equal(await findScheduleByName(app.db, SESSION_CLEANUP_JOB), undefined, 'building the app writes nothing');
    const session = { data: '{}', user_id: null, created_at: past, updated_at: past };
    await app.db.insertInto('session').values([
      { ...session, id: 'expired', expires_at: past },
      { ...session, id: 'current', expires_at: future },
    ]).execute();

    // Modules schedule hourly jobs of their own (search alerts), so more than this one may be due.
    assert.ok((await app.jobs.runDue()) >= 1);
    const schedule = await findScheduleByName(app.db, SESSION_CLEANUP_JOB);
    assert.equal(schedule?.interval_seconds, 3600);
    const left = await app.db.selectFrom('session').select('id').execute();
    assert.deepEqual(left.map((s) => s.id), ['current']);
    const job = await app.db.selectFrom('job').selectAll().where('name', '=', SESSION_CLEANUP_JOB).executeTakeFirst();
    assert.equal(job?.status, 'done');
  });

  it('counts completed and failed jobs in /metrics', async (t) => {
    const app = await build(t, { config: { runJobs: false } });
    app.jobs.register('test.ok', async () => undefined);
    app.jobs.register('test.broken', async () => {
      throw new Error('broken');
    }, { maxAttempts: 1 });
    await app.jobs.enqueue('test.ok', {});
    await app.jobs.enqueue('test.broken', {});
    await app.jobs.runDue();

    const metrics = (await app.inject({ method: 'GET', url: '/metrics' })).body;
    assert.match(metrics, /khub_jobs_completed_total\{name="test\.ok"\} 1/);
    assert.match(metrics, /khub_jobs_failed_total\{name="test\.broken",final="true"\} 1/);
  });

  it('starts no worker when runJobs is off', async (t) => {
    const app = await build(t, { config: { runJobs: false } });
    assert.equal(app.jobs.running, false);
  });

  it('runs the worker from ready to close when runJobs is on, and close waits for the job in progress', async (t) => {
    const app = await build(t, { config: { runJobs: true } });
    assert.equal(app.jobs.running, true);
    let started = false;
    let finished = false;
    app.jobs.register('test.worker', async () => {
      started = true;
      await sleep(100);
      finished = true;
    });
    await app.jobs.enqueue('test.worker', {});
    // Nobody calls runDue: the worker's own poll (about once a second) picks the job up.
    const deadline = Date.now() + 5000;
    while (!started && Date.now() < deadline) await sleep(10);
    assert.equal(started, true, 'the worker never ran the job');

    const closing = Date.now();
    await app.close();
    assert.equal(finished, true, 'close returned before the running job finished');
    assert.ok(Date.now() - closing < 2000, 'close took too long');
    assert.equal(app.jobs.running, false);
  });
});
