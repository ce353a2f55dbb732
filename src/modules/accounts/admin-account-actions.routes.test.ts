import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { TestAgent } from '../../../test/helpers/agent.js';
import { build } from '../../../test/helpers/build-app.js';
import { testDialects } from '../../../test/helpers/databases.js';
import { createOrganisation, createUser, signedInAgent } from '../../../test/helpers/factories.js';
import { normaliseHtml } from '../../../test/helpers/html.js';

const DAY_MS = 86_400_000;

/** A signed-in agent holding a CSRF token (any page with a form gives one). */
async function adminAgent(app: FastifyInstance, userId: number): Promise<TestAgent> {
  const agent = await signedInAgent(app, userId);
  await agent.get('/feedback');
  return agent;
}

const account = (app: FastifyInstance, id: number) => app.db.selectFrom('user_account').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const roles = (app: FastifyInstance, id: number) => app.db.selectFrom('role_assignment').select(['role', 'scope_id']).where('user_id', '=', id).orderBy('id').execute();
const audits = (app: FastifyInstance, action: string) => app.db.selectFrom('audit_event').selectAll().where('action', '=', action).execute();
const mailTo = (app: FastifyInstance, to: string) => app.db.selectFrom('mail_outbox').selectAll().where('to_address', '=', to).execute();

for (const dialect of testDialects()) {
  describe(`account administration: actions [${dialect}]`, () => {
    it('suspends an account with a reason: sessions ended, deletion scheduled, audited with before and after, the person emailed', async (t) => {
      const app = await build(t, { dialect });
      const org = await createOrganisation(app.db);
      const admin = await createUser(app.db, { organisationId: org, roles: [{ role: 'org_admin', scopeId: org }] });
      const person = await createUser(app.db, { organisationId: org, email: 'grace@mine.nhs.uk' });
      await signedInAgent(app, person);
      const agent = await signedInAgent(app, admin);
      assert.match((await agent.get(`/admin/accounts/${person}/suspend`)).body, /Why are you suspending this account\?/);

      const response = await agent.submit(`/admin/accounts/${person}/suspend`, { reason: 'Left the trust in March' });
      assert.equal(response.statusCode, 303);
      assert.equal(response.headers.location, `/admin/accounts/${person}`);
      const row = await account(app, person);
      assert.equal(row.status, 'suspended');
      assert.equal(row.status_reason, 'Left the trust in March');
      assert.ok(row.suspended_at && row.deletion_due_at);
      assert.equal(Date.parse(row.deletion_due_at) - Date.parse(row.suspended_at), 90 * DAY_MS);
      const sessions = await app.db.selectFrom('session').select('id').where('user_id', '=', person).execute();
      assert.equal(sessions.length, 0, 'the person is signed out everywhere');
      const [event] = await audits(app, 'account.suspend');
      assert.equal(event?.actor_user_id, admin);
      assert.deepEqual(JSON.parse(event?.details ?? '{}').before, { status: 'active', statusReason: null });
      assert.equal(JSON.parse(event?.details ?? '{}').after.status, 'suspended');
      const [mail] = await mailTo(app, 'grace@mine.nhs.uk');
      assert.match(mail?.text_body ?? '', /Left the trust in March/);
      assert.match(mail?.text_body ?? '', /think this is wrong/);
      assert.match(normaliseHtml((await agent.get(`/admin/accounts/${person}`)).body), /The account has been suspended/);
    });

    it('re-shows the form with an error and changes nothing when the reason is missing', async (t) => {
      const app = await build(t, { dialect });
      const admin = await createUser(app.db, { roles: [{ role: 'platform_admin' }] });
      const person = await createUser(app.db);
      const agent = await signedInAgent(app, admin);
      await agent.get(`/admin/accounts/${person}/suspend`);
      const response = await agent.submit(`/admin/accounts/${person}/suspend`, { reason: '  ' });
      assert.equal(response.statusCode, 400);
      assert.match(normaliseHtml(response.body), /href="#reason">Enter why you are suspending this account</);
      assert.equal((await account(app, person)).status, 'active');
    });

    it('refuses another organisation’s admin, a member and a regional lead on every action, changing nothing', async (t) => {
      const app = await build(t, { dialect });
      const org = await createOrganisation(app.db, { regionCode: 'Y56' });
      const other = await createOrganisation(app.db, { odsCode: 'ROT' });
      const person = await createUser(app.db, { organisationId: org, status: 'suspended' });
      const strangers = [
        await createUser(app.db, { organisationId: other, roles: [{ role: 'org_admin', scopeId: other }] }),
        await createUser(app.db, { organisationId: org }),
        await createUser(app.db, { roles: [{ role: 'regional_lead', scopeId: 'Y56' }] }),
      ];
      for (const stranger of strangers) {
        const agent = await adminAgent(app, stranger);
        assert.equal((await agent.get(`/admin/accounts/${person}/suspend`)).statusCode, 403);
        assert.equal((await agent.get(`/admin/accounts/${person}/roles`)).statusCode, 403);
        assert.equal((await agent.submit(`/admin/accounts/${person}/reactivate`, {})).statusCode, 403);
        assert.equal((await agent.submit(`/admin/accounts/${person}/move`, { odsCode: 'ROT' })).statusCode, 403);
        assert.equal((await agent.submit(`/admin/accounts/${person}/roles`, { role: 'org_admin', scope: '' })).statusCode, 403);
        assert.equal((await agent.submit(`/admin/accounts/${person}/roles/remove`, { role: 'librarian', scopeId: '1' })).statusCode, 403);
      }
      assert.equal((await account(app, person)).status, 'suspended');
      assert.deepEqual(await roles(app, person), []);
      assert.equal((await new TestAgent(app).get(`/admin/accounts/${person}/suspend`)).statusCode, 303, 'a visitor is sent to sign in');
    });

    it('reactivates a suspended account and gives an expired one a fresh expiry date', async (t) => {
      const app = await build(t, { dialect });
      const org = await createOrganisation(app.db, { accountExpiryMonths: 12 });
      const admin = await createUser(app.db, { organisationId: org, roles: [{ role: 'org_admin', scopeId: org }] });
      const person = await createUser(app.db, { organisationId: org, status: 'suspended', expiresAt: new Date(Date.now() - DAY_MS).toISOString() });
      await app.db.updateTable('user_account').set({ status_reason: 'Investigating', suspended_at: new Date().toISOString(), deletion_due_at: new Date().toISOString() }).where('id', '=', person).execute();
      const agent = await signedInAgent(app, admin);
      assert.match((await agent.get(`/admin/accounts/${person}`)).body, /Reactivate account/);
      const response = await agent.submit(`/admin/accounts/${person}/reactivate`, {});
      assert.equal(response.statusCode, 303);
      const row = await account(app, person);
      assert.deepEqual([row.status, row.status_reason, row.suspended_at, row.deletion_due_at], ['active', null, null, null]);
      const months = (Date.parse(row.expires_at ?? '') - Date.now()) / (30.4 * DAY_MS);
      assert.ok(months > 11.5 && months < 12.5, `about 12 months from now, got ${months}`);
      assert.equal((await audits(app, 'account.reactivate')).length, 1);
    });

    it('explains on the account page, rather than failing, when the account is not in a state for the action', async (t) => {
      const app = await build(t, { dialect });
      const admin = await createUser(app.db, { roles: [{ role: 'platform_admin' }] });
      const person = await createUser(app.db);
      const agent = await adminAgent(app, admin);
      const response = await agent.submit(`/admin/accounts/${person}/reactivate`, {});
      assert.equal(response.statusCode, 303);
      assert.match(normaliseHtml((await agent.get(`/admin/accounts/${person}`)).body), /Only a suspended account can be reactivated/);
    });

    it('moves an account by ODS code, ending its admin role for the old organisation', async (t) => {
      const app = await build(t, { dialect });
      const from = await createOrganisation(app.db);
      const to = await createOrganisation(app.db, { odsCode: 'RTO', name: 'Destination Trust' });
      const admin = await createUser(app.db, { roles: [{ role: 'platform_admin' }] });
      const person = await createUser(app.db, { organisationId: from, email: 'mover@example.nhs.uk', roles: [{ role: 'org_admin', scopeId: from }, { role: 'librarian', scopeId: 3 }] });
      const agent = await signedInAgent(app, admin);
      await agent.get(`/admin/accounts/${person}/move`);
      const unknown = await agent.submit(`/admin/accounts/${person}/move`, { odsCode: 'ZZZ' });
      assert.equal(unknown.statusCode, 400);
      assert.match(normaliseHtml(unknown.body), /href="#odsCode">There is no organisation with that ODS code</);
      const response = await agent.submit(`/admin/accounts/${person}/move`, { odsCode: 'rto' });
      assert.equal(response.statusCode, 303);
      assert.equal((await account(app, person)).organisation_id, to);
      assert.deepEqual(await roles(app, person), [{ role: 'librarian', scope_id: '3' }]);
      const [event] = await audits(app, 'account.move');
      assert.deepEqual(JSON.parse(event?.details ?? '{}').after, { organisationId: to });
      assert.match((await mailTo(app, 'mover@example.nhs.uk'))[0]?.text_body ?? '', /Destination Trust/);
    });

    it('lets an org admin move accounts only to organisations they also administer', async (t) => {
      const app = await build(t, { dialect });
      const mine = await createOrganisation(app.db);
      await createOrganisation(app.db, { odsCode: 'RXX' });
      const admin = await createUser(app.db, { organisationId: mine, roles: [{ role: 'org_admin', scopeId: mine }] });
      const person = await createUser(app.db, { organisationId: mine });
      const agent = await signedInAgent(app, admin);
      await agent.get(`/admin/accounts/${person}/move`);
      assert.equal((await agent.submit(`/admin/accounts/${person}/move`, { odsCode: 'RXX' })).statusCode, 403);
      assert.equal((await account(app, person)).organisation_id, mine);
    });

  });
}
