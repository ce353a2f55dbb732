import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TestAgent } from '../../../test/helpers/agent.js';
import { build } from '../../../test/helpers/build-app.js';
import { testDialects } from '../../../test/helpers/databases.js';
import { createOrganisation, createUser, signedInAgent } from '../../../test/helpers/factories.js';
import { normaliseHtml } from '../../../test/helpers/html.js';
import { recordAudit } from '../../platform/audit/audit.js';

for (const dialect of testDialects()) {
  describe(`account administration: finding and viewing [${dialect}]`, () => {
    it('shows the admin landing page with only the sections the person may use', async (t) => {
      const app = await build(t, { dialect });
      const org = await createOrganisation(app.db);
      const orgAdmin = await createUser(app.db, { organisationId: org, roles: [{ role: 'org_admin', scopeId: org }] });
      const platformAdmin = await createUser(app.db, { roles: [{ role: 'platform_admin' }] });

      const orgPage = normaliseHtml((await (await signedInAgent(app, orgAdmin)).get('/admin')).body);
      assert.match(orgPage, /href="\/admin\/accounts"/);
      assert.match(orgPage, /href="\/admin\/join-requests"/);
      assert.match(orgPage, /href="\/admin\/statistics"/);
      assert.doesNotMatch(orgPage, /href="\/admin\/audit"/, 'the audit log is for platform admins');

      const platformPage = await (await signedInAgent(app, platformAdmin)).get('/admin');
      assert.equal(platformPage.statusCode, 200);
      assert.match(platformPage.body, /href="\/admin\/audit"/);
    });

    it('sends visitors to sign in and refuses members with no admin role', async (t) => {
      const app = await build(t, { dialect });
      const member = await createUser(app.db);
      const visitor = await new TestAgent(app).get('/admin/accounts');
      assert.equal(visitor.statusCode, 303);
      assert.equal(visitor.headers.location, '/sign-in?returnTo=%2Fadmin%2Faccounts');
      const agent = await signedInAgent(app, member);
      for (const url of ['/admin', '/admin/accounts', '/admin/statistics', '/admin/audit', '/admin/accounts/upload', `/admin/accounts/${member}`]) {
        assert.equal((await agent.get(url)).statusCode, 403, url);
      }
    });

    it('finds only the accounts of the org admin’s organisation, by name or email, with filters and pages', async (t) => {
      const app = await build(t, { dialect });
      const mine = await createOrganisation(app.db, { name: 'Mine Trust' });
      const other = await createOrganisation(app.db, { name: 'Other Trust' });
      const admin = await createUser(app.db, { organisationId: mine, roles: [{ role: 'org_admin', scopeId: mine }] });
      await createUser(app.db, { organisationId: mine, fullName: 'Grace Hopper', email: 'grace@mine.nhs.uk' });
      await createUser(app.db, { organisationId: mine, fullName: 'Alan Turing', email: 'alan@mine.nhs.uk', status: 'suspended' });
      await createUser(app.db, { organisationId: other, fullName: 'Grace Other', email: 'grace@other.nhs.uk' });
      const agent = await signedInAgent(app, admin);

      const all = normaliseHtml((await agent.get('/admin/accounts')).body);
      assert.match(all, /data-testid="result-count">3 accounts/);
      assert.match(all, /Grace Hopper/);
      assert.doesNotMatch(all, /Grace Other/);

      const byName = normaliseHtml((await agent.get('/admin/accounts?q=GRACE')).body);
      assert.match(byName, /1 account</);
      assert.match(byName, /grace@mine\.nhs\.uk/);
      const byStatus = normaliseHtml((await agent.get('/admin/accounts?status=suspended')).body);
      assert.match(byStatus, /Alan Turing/);
      assert.doesNotMatch(byStatus, /Grace Hopper/);
      const byRole = normaliseHtml((await agent.get('/admin/accounts?role=org_admin')).body);
      assert.match(byRole, /1 account</);
      const wildcard = normaliseHtml((await agent.get('/admin/accounts?q=%25')).body);
      assert.match(wildcard, /0 accounts/, 'a % in the search is text, not a wildcard');

      assert.equal((await agent.get(`/admin/accounts?organisation=${other}`)).statusCode, 403);
    });

    it('pages through many accounts', async (t) => {
      const app = await build(t, { dialect });
      const admin = await createUser(app.db, { roles: [{ role: 'platform_admin' }] });
      for (let i = 0; i < 26; i += 1) await createUser(app.db, { fullName: `Person ${String(i).padStart(2, '0')}` });
      const agent = await signedInAgent(app, admin);
      const first = normaliseHtml((await agent.get('/admin/accounts')).body);
      assert.match(first, /27 accounts, page 1 of 2/);
      assert.match(first, /href="\/admin\/accounts\?page=2"/);
      const second = normaliseHtml((await agent.get('/admin/accounts?page=2')).body);
      assert.match(second, /page 2 of 2/);
      assert.equal((second.match(/<tr class="nhsuk-table__row"><td/g) ?? []).length, 2);
    });

    it('shows an account with its roles, join requests and recent audit events to its org admin', async (t) => {
      const app = await build(t, { dialect });
      const org = await createOrganisation(app.db, { name: 'Mine Trust', odsCode: 'RMN' });
      const admin = await createUser(app.db, { organisationId: org, roles: [{ role: 'org_admin', scopeId: org }] });
      const person = await createUser(app.db, { organisationId: org, fullName: 'Grace Hopper', roles: [{ role: 'librarian', scopeId: 12 }] });
      const now = new Date().toISOString();
      await app.db.insertInto('join_request').values({ user_id: person, organisation_id: org, status: 'approved', reason: 'domain_not_recognised', created_at: now, updated_at: now }).execute();
      await recordAudit(app.db, { actor: 'system', action: 'account.expiry_warning', targetType: 'user_account', targetId: person, details: { days: 28 } });

      const page = await (await signedInAgent(app, admin)).get(`/admin/accounts/${person}`);
      assert.equal(page.statusCode, 200);
      const html = normaliseHtml(page.body);
      assert.match(html, /<h1><span class="nhsuk-caption-l">Account<\/span>Grace Hopper<\/h1>/);
      assert.match(html, /Librarian \(library service 12\)/);
      assert.match(html, /Mine Trust \(RMN\)/);
      assert.match(html, /<code>account\.expiry_warning<\/code>/);
      assert.match(html, /Suspend account/);
      assert.match(html, /Change roles/);
    });

    it('refuses another organisation’s admin (403) and answers 404 for an account that does not exist', async (t) => {
      const app = await build(t, { dialect });
      const org = await createOrganisation(app.db);
      const other = await createOrganisation(app.db);
      const person = await createUser(app.db, { organisationId: org });
      const stranger = await createUser(app.db, { organisationId: other, roles: [{ role: 'org_admin', scopeId: other }] });
      const agent = await signedInAgent(app, stranger);
      assert.equal((await agent.get(`/admin/accounts/${person}`)).statusCode, 403);
      assert.equal((await agent.get('/admin/accounts/999999')).statusCode, 404);
      assert.equal((await agent.get('/admin/accounts/not-a-number')).statusCode, 404);
    });

    it('lets a regional lead find and view their region’s accounts but offers no actions', async (t) => {
      const app = await build(t, { dialect });
      const inRegion = await createOrganisation(app.db, { regionCode: 'Y56' });
      const elsewhere = await createOrganisation(app.db, { regionCode: 'Y62' });
      const lead = await createUser(app.db, { roles: [{ role: 'regional_lead', scopeId: 'Y56' }] });
      const near = await createUser(app.db, { organisationId: inRegion, fullName: 'Near Person' });
      const far = await createUser(app.db, { organisationId: elsewhere, fullName: 'Far Person' });
      const agent = await signedInAgent(app, lead);
      const list = normaliseHtml((await agent.get('/admin/accounts')).body);
      assert.match(list, /Near Person/);
      assert.doesNotMatch(list, /Far Person/);
      const view = await agent.get(`/admin/accounts/${near}`);
      assert.equal(view.statusCode, 200);
      assert.doesNotMatch(view.body, /Suspend account|Change roles|Move to another organisation/);
      assert.equal((await agent.get(`/admin/accounts/${far}`)).statusCode, 403);
      assert.equal((await agent.get(`/admin/accounts/${near}/suspend`)).statusCode, 403);
      assert.equal((await agent.get('/admin/accounts/export.csv')).statusCode, 403, 'export is for admins who manage the accounts');
    });
  });
}
