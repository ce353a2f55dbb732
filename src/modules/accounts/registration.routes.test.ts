import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { TestAgent } from '../../../test/helpers/agent.js';
import { build } from '../../../test/helpers/build-app.js';
import { testDialects } from '../../../test/helpers/databases.js';
import { GOOD_PASSWORD, createOrganisation, createUser, signedInAgent } from '../../../test/helpers/factories.js';
import { normaliseHtml } from '../../../test/helpers/html.js';
import { expiryDate } from './lifecycle-rules.js';
import { verifyPassword } from './password.js';

/** A valid registration for the organisation, with any field overridden. */
function registration(organisationId: number, overrides: Record<string, string> = {}): Record<string, string> {
  return {
    fullName: 'Ada Lovelace',
    email: 'ada.lovelace@good-trust.nhs.uk',
    organisationId: String(organisationId),
    staffGroup: 'allied_health_scientific',
    jobTitle: 'Clinical scientist',
    password: GOOD_PASSWORD,
    declaration: 'yes',
    ...overrides,
  };
}

async function mailTo(app: FastifyInstance, address: string) {
  return app.db.selectFrom('mail_outbox').selectAll().where('to_address', '=', address).orderBy('id').execute();
}

/** The path and query of the first link to `path` in a message body. */
function linkIn(text: string, path: string): string {
  const match = new RegExp(`https?://[^\\s/]+(${path.replace('?', '\\?')}[^\\s]*)`).exec(text);
  assert.ok(match?.[1], `no ${path} link in:\n${text}`);
  return match[1];
}

async function register(app: FastifyInstance, fields: Record<string, string>): Promise<{ agent: TestAgent; response: Awaited<ReturnType<TestAgent['submit']>> }> {
  const agent = new TestAgent(app);
  await agent.get('/register');
  return { agent, response: await agent.submit('/register', fields) };
}

for (const dialect of testDialects()) {
  describe(`registration [${dialect}]`, () => {
    it('shows the form with every open organisation and sends a signed-in person to their account', async (t) => {
      const app = await build(t, { dialect });
      await createOrganisation(app.db, { name: 'Good Hospitals NHS Trust', odsCode: 'RGH' });
      const page = await new TestAgent(app).get('/register');
      assert.equal(page.statusCode, 200);
      const html = normaliseHtml(page.body);
      assert.match(html, /<h1>Register for a khub account<\/h1>/);
      assert.match(html, />Good Hospitals NHS Trust \(RGH\)</);
      assert.match(html, /name="_csrf"/);
      const member = await signedInAgent(app, await createUser(app.db));
      const redirected = await member.get('/register');
      assert.equal(redirected.statusCode, 303);
      assert.equal(redirected.headers.location, '/account');
    });

    it('registers, emails a link, and approves at once when the email domain belongs to the organisation', async (t) => {
      const app = await build(t, { dialect });
      const organisationId = await createOrganisation(app.db, { domains: ['good-trust.nhs.uk'], accountExpiryMonths: 12 });
      const { agent, response } = await register(app, registration(organisationId));
      assert.equal(response.statusCode, 303);
      assert.equal(response.headers.location, '/register/check-email');
      assert.match(normaliseHtml((await agent.get('/register/check-email')).body), /We have sent an email to ?<strong data-testid="sent-to">ada.lovelace@good-trust.nhs.uk</);

      const user = await app.db.selectFrom('user_account').selectAll().executeTakeFirstOrThrow();
      assert.deepEqual([user.status, user.email_verified_at, user.organisation_id], ['unverified', null, organisationId]);
      assert.ok(await verifyPassword(user.password_hash, GOOD_PASSWORD), 'the password is stored as an argon2 hash');
      const [mail] = await mailTo(app, 'ada.lovelace@good-trust.nhs.uk');
      assert.equal(mail?.subject, 'Confirm your email address for khub');
      const link = linkIn(mail?.text_body ?? '', '/verify-email?token=');

      const confirm = await agent.get(link);
      assert.equal(confirm.statusCode, 200);
      assert.match(confirm.body, /Confirm email address/);
      assert.equal((await app.db.selectFrom('user_account').select('status').executeTakeFirstOrThrow()).status, 'unverified', 'GET does not use the token');

      const token = new URL(link, 'http://x').searchParams.get('token') ?? '';
      const before = new Date();
      const verified = await agent.submit('/verify-email', { token });
      assert.equal(verified.statusCode, 303);
      assert.equal(verified.headers.location, '/register/complete');
      const active = await app.db.selectFrom('user_account').selectAll().where('id', '=', user.id).executeTakeFirstOrThrow();
      assert.equal(active.status, 'active');
      assert.ok(active.email_verified_at && active.eligibility_confirmed_at);
      assert.equal(active.expires_at?.slice(0, 10), expiryDate(before, 12).toISOString().slice(0, 10), 'expiry follows the organisation');
      assert.match(normaliseHtml((await agent.get('/register/complete')).body), /Your khub account is ready/);
      assert.equal((await agent.get('/account')).statusCode, 200, 'verifying signs the person in');
      const audit = await app.db.selectFrom('audit_event').select(['action', 'actor_user_id']).where('action', '=', 'account.verify_email').execute();
      assert.deepEqual(audit, [{ action: 'account.verify_email', actor_user_id: user.id }]);
      assert.equal((await app.db.selectFrom('join_request').selectAll().execute()).length, 0);
    });

    it('makes a join request and tells the organisation admins when the domain is not the organisation’s', async (t) => {
      const app = await build(t, { dialect });
      const organisationId = await createOrganisation(app.db, { name: 'Good Hospitals NHS Trust', domains: ['good-trust.nhs.uk'] });
      await createUser(app.db, { email: 'admin@good-trust.nhs.uk', organisationId, roles: [{ role: 'org_admin', scopeId: organisationId }] });
      const { agent } = await register(app, registration(organisationId, { email: 'ada@gmail.example' }));
      const [mail] = await mailTo(app, 'ada@gmail.example');
      const token = new URL(linkIn(mail?.text_body ?? '', '/verify-email?token='), 'http://x').searchParams.get('token') ?? '';
      await agent.get(`/verify-email?token=${token}`);
      assert.equal((await agent.submit('/verify-email', { token })).statusCode, 303);

      const user = await app.db.selectFrom('user_account').selectAll().where('email', '=', 'ada@gmail.example').executeTakeFirstOrThrow();
      assert.deepEqual([user.status, user.expires_at], ['pending', null]);
      const requests = await app.db.selectFrom('join_request').selectAll().execute();
      assert.deepEqual(requests.map((r) => [r.user_id, r.organisation_id, r.status, r.reason]), [[user.id, organisationId, 'open', 'domain_not_recognised']]);
      const [notice] = await mailTo(app, 'admin@good-trust.nhs.uk');
      assert.match(notice?.subject ?? '', /A request to join Good Hospitals NHS Trust is waiting/);
      assert.match(notice?.text_body ?? '', new RegExp(`/admin/join-requests/${requests[0]?.id}\\n`));
      const complete = normaliseHtml((await agent.get('/register/complete')).body);
      assert.match(complete, /Your request has been sent to Good Hospitals NHS Trust(&#39;|')s account administrators/);
      const actions = (await app.db.selectFrom('audit_event').select('action').orderBy('id').execute()).map((e) => e.action);
      assert.deepEqual(actions, ['account.register', 'join_request.create', 'account.verify_email']);
    });

    it('tells platform admins about a request when the organisation has no admins', async (t) => {
      const app = await build(t, { dialect });
      const organisationId = await createOrganisation(app.db);
      await createUser(app.db, { email: 'root@khub.example', roles: [{ role: 'platform_admin' }] });
      const { agent } = await register(app, registration(organisationId, { email: 'ada@elsewhere.example' }));
      const [mail] = await mailTo(app, 'ada@elsewhere.example');
      const token = new URL(linkIn(mail?.text_body ?? '', '/verify-email?token='), 'http://x').searchParams.get('token') ?? '';
      await agent.get(`/verify-email?token=${token}`);
      await agent.submit('/verify-email', { token });
      assert.equal((await mailTo(app, 'root@khub.example')).length, 1);
    });

    it('answers a registration for an existing address with the same page and emails its owner instead', async (t) => {
      const app = await build(t, { dialect });
      const organisationId = await createOrganisation(app.db, { domains: ['good-trust.nhs.uk'] });
      const existingId = await createUser(app.db, { email: 'taken@good-trust.nhs.uk', fullName: 'Original Owner', organisationId });
      const existing = await register(app, registration(organisationId, { email: 'taken@good-trust.nhs.uk' }));
      const fresh = await register(app, registration(organisationId, { email: 'fresh@good-trust.nhs.uk' }));
      assert.deepEqual([existing.response.statusCode, existing.response.headers.location], [fresh.response.statusCode, fresh.response.headers.location]);
      const pageFor = async (agent: TestAgent, email: string) => normaliseHtml((await agent.get('/register/check-email')).body).replace(email, 'EMAIL').replace(/name="_csrf" value="[^"]+"/g, '');
      assert.equal(await pageFor(existing.agent, 'taken@good-trust.nhs.uk'), await pageFor(fresh.agent, 'fresh@good-trust.nhs.uk'));

      const [owner] = await mailTo(app, 'taken@good-trust.nhs.uk');
      assert.equal(owner?.subject, 'You already have a khub account');
      assert.doesNotMatch(owner?.text_body ?? '', /token=/);
      assert.match(owner?.text_body ?? '', /\/forgot-password\n/);
      const [newcomer] = await mailTo(app, 'fresh@good-trust.nhs.uk');
      assert.equal(newcomer?.subject, 'Confirm your email address for khub');
      const row = await app.db.selectFrom('user_account').selectAll().where('id', '=', existingId).executeTakeFirstOrThrow();
      assert.deepEqual([row.full_name, row.status], ['Original Owner', 'active'], 'the existing account is untouched');
      const tokens = await app.db.selectFrom('account_token').select('user_id').execute();
      assert.ok(tokens.every((tk) => tk.user_id !== existingId), 'no link is issued for the existing account');
    });

    it('re-shows the form with every problem, keeps the input but not the password, and writes nothing', async (t) => {
      const app = await build(t, { dialect });
      const organisationId = await createOrganisation(app.db);
      const { response } = await register(app, { fullName: '', email: 'not-an-email', organisationId: '', jobTitle: 'Porter', password: '', declaration: '' });
      assert.equal(response.statusCode, 400);
      const html = normaliseHtml(response.body);
      assert.match(html, /<title>Error: /);
      for (const [field, message] of [
        ['fullName', 'Enter your full name'],
        ['email', 'Enter an email address in the correct format'],
        ['organisationId', 'Select your organisation from the list'],
        ['staffGroup', 'Select your staff group'],
        ['password', 'Enter a password'],
        ['declaration', 'Confirm that you work for'],
      ]) {
        assert.match(html, new RegExp(`href="#${field}">${message}`), `${field} is in the error summary`);
        assert.match(html, new RegExp(`id="${field}"`), `${field} is a link target`);
      }
      assert.match(html, /value="not-an-email"/);
      assert.match(html, /value="Porter"/);
      const weak = await register(app, registration(organisationId, { password: 'password123' }));
      assert.equal(weak.response.statusCode, 400);
      assert.match(normaliseHtml(weak.response.body), /href="#password">[^<]*Choose a password that is harder to guess, such as three or more random words/);
      assert.doesNotMatch(weak.response.body, /value="password123"/, 'the password is never sent back');
      const unticked = await register(app, registration(organisationId, { declaration: '' }));
      assert.match(normaliseHtml(unticked.response.body), /href="#declaration">Confirm that you work for, or are placed with, the organisation/);
      const unknown = await register(app, registration(organisationId + 100));
      assert.match(normaliseHtml(unknown.response.body), /href="#organisationId">Select your organisation from the list/);
      assert.equal((await app.db.selectFrom('user_account').selectAll().execute()).length, 0);
      assert.equal((await app.db.selectFrom('mail_outbox').selectAll().execute()).length, 0);
    });

    it('refuses a used or expired link, offers a new one, and a new link replaces the old', async (t) => {
      const app = await build(t, { dialect });
      const organisationId = await createOrganisation(app.db);
      const { agent } = await register(app, registration(organisationId, { email: 'ada@elsewhere.example' }));
      const first = new URL(linkIn((await mailTo(app, 'ada@elsewhere.example'))[0]?.text_body ?? '', '/verify-email?token='), 'http://x').searchParams.get('token') ?? '';

      await agent.get('/verify-email/resend');
      const resent = await agent.submit('/verify-email/resend', { email: 'ADA@elsewhere.example ' });
      assert.equal(resent.headers.location, '/register/check-email');
      const mails = await mailTo(app, 'ada@elsewhere.example');
      assert.equal(mails.length, 2);
      const second = new URL(linkIn(mails[1]?.text_body ?? '', '/verify-email?token='), 'http://x').searchParams.get('token') ?? '';
      const stale = await agent.get(`/verify-email?token=${first}`);
      assert.equal(stale.statusCode, 400);
      assert.match(stale.body, /This link has expired or has already been used/);
      assert.match(stale.body, /href="\/verify-email\/resend"/);

      await app.db.updateTable('account_token').set({ expires_at: new Date(Date.now() - 1000).toISOString() }).where('used_at', 'is', null).execute();
      assert.equal((await agent.submit('/verify-email', { token: second })).statusCode, 400, 'an expired link is refused');
      assert.equal((await app.db.selectFrom('user_account').select('status').executeTakeFirstOrThrow()).status, 'unverified');

      await agent.submit('/verify-email/resend', { email: 'ada@elsewhere.example' });
      const third = new URL(linkIn((await mailTo(app, 'ada@elsewhere.example'))[2]?.text_body ?? '', '/verify-email?token='), 'http://x').searchParams.get('token') ?? '';
      assert.equal((await agent.submit('/verify-email', { token: third })).statusCode, 303);
      const reused = await new TestAgent(app).get(`/verify-email?token=${third}`);
      assert.equal(reused.statusCode, 400, 'a used link is refused');
      const again = await agent.submit('/verify-email', { token: third });
      assert.equal(again.statusCode, 400);
    });

    it('answers a request for a new link the same way for an unknown address, and sends nothing', async (t) => {
      const app = await build(t, { dialect });
      const agent = new TestAgent(app);
      await agent.get('/verify-email/resend');
      const response = await agent.submit('/verify-email/resend', { email: 'nobody@nowhere.example' });
      assert.deepEqual([response.statusCode, response.headers.location], [303, '/register/check-email']);
      assert.equal((await app.db.selectFrom('mail_outbox').selectAll().execute()).length, 0);
      const invalid = await agent.submit('/verify-email/resend', { email: 'nope' });
      assert.equal(invalid.statusCode, 400);
    });

    it('limits registrations to 10 in 15 minutes from one address', async (t) => {
      const app = await build(t, { dialect });
      const agent = new TestAgent(app);
      await agent.get('/register');
      const statuses: number[] = [];
      for (let i = 0; i < 11; i += 1) statuses.push((await agent.submit('/register', { fullName: '' })).statusCode);
      assert.deepEqual(statuses, [...Array<number>(10).fill(400), 429]);
    });
  });
}
