import assert from 'node:assert/strict';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it, type TestContext } from 'node:test';
import { build } from '../../../test/helpers/build-app.js';
import { testDialects } from '../../../test/helpers/databases.js';
import type { DialectName } from '../db/dialect.js';
import { ValidationError } from '../http/errors.js';
import { findOutboxMailById } from './mail.repository.js';
import { MAIL_DELIVER_JOB } from './mail.service.js';

const message = { to: 'reader@example.nhs.uk', subject: 'Your literature search is ready', text: 'Sign in to khub to read it.' };

async function buildWithOutbox(t: TestContext, dialect: DialectName) {
  const outboxDir = await mkdtemp(join(tmpdir(), 'khub-outbox-'));
  t.after(() => rm(outboxDir, { recursive: true, force: true }));
  const app = await build(t, { dialect, config: { runJobs: false, smtpUrl: '', outboxDir } });
  return { app, outboxDir };
}

for (const dialect of testDialects()) {
  describe(`mail queue [${dialect}]`, () => {
    it('writes a queued outbox row and its delivery job together', async (t) => {
      const { app } = await buildWithOutbox(t, dialect);
      const id = await app.mail.queue(message);
      const row = await findOutboxMailById(app.db, id);
      assert.deepEqual([row?.status, row?.to_address, row?.subject, row?.attempts], ['queued', message.to, message.subject, 0]);
      const jobs = await app.db.selectFrom('job').select(['name', 'payload', 'status']).where('name', '=', MAIL_DELIVER_JOB).execute();
      assert.deepEqual(jobs, [{ name: MAIL_DELIVER_JOB, payload: JSON.stringify({ outboxId: id }), status: 'pending' }]);
    });

    it('sends nothing when the caller’s transaction rolls back', async (t) => {
      const { app } = await buildWithOutbox(t, dialect);
      await assert.rejects(
        app.db.transaction().execute(async (trx) => {
          await app.mail.queue(message, { db: trx });
          throw new Error('registration failed');
        }),
        /registration failed/,
      );
      assert.equal((await app.db.selectFrom('mail_outbox').selectAll().execute()).length, 0);
      assert.equal((await app.db.selectFrom('job').selectAll().where('name', '=', MAIL_DELIVER_JOB).execute()).length, 0);
    });

    it('rejects a bad address naming the field, and stores nothing', async (t) => {
      const { app } = await buildWithOutbox(t, dialect);
      await assert.rejects(app.mail.queue({ ...message, to: 'not-an-address' }), (error: unknown) => {
        assert.ok(error instanceof ValidationError);
        assert.deepEqual(error.fieldErrors.map((e) => e.field), ['to']);
        assert.match(error.message, /to: Enter a valid email address/);
        return true;
      });
      await assert.rejects(app.mail.queue({ ...message, subject: 'Hello\r\nBcc: victim@example.com' }), /subject: A subject must be a single line/);
      await assert.rejects(app.mail.queue({ ...message, headers: { 'List-Unsubscribe': '<https://khub.example/u>\r\nBcc: victim@example.com' } }), /headers\.List-Unsubscribe: A header value must be a single line/);
      await assert.rejects(app.mail.queue({ ...message, headers: { Bcc: 'victim@example.com' } as never }), (error: unknown) => {
        assert.ok(error instanceof ValidationError);
        assert.deepEqual(error.fieldErrors, [{ field: 'headers', message: 'Bcc cannot be added; only List-Unsubscribe, List-Unsubscribe-Post, List-Id, Auto-Submitted can' }]);
        return true;
      });
      assert.equal((await app.db.selectFrom('mail_outbox').selectAll().execute()).length, 0);
      assert.equal((await app.db.selectFrom('job').selectAll().where('name', '=', MAIL_DELIVER_JOB).execute()).length, 0);
    });

    it('writes an .eml file and marks the row sent when no SMTP server is configured', async (t) => {
      const { app, outboxDir } = await buildWithOutbox(t, dialect);
      const id = await app.mail.queue({ ...message, html: '<p>Sign in to khub to read it.</p>' });
      await app.jobs.runDue();

      const files = await readdir(outboxDir);
      assert.equal(files.length, 1);
      assert.match(files[0] ?? '', /\.eml$/);
      const eml = await readFile(join(outboxDir, files[0] ?? ''), 'utf8');
      assert.match(eml, /^Subject: Your literature search is ready\r$/m);
      assert.match(eml, /^To: reader@example\.nhs\.uk\r$/m);
      assert.match(eml, /Sign in to khub to read it\./);

      const row = await findOutboxMailById(app.db, id);
      assert.deepEqual([row?.status, row?.attempts, row?.delivery_ref], ['sent', 1, join(outboxDir, files[0] ?? '')]);
      assert.ok(row?.sent_at);
    });

    it('stores a message’s extra headers and writes them into the .eml file', async (t) => {
      const { app, outboxDir } = await buildWithOutbox(t, dialect);
      const headers = { 'List-Unsubscribe': '<https://khub.example/search/alerts/unsubscribe?token=1.abc.def>', 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' };
      const id = await app.mail.queue({ ...message, headers });
      const plain = await app.mail.queue(message);
      assert.deepEqual(JSON.parse((await findOutboxMailById(app.db, id))?.headers ?? 'null'), headers);
      assert.equal((await findOutboxMailById(app.db, plain))?.headers, null, 'no headers, no JSON');
      await app.jobs.runDue();

      // Unfolded: nodemailer folds a long header onto a continuation line, as RFC 5322 allows.
      const emls = (await Promise.all((await readdir(outboxDir)).map((file) => readFile(join(outboxDir, file), 'utf8')))).map((eml) => eml.replace(/\r\n[ \t]+/g, ' '));
      const withHeaders = emls.filter((eml) => /^List-Unsubscribe:/m.test(eml));
      assert.equal(withHeaders.length, 1, 'only the message that asked for them');
      assert.match(withHeaders[0] ?? '', /^List-Unsubscribe: <https:\/\/khub\.example\/search\/alerts\/unsubscribe\?token=1\.abc\.def>\r$/m);
      assert.match(withHeaders[0] ?? '', /^List-Unsubscribe-Post: List-Unsubscribe=One-Click\r$/m);
    });
  });
}
