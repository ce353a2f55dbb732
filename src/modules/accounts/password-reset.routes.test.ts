import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { TestAgent } from '../../../test/helpers/agent.js';
import { build } from '../../../test/helpers/build-app.js';
import { testDialects } from '../../../test/helpers/databases.js';
import { GOOD_PASSWORD, createUser, signedInAgent } from '../../../test/helpers/factories.js';
import { normaliseHtml } from '../../../test/helpers/html.js';

const NEW_PASSWORD = 'marble-kettle-orchard-92';

async function requestReset(app: FastifyInstance, email: string) {
  const agent = new TestAgent(app);
  await agent.get('/forgot-password');
  const response = await agent.submit('/forgot-password', { email });
  await app.jobs.runDue();
  return response;
}

async function lastResetLink(app: FastifyInstance, to: string): Promise<string> {
  const mail = await app.db.selectFrom('mail_outbox').selectAll().where('to_address', '=', to).where('subject', '=', 'Reset your khub password').orderBy('id', 'desc').executeTakeFirstOrThrow();
  const link = /http:\/\/localhost:\d+(\/reset-password\?token=[\w-]+)/.exec(mail.text_body)?.[1];
  assert.ok(link, 'the email holds a reset link');
  return link;
}

for (const dialect of testDialects()) {
  describe(`forgotten password [${dialect}]`, () => {
    it('gives the same answer for known and unknown addresses, and mails only the known one', async (t) => {
      const app = await build(t, { dialect });
      await createUser(app.db, { email: 'ada@ouh.nhs.uk' });
      const known = await requestReset(app, 'ada@ouh.nhs.uk');
      const unknown = await requestReset(app, 'nobody@ouh.nhs.uk');
      assert.equal(known.statusCode, 200);
      assert.equal(unknown.statusCode, 200);
      const strip = (body: string) => normaliseHtml(body).replace(/ada@ouh\.nhs\.uk|nobody@ouh\.nhs\.uk/g, 'X').replace(/_csrf=[^"]+/g, '');
      assert.equal(strip(known.body), strip(unknown.body));
      const mails = await app.db.selectFrom('mail_outbox').select('to_address').execute();
      assert.deepEqual(mails.map((m) => m.to_address), ['ada@ouh.nhs.uk']);
    });

    it('resets the password once, ends every other session and signs the person in', async (t) => {
      const app = await build(t, { dialect });
      const userId = await createUser(app.db, { email: 'ada@ouh.nhs.uk', password: GOOD_PASSWORD });
      const elsewhere = await signedInAgent(app, userId);
      await requestReset(app, 'ada@ouh.nhs.uk');
      const link = await lastResetLink(app, 'ada@ouh.nhs.uk');
      const agent = new TestAgent(app);
      assert.equal((await agent.get(link)).statusCode, 200);
      const token = new URL(link, 'http://x').searchParams.get('token') ?? '';
      const done = await agent.submit('/reset-password', { token, password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD });
      assert.equal(done.statusCode, 303);
      assert.equal(done.headers.location, '/account');
      assert.equal((await app.db.selectFrom('session').selectAll().where('user_id', '=', userId).execute()).length, 1, 'only the new session remains');
      assert.equal((await elsewhere.get('/')).body.includes('Sign out'), false, 'the other session was ended');
      const signIn = new TestAgent(app);
      await signIn.get('/sign-in');
      assert.equal((await signIn.submit('/sign-in', { email: 'ada@ouh.nhs.uk', password: NEW_PASSWORD })).statusCode, 303);
      const reused = await agent.submit('/reset-password', { token, password: 'another-quiet-lantern-7', confirmPassword: 'another-quiet-lantern-7' });
      assert.equal(reused.statusCode, 400);
      assert.match(reused.body, /expired or has already been used/);
      const audit = await app.db.selectFrom('audit_event').selectAll().where('action', '=', 'account.password_reset').execute();
      assert.equal(audit.length, 1);
      const notice = await app.db.selectFrom('mail_outbox').select('subject').where('subject', '=', 'Your khub password has been changed').execute();
      assert.equal(notice.length, 1);
    });

    it('explains a weak password and keeps the link usable', async (t) => {
      const app = await build(t, { dialect });
      await createUser(app.db, { email: 'ada@ouh.nhs.uk' });
      await requestReset(app, 'ada@ouh.nhs.uk');
      const token = new URL(await lastResetLink(app, 'ada@ouh.nhs.uk'), 'http://x').searchParams.get('token') ?? '';
      const agent = new TestAgent(app);
      await agent.get(`/reset-password?token=${token}`);
      const weak = await agent.submit('/reset-password', { token, password: 'password123', confirmPassword: 'password123' });
      assert.equal(weak.statusCode, 400);
      assert.match(normaliseHtml(weak.body), /href="#password">This is a commonly used password\. Choose a password that is harder to guess/);
      const mismatch = await agent.submit('/reset-password', { token, password: NEW_PASSWORD, confirmPassword: 'different' });
      assert.match(normaliseHtml(mismatch.body), /The passwords do not match/);
      assert.equal((await agent.submit('/reset-password', { token, password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD })).statusCode, 303);
    });

    it('refuses an expired link', async (t) => {
      const app = await build(t, { dialect });
      await createUser(app.db, { email: 'ada@ouh.nhs.uk' });
      await requestReset(app, 'ada@ouh.nhs.uk');
      const link = await lastResetLink(app, 'ada@ouh.nhs.uk');
      await app.db.updateTable('account_token').set({ expires_at: new Date(Date.now() - 1000).toISOString() }).execute();
      const response = await new TestAgent(app).get(link);
      assert.equal(response.statusCode, 400);
      assert.match(response.body, /expired or has already been used/);
    });

    it('only the newest link works', async (t) => {
      const app = await build(t, { dialect });
      await createUser(app.db, { email: 'ada@ouh.nhs.uk' });
      await requestReset(app, 'ada@ouh.nhs.uk');
      const first = await lastResetLink(app, 'ada@ouh.nhs.uk');
      await requestReset(app, 'ada@ouh.nhs.uk');
      const second = await lastResetLink(app, 'ada@ouh.nhs.uk');
      assert.equal((await new TestAgent(app).get(first)).statusCode, 400);
      assert.equal((await new TestAgent(app).get(second)).statusCode, 200);
    });
  });
}
