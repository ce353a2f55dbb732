import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { TestAgent } from '../../../test/helpers/agent.js';
import { build } from '../../../test/helpers/build-app.js';
import { testDialects } from '../../../test/helpers/databases.js';
import { createOrganisation, createUser, signedInAgent } from '../../../test/helpers/factories.js';
import { normaliseHtml } from '../../../test/helpers/html.js';
import { issueAccountToken } from './account-token.service.js';
import { expireAccounts } from './lifecycle.jobs.js';

const DAY_MS = 86_400_000;
const row = (app: FastifyInstance, id: number) => app.db.selectFrom('user_account').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

/** The renewal link in the newest email to this address. */
async function renewLink(app: FastifyInstance, to: string): Promise<string> {
  const mail = await app.db.selectFrom('mail_outbox').select('text_body').where('to_address', '=', to).orderBy('id', 'desc').executeTakeFirstOrThrow();
  return /\/account\/renew\?token=[\w%-]+/.exec(mail.text_body)?.[0] ?? '';
}

for (const dialect of testDialects()) {
  describe(`account renewal [${dialect}]`, () => {
    it('renews a signed-in member for their organisation’s period, resets warnings, audits and confirms by email', async (t) => {
      const app = await build(t, { dialect });
      const org = await createOrganisation(app.db, { accountExpiryMonths: 12 });
      const person = await createUser(app.db, { organisationId: org, email: 'renew@example.nhs.uk', expiresAt: new Date(Date.now() + 10 * DAY_MS).toISOString() });
      await app.db.updateTable('user_account').set({ expiry_warning_days: 14 }).where('id', '=', person).execute();
      const agent = await signedInAgent(app, person);
      const form = normaliseHtml((await agent.get('/account/renew')).body);
      assert.match(form, /<h1>Renew your khub account<\/h1>/);
      assert.match(form, /value="Staff nurse"/);

      const response = await agent.submit('/account/renew', { token: '', declaration: 'yes', jobTitle: 'Ward sister', organisationId: String(org) });
      assert.equal(response.statusCode, 303);
      assert.equal(response.headers.location, '/account/renewed');
      const renewed = await row(app, person);
      assert.equal(renewed.job_title, 'Ward sister');
      assert.equal(renewed.expiry_warning_days, null);
      const months = (Date.parse(renewed.expires_at ?? '') - Date.now()) / (30.4 * DAY_MS);
      assert.ok(months > 11.5 && months < 12.5, `about 12 months, got ${months}`);
      assert.ok(Date.now() - Date.parse(renewed.eligibility_confirmed_at ?? '') < 60_000);
      const [event] = await app.db.selectFrom('audit_event').selectAll().where('action', '=', 'account.renew').execute();
      assert.equal(event?.actor_user_id, person);
      assert.equal((await app.db.selectFrom('mail_outbox').select('subject').where('to_address', '=', 'renew@example.nhs.uk').executeTakeFirst())?.subject, 'Your khub account has been renewed');
      assert.match(normaliseHtml((await agent.get('/account/renewed')).body), /Your access now lasts until \d{1,2} \w+ \d{4}/);
    });

    it('restores an account suspended by expiry through the emailed link, which then stops working', async (t) => {
      const app = await build(t, { dialect });
      const org = await createOrganisation(app.db);
      const person = await createUser(app.db, { organisationId: org, email: 'lapsed@example.nhs.uk', expiresAt: new Date(Date.now() - DAY_MS).toISOString() });
      await expireAccounts(app);
      assert.equal((await row(app, person)).status, 'suspended');
      const link = await renewLink(app, 'lapsed@example.nhs.uk');
      const token = decodeURIComponent(link.split('token=')[1] ?? '');
      const visitor = new TestAgent(app);
      const form = await visitor.get(link);
      assert.equal(form.statusCode, 200);
      assert.match(normaliseHtml(form.body), /your account expired on/);

      const response = await visitor.submit('/account/renew', { token, declaration: 'yes', jobTitle: 'Staff nurse', organisationId: String(org) });
      assert.equal(response.statusCode, 303);
      const restored = await row(app, person);
      assert.deepEqual([restored.status, restored.status_reason, restored.suspended_at, restored.deletion_due_at], ['active', null, null, null]);
      assert.ok(Date.parse(restored.expires_at ?? '') > Date.now() + 700 * DAY_MS, 'the default 24 months');
      assert.match(normaliseHtml((await visitor.get('/account/renewed')).body), /Sign in to khub/);
      assert.equal((await visitor.get(link)).statusCode, 400, 'the link is single use');
      const again = await visitor.submit('/account/renew', { token, declaration: 'yes', jobTitle: 'Staff nurse', organisationId: String(org) });
      assert.equal(again.statusCode, 400);
    });

    it('does not lift a suspension made by an admin', async (t) => {
      const app = await build(t, { dialect });
      const org = await createOrganisation(app.db);
      const person = await createUser(app.db, { organisationId: org, status: 'suspended', expiresAt: new Date(Date.now() - DAY_MS).toISOString() });
      await app.db.updateTable('user_account').set({ status_reason: 'Left the trust' }).where('id', '=', person).execute();
      const token = await issueAccountToken(app.db, { userId: person, purpose: 'renew' });
      const visitor = new TestAgent(app);
      const page = await visitor.get(`/account/renew?token=${token}`);
      assert.equal(page.statusCode, 409);
      assert.match(page.body, /cannot be renewed online/);
      await visitor.get('/feedback');
      const post = await visitor.submit('/account/renew', { token, declaration: 'yes', jobTitle: 'Nurse', organisationId: String(org) });
      assert.equal(post.statusCode, 409);
      assert.equal((await row(app, person)).status, 'suspended');
      assert.equal((await row(app, person)).status_reason, 'Left the trust');
    });

    it('asks for the declaration again and changes nothing without it', async (t) => {
      const app = await build(t, { dialect });
      const org = await createOrganisation(app.db);
      const person = await createUser(app.db, { organisationId: org });
      const before = await row(app, person);
      const agent = await signedInAgent(app, person);
      await agent.get('/account/renew');
      const response = await agent.submit('/account/renew', { token: '', jobTitle: '', organisationId: String(org) });
      assert.equal(response.statusCode, 400);
      const html = normaliseHtml(response.body);
      assert.match(html, /Confirm that you still work for, or are placed with, the organisation/);
      assert.match(html, /href="#jobTitle">Enter your job title</);
      assert.deepEqual(await row(app, person), before);
    });

    it('moves to another organisation on renewal only when the email address proves membership', async (t) => {
      const app = await build(t, { dialect });
      const from = await createOrganisation(app.db);
      const strange = await createOrganisation(app.db, { name: 'Strange Trust' });
      const matching = await createOrganisation(app.db, { domains: ['new-trust.nhs.uk'] });
      const person = await createUser(app.db, { organisationId: from, email: 'mover@new-trust.nhs.uk' });
      const agent = await signedInAgent(app, person);
      await agent.get('/account/renew');
      const refused = await agent.submit('/account/renew', { token: '', declaration: 'yes', jobTitle: 'Nurse', organisationId: String(strange) });
      assert.equal(refused.statusCode, 400);
      assert.match(normaliseHtml(refused.body), /href="#organisationId">Your email address is not one of Strange Trust’s/);
      assert.equal((await row(app, person)).organisation_id, from);
      const moved = await agent.submit('/account/renew', { token: '', declaration: 'yes', jobTitle: 'Nurse', organisationId: String(matching) });
      assert.equal(moved.statusCode, 303);
      assert.equal((await row(app, person)).organisation_id, matching);
    });

    it('sends visitors without a link to sign in, and refuses an expired link', async (t) => {
      const app = await build(t, { dialect });
      const person = await createUser(app.db);
      const visitor = new TestAgent(app);
      const bounced = await visitor.get('/account/renew');
      assert.equal(bounced.statusCode, 303);
      assert.equal(bounced.headers.location, '/sign-in?returnTo=%2Faccount%2Frenew');
      const token = await issueAccountToken(app.db, { userId: person, purpose: 'renew', now: new Date(Date.now() - 31 * DAY_MS) });
      const expired = await visitor.get(`/account/renew?token=${token}`);
      assert.equal(expired.statusCode, 400);
      assert.match(expired.body, /expired or has already been used/);
    });
  });
}
