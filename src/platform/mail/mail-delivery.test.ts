import assert from 'node:assert/strict';
import { once } from 'node:events';
import { type AddressInfo, createServer } from 'node:net';
import { describe, it } from 'node:test';
import { build } from '../../../test/helpers/build-app.js';
import { startSmtpSink } from '../../../test/helpers/smtp.js';
import { findOutboxMailById } from './mail.repository.js';
import { MAIL_DELIVER_JOB } from './mail.service.js';

/** A port nothing listens on (for now). */
async function freePort(): Promise<number> {
  const probe = createServer();
  probe.listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

const message = { to: 'reader@example.nhs.uk', subject: 'Your literature search is ready', text: 'Sign in to khub to read it.' };

describe('mail delivery over SMTP', () => {
  it('delivers a queued message to the SMTP server and marks it sent', async (t) => {
    const smtp = await startSmtpSink(t);
    const app = await build(t, { config: { smtpUrl: `smtp://127.0.0.1:${smtp.port}`, runJobs: false, mailFrom: 'khub <no-reply@khub.example>' } });
    const id = await app.mail.queue({ ...message, headers: { 'List-Unsubscribe': '<https://khub.example/unsubscribe?token=x>', 'Auto-Submitted': 'auto-generated' } });
    await app.jobs.runDue();

    assert.equal(smtp.messages.length, 1);
    const [mail] = smtp.messages;
    assert.match(mail?.raw ?? '', /^List-Unsubscribe: <https:\/\/khub\.example\/unsubscribe\?token=x>\r$/m, 'extra headers travel with the message');
    assert.match(mail?.raw ?? '', /^Auto-Submitted: auto-generated\r$/m);
    assert.equal(mail?.from, 'no-reply@khub.example');
    assert.deepEqual(mail?.to, ['reader@example.nhs.uk']);
    assert.match(mail?.raw ?? '', /^Subject: Your literature search is ready\r$/m);
    assert.match(mail?.raw ?? '', /Sign in to khub to read it\./);

    const row = await findOutboxMailById(app.db, id);
    assert.equal(row?.status, 'sent');
    assert.equal(row?.attempts, 1);
    assert.match(row?.delivery_ref ?? '', /^<.+@.+>$/, 'the SMTP message id');
  });

  it('keeps a message queued while the server is down and delivers it on the retry', async (t) => {
    const port = await freePort();
    const app = await build(t, { config: { smtpUrl: `smtp://127.0.0.1:${port}`, runJobs: false } });
    const id = await app.mail.queue(message);
    const before = Date.now();
    await app.jobs.runDue();

    let row = await findOutboxMailById(app.db, id);
    assert.deepEqual([row?.status, row?.attempts, row?.sent_at], ['queued', 1, null]);
    assert.match(row?.last_error ?? '', /ECONNREFUSED|connect/i);
    const job = await app.db.selectFrom('job').selectAll().where('name', '=', MAIL_DELIVER_JOB).executeTakeFirstOrThrow();
    assert.deepEqual([job.status, job.attempts], ['pending', 1]);
    assert.ok(Date.parse(job.run_at) >= before + 59_000, `retry not backed off: ${job.run_at}`);
    assert.equal(await app.jobs.runDue(), 0, 'not retried before its backoff');

    const smtp = await startSmtpSink(t, { port });
    // Stand in for the passing of the backoff: make the job due now.
    await app.db.updateTable('job').set({ run_at: new Date().toISOString() }).where('id', '=', job.id).execute();
    await app.jobs.runDue();

    assert.equal(smtp.messages.length, 1);
    assert.match(smtp.messages[0]?.raw ?? '', /^Subject: Your literature search is ready\r$/m);
    row = await findOutboxMailById(app.db, id);
    assert.deepEqual([row?.status, row?.attempts, row?.last_error], ['sent', 2, null]);
    const retried = await app.db.selectFrom('job').select(['status', 'attempts']).where('id', '=', job.id).executeTakeFirst();
    assert.deepEqual(retried, { status: 'done', attempts: 2 });
  });

  it('marks the message failed when its last delivery attempt fails', async (t) => {
    const port = await freePort();
    const app = await build(t, { config: { smtpUrl: `smtp://127.0.0.1:${port}`, runJobs: false } });
    const id = await app.mail.queue(message);
    await app.db.updateTable('job').set({ max_attempts: 1 }).where('name', '=', MAIL_DELIVER_JOB).execute();
    await app.jobs.runDue();
    const row = await findOutboxMailById(app.db, id);
    assert.deepEqual([row?.status, row?.attempts], ['failed', 1]);
    const job = await app.db.selectFrom('job').select('status').where('name', '=', MAIL_DELIVER_JOB).executeTakeFirst();
    assert.equal(job?.status, 'failed');
  });
});
