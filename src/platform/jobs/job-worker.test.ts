import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import Fastify from 'fastify';
import { eachDialect } from '../../../test/helpers/databases.js';
import { JobQueue } from './job-queue.js';
import { PollingLoop } from './job-worker.js';
import { findJobById } from './job.repository.js';

const silentLog = Fastify({ logger: false }).log;

/** Resolves once `check` holds, polling every few milliseconds; fails the test after `ms`. */
async function eventually(check: () => Promise<boolean> | boolean, ms = 3000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) assert.fail(`condition not met within ${ms} ms`);
    await sleep(5);
  }
}

describe('polling loop', () => {
  it('keeps polling after a poll throws', async () => {
    let calls = 0;
    const loop = new PollingLoop(
      async () => {
        calls += 1;
        if (calls === 1) throw new Error('database unreachable');
        return 0;
      },
      { pollIntervalMs: 5, batchSize: 10, log: silentLog },
    );
    loop.start();
    await eventually(() => calls >= 3);
    await loop.stop();
    const after = calls;
    await sleep(30);
    assert.equal(calls, after, 'no poll after stop');
  });

  it('polls again at once after a full batch', async () => {
    const started: number[] = [];
    const loop = new PollingLoop(
      async () => {
        started.push(Date.now());
        return started.length < 3 ? 10 : 0;
      },
      { pollIntervalMs: 10_000, batchSize: 10, log: silentLog },
    );
    loop.start();
    await eventually(() => started.length >= 3, 1000);
    await loop.stop();
  });
});

eachDialect('job worker', (getDb) => {
  it('runs jobs enqueued while it is running, without anyone calling runDue', async () => {
    const jobs = new JobQueue({ db: getDb(), log: silentLog, pollIntervalMs: 10 });
    const seen: unknown[] = [];
    jobs.register('test.background', async (payload) => {
      seen.push(payload);
    });
    jobs.start();
    try {
      await jobs.enqueue('test.background', { n: 7 });
      await eventually(() => seen.length === 1);
      assert.deepEqual(seen, [{ n: 7 }]);
    } finally {
      await jobs.stop();
    }
  });

  it('waits for the job in progress to finish when stopped', async () => {
    const jobs = new JobQueue({ db: getDb(), log: silentLog, pollIntervalMs: 10 });
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let started = false;
    jobs.register('test.slow', async () => {
      started = true;
      await gate;
    });
    const id = await jobs.enqueue('test.slow', {});
    jobs.start();
    await eventually(() => started);

    let stopped = false;
    const stopping = jobs.stop().then(() => (stopped = true));
    await sleep(30);
    assert.equal(stopped, false, 'stop() returned while a job was still running');
    release();
    await stopping;
    assert.equal(jobs.running, false);
    assert.equal((await findJobById(getDb(), id))?.status, 'done');
  });
});
