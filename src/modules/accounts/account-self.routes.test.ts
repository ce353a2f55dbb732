import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { TestAgent } from '../../../test/helpers/agent.js';
import { build } from '../../../test/helpers/build-app.js';
import { testDialects } from '../../../test/helpers/databases.js';
import { GOOD_PASSWORD, createOrganisation, createUser, signedInAgent } from '../../../test/helpers/factories.js';
import { normaliseHtml } from '../../../test/helpers/html.js';
import { createApiToken } from './api-token.service.js';
import { verifyPassword } from './password.js';

const NEW_PASSWORD = 'copper-lantern-meadow-93';

/** A signed-in agent that has loaded a page with a form, so it holds a CSRF token. */
async function agentFor(app: FastifyInstance, userId: number): Promise<TestAgent> {
  const agent = await signedInAgent(app, userId);
  await agent.get('/account');
  return agent;
}

/** An active member of an organisation that owns `alpha.nhs.uk`, with a real password, and the organisation's admin. */
async function setUp(app: FastifyInstance) {
  const organisationId = await createOrganisation(app.db, { name: 'Alpha Hospitals NHS Trust', domains: ['alpha.nhs.uk'] });
  await createUser(app.db, { email: 'admin@alpha.nhs.uk', organisationId, roles: [{ role: 'org_admin', scopeId: organisationId }] });
  const userId = await createUser(app.db, { email: 'kim@alpha.nhs.uk', fullName: 'Kim Reader', organisationId, password: GOOD_PASSWORD });
  return { organisationId, userId };
}

const account = (app: FastifyInstance, id: number) => app.db.selectFrom('user_account').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const mailTo = (app: FastifyInstance, to: string) => app.db.selectFrom('mail_outbox').selectAll().where('to_address', '=', to).orderBy('id').execute();

function signInNeeded(response: { statusCode: number; headers: Record<string, unknown> }): boolean {
  return response.statusCode === 401 || ([302, 303].includes(response.statusCode) && String(response.headers.location).startsWith('/sign-in'));
}

function tokenIn(text: string | undefined, path: string): string {
  const token = new RegExp(`${path.replace('?', '\\?')}token=(\\S+)`).exec(text ?? '')?.[1];
  assert.ok(token, `no ${path} link in:\n${text}`);
  return token;
}

for (const dialect of testDialects()) {
  describe(`your account [${dialect}]`, () => {
    it('shows the person their details, status, expiry and roles; a visitor is sent to sign in', async (t) => {
      const app = await build(t, { dialect });
      const { organisationId, userId } = await setUp(app);
      await app.db.insertInto('role_assignment').values({ user_id: userId, role: 'org_admin', scope_type: 'organisation', scope_id: String(organisationId), created_at: new Date().toISOString() }).execute();
      const html = normaliseHtml((await (await signedInAgent(app, userId)).get('/account')).body);
      assert.match(html, /<h1>Your account<\/h1>/);
      for (const text of ['Kim Reader', 'kim@alpha.nhs.uk', 'Alpha Hospitals NHS Trust', 'Nursing, midwifery and health visiting', 'Organisation administrator – Alpha Hospitals NHS Trust']) {
        assert.ok(html.includes(text), `shows ${text}`);
      }
      assert.match(html, /data-testid="account-status">Active</);
      assert.ok(signInNeeded(await new TestAgent(app).get('/account')));
    });

    it('changes the password only with the right current one, and ends every other session', async (t) => {
      const app = await build(t, { dialect });
      const { userId } = await setUp(app);
      const here = await agentFor(app, userId);
      const elsewhere = await agentFor(app, userId);
      const wrong = await here.submit('/account/password', { currentPassword: 'not-my-password', newPassword: NEW_PASSWORD });
      assert.equal(wrong.statusCode, 400);
      assert.match(normaliseHtml(wrong.body), /href="#currentPassword">Your current password is not correct/);
      const weak = await here.submit('/account/password', { currentPassword: GOOD_PASSWORD, newPassword: 'qwertyuiop' });
      assert.match(normaliseHtml(weak.body), /href="#newPassword">[^<]*Choose a password that is harder to guess/);
      assert.ok(await verifyPassword((await account(app, userId)).password_hash, GOOD_PASSWORD), 'unchanged so far');

      const changed = await here.submit('/account/password', { currentPassword: GOOD_PASSWORD, newPassword: NEW_PASSWORD });
      assert.deepEqual([changed.statusCode, changed.headers.location], [303, '/account']);
      assert.ok(await verifyPassword((await account(app, userId)).password_hash, NEW_PASSWORD));
      const page = await here.get('/account');
      assert.equal(page.statusCode, 200, 'this browser stays signed in');
      assert.match(page.body, /Your password has been changed/);
      assert.ok(signInNeeded(await elsewhere.get('/account')), 'the other session has ended');
      assert.equal((await mailTo(app, 'kim@alpha.nhs.uk'))[0]?.subject, 'Your khub password has been changed');
      const sessions = await app.db.selectFrom('session').select('id').where('user_id', '=', userId).execute();
      assert.equal(sessions.length, 1);
    });

    it('changes the email to an address outside the organisation and suspends access until approved', async (t) => {
      const app = await build(t, { dialect });
      const { organisationId, userId } = await setUp(app);
      const agent = await agentFor(app, userId);
      const wrong = await agent.submit('/account/email', { newEmail: 'kim@gmail.example', password: 'wrong-password-here' });
      assert.equal(wrong.statusCode, 400);
      assert.match(normaliseHtml(wrong.body), /href="#password">Your password is not correct/);
      const asked = await agent.submit('/account/email', { newEmail: 'Kim@Gmail.example', password: GOOD_PASSWORD });
      assert.deepEqual([asked.statusCode, asked.headers.location], [303, '/account']);
      assert.match((await agent.get('/account')).body, /We have sent a link to kim@gmail.example/);
      assert.match((await mailTo(app, 'kim@alpha.nhs.uk'))[0]?.text_body ?? '', /change its email address to kim@gmail.example/);
      const token = tokenIn((await mailTo(app, 'kim@gmail.example'))[0]?.text_body, '/account/confirm-email?');

      const confirm = await new TestAgent(app).get(`/account/confirm-email?token=${token}`);
      assert.equal(confirm.statusCode, 200);
      assert.equal((await account(app, userId)).email, 'kim@alpha.nhs.uk', 'GET does not use the link');
      const done = await agent.submit('/account/confirm-email', { token });
      assert.deepEqual([done.statusCode, done.headers.location], [303, '/account']);
      const row = await account(app, userId);
      assert.deepEqual([row.email, row.status], ['kim@gmail.example', 'pending']);
      const requests = await app.db.selectFrom('join_request').selectAll().where('user_id', '=', userId).execute();
      assert.deepEqual(requests.map((r) => [r.organisation_id, r.status, r.reason]), [[organisationId, 'open', 'email_changed']]);
      assert.equal((await mailTo(app, 'admin@alpha.nhs.uk')).length, 1);
      const page = normaliseHtml((await agent.get('/account')).body);
      assert.match(page, /your access is paused until an account administrator approves it/);
      assert.match(page, /data-testid="account-status">Waiting for approval</);
      assert.equal((await agent.submit('/account/confirm-email', { token })).statusCode, 400, 'a used link is refused');
      const audit = await app.db.selectFrom('audit_event').select('details').where('action', '=', 'account.change_email').executeTakeFirstOrThrow();
      assert.deepEqual(JSON.parse(audit.details).after, { email: 'kim@gmail.example', status: 'pending' });
    });

    it('keeps access when the new address belongs to the organisation, and never reveals an address in use', async (t) => {
      const app = await build(t, { dialect });
      const { userId } = await setUp(app);
      await createUser(app.db, { email: 'taken@alpha.nhs.uk' });
      const agent = await agentFor(app, userId);
      const taken = await agent.submit('/account/email', { newEmail: 'taken@alpha.nhs.uk', password: GOOD_PASSWORD });
      assert.deepEqual([taken.statusCode, taken.headers.location], [303, '/account']);
      assert.match((await agent.get('/account')).body, /We have sent a link to taken@alpha.nhs.uk/);
      const [toTaken] = await mailTo(app, 'taken@alpha.nhs.uk');
      assert.equal(toTaken?.subject, 'This email address already has a khub account');
      assert.doesNotMatch(toTaken?.text_body ?? '', /token=/);

      await agent.submit('/account/email', { newEmail: 'kim.reader@alpha.nhs.uk', password: GOOD_PASSWORD });
      const token = tokenIn((await mailTo(app, 'kim.reader@alpha.nhs.uk'))[0]?.text_body, '/account/confirm-email?');
      const elsewhere = new TestAgent(app);
      await elsewhere.get(`/account/confirm-email?token=${token}`);
      const done = await elsewhere.submit('/account/confirm-email', { token });
      assert.equal(done.headers.location, '/account/email/changed', 'a browser that is not signed in gets a page of its own');
      assert.match((await elsewhere.get('/account/email/changed')).body, /Your email address has been changed/);
      const row = await account(app, userId);
      assert.deepEqual([row.email, row.status], ['kim.reader@alpha.nhs.uk', 'active']);
    });

    it('downloads the person’s data without any password or token hash', async (t) => {
      const app = await build(t, { dialect });
      const { userId } = await setUp(app);
      await createApiToken(app.db, userId, 'Reading list sync');
      const agent = await agentFor(app, userId);
      await agent.submit('/account/details', { fullName: 'Kim A Reader', jobTitle: 'Ward manager', staffGroup: 'nursing_midwifery' });
      const response = await agent.get('/account/download');
      assert.equal(response.statusCode, 200);
      assert.match(String(response.headers['content-disposition']), /^attachment; filename="khub-account-\d+\.json"$/);
      const data = response.json<Record<string, unknown> & { account: { email: string; fullName: string }; apiTokens: { name: string }[]; auditEvents: { action: string; by: string }[] }>();
      assert.equal(data.account.email, 'kim@alpha.nhs.uk');
      assert.equal(data.account.fullName, 'Kim A Reader');
      assert.deepEqual(data.apiTokens.map((tk) => tk.name), ['Reading list sync']);
      assert.deepEqual(data.auditEvents.map((e) => [e.action, e.by]), [['account.update_details', 'you']]);
      assert.ok(Array.isArray(data.roles) && Array.isArray(data.joinRequests));
      const hashes = [(await account(app, userId)).password_hash, ...(await app.db.selectFrom('api_token').select('token_hash').execute()).map((r) => r.token_hash)];
      for (const secret of hashes) assert.ok(!response.body.includes(secret), 'no hash in the download');
      assert.doesNotMatch(response.body, /password|token_hash|\$argon2/i);
    });

    it('signs out everywhere, this browser included', async (t) => {
      const app = await build(t, { dialect });
      const { userId } = await setUp(app);
      const here = await agentFor(app, userId);
      const elsewhere = await agentFor(app, userId);
      const response = await here.submit('/account/sign-out-everywhere', {});
      assert.deepEqual([response.statusCode, response.headers.location], [303, '/account/signed-out-everywhere']);
      assert.match((await here.get('/account/signed-out-everywhere')).body, /You have been signed out everywhere/);
      assert.ok(signInNeeded(await here.get('/account')));
      assert.ok(signInNeeded(await elsewhere.get('/account')));
      assert.equal((await app.db.selectFrom('session').select('id').where('user_id', '=', userId).execute()).length, 0);
      assert.equal((await app.db.selectFrom('audit_event').select('action').where('action', '=', 'account.sign_out_everywhere').execute()).length, 1);
    });

    it('deletes the account with the password: personal data removed, access gone, the address free again', async (t) => {
      const app = await build(t, { dialect });
      const { organisationId, userId } = await setUp(app);
      await app.db.insertInto('role_assignment').values({ user_id: userId, role: 'org_admin', scope_type: 'organisation', scope_id: String(organisationId), created_at: new Date().toISOString() }).execute();
      const agent = await agentFor(app, userId);
      const elsewhere = await agentFor(app, userId);
      assert.match((await agent.get('/account/delete')).body, /Delete my account/);
      const wrong = await agent.submit('/account/delete', { password: 'not-my-password' });
      assert.equal(wrong.statusCode, 400);
      assert.equal((await account(app, userId)).status, 'active');

      const deleted = await agent.submit('/account/delete', { password: GOOD_PASSWORD });
      assert.deepEqual([deleted.statusCode, deleted.headers.location], [303, '/account/deleted']);
      const row = await account(app, userId);
      assert.deepEqual([row.status, row.full_name, row.job_title, row.email], ['closed', '', '', `closed-${userId}@closed.invalid`]);
      assert.equal(await verifyPassword(row.password_hash, GOOD_PASSWORD), false);
      assert.ok(row.deletion_due_at);
      assert.equal((await app.db.selectFrom('role_assignment').selectAll().where('user_id', '=', userId).execute()).length, 0);
      assert.ok(signInNeeded(await elsewhere.get('/account')));
      assert.equal((await mailTo(app, 'kim@alpha.nhs.uk')).at(-1)?.subject, 'Your khub account has been deleted');
      assert.equal((await app.db.selectFrom('audit_event').selectAll().where('action', '=', 'account.delete').execute()).length, 1);

      const again = new TestAgent(app);
      await again.get('/register');
      await again.submit('/register', { fullName: 'Kim Reader', email: 'kim@alpha.nhs.uk', organisationId: String(organisationId), staffGroup: 'other', jobTitle: 'Nurse', password: NEW_PASSWORD, declaration: 'yes' });
      assert.equal((await mailTo(app, 'kim@alpha.nhs.uk')).at(-1)?.subject, 'Confirm your email address for khub', 'the address can register again');
    });

    it('will not delete the last platform admin', async (t) => {
      const app = await build(t, { dialect });
      const root = await createUser(app.db, { password: GOOD_PASSWORD, roles: [{ role: 'platform_admin' }] });
      const agent = await agentFor(app, root);
      assert.match((await agent.get('/account/delete')).body, /data-testid="blocked"/);
      assert.equal((await agent.submit('/account/delete', { password: GOOD_PASSWORD })).statusCode, 409);
      assert.equal((await account(app, root)).status, 'active');
    });

    it('updates the person’s details, with errors shown on the form', async (t) => {
      const app = await build(t, { dialect });
      const { userId } = await setUp(app);
      const agent = await agentFor(app, userId);
      assert.match((await agent.get('/account/details')).body, /value="Kim Reader"/);
      const bad = await agent.submit('/account/details', { fullName: '', jobTitle: 'Nurse', staffGroup: 'nope' });
      assert.equal(bad.statusCode, 400);
      assert.match(normaliseHtml(bad.body), /href="#fullName">Enter your full name.*href="#staffGroup">Select your staff group/);
      await agent.submit('/account/details', { fullName: 'Kim Reader-Jones', jobTitle: 'Sister', staffGroup: 'nursing_midwifery' });
      assert.deepEqual([(await account(app, userId)).full_name, (await account(app, userId)).job_title], ['Kim Reader-Jones', 'Sister']);
    });
  });
}
