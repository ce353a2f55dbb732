import assert from 'node:assert/strict';
import { describe, it, type TestContext } from 'node:test';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { TestAgent } from '../../../test/helpers/agent.js';
import { build } from '../../../test/helpers/build-app.js';
import { testDialects } from '../../../test/helpers/databases.js';
import { createOrganisation, createUser, signedInAgent } from '../../../test/helpers/factories.js';
import { normaliseHtml } from '../../../test/helpers/html.js';
import type { DialectName } from '../../platform/db/dialect.js';

const validForm = {
  odsCode: 'rxq',
  name: 'Buckinghamshire Healthcare NHS Trust',
  type: 'nhs_trust',
  parentOdsCode: '',
  regionCode: 'Y59',
  countyId: '',
  address: 'Amersham Hospital, Whielden Street',
  postcode: 'hp7 0jd',
  'closedOn[day]': '', 'closedOn[month]': '', 'closedOn[year]': '',
  accountExpiryMonths: '24',
};

/** A visitor must be sent to sign in (303 to /sign-in) or told to (401); either way nothing is shown. */
function assertNeedsSignIn(response: LightMyRequestResponse): void {
  if (response.statusCode === 401) return;
  assert.equal(response.statusCode, 303);
  assert.match(String(response.headers.location), /^\/sign-in/);
}

async function setup(t: TestContext, dialect: DialectName) {
  const app = await build(t, { dialect });
  const ouh = await createOrganisation(app.db, { odsCode: 'RTH', name: 'Oxford University Hospitals NHS Foundation Trust', regionCode: 'Y59', domains: ['ouh.nhs.uk'] });
  const other = await createOrganisation(app.db, { odsCode: 'R0A', name: 'Manchester University NHS Foundation Trust', regionCode: 'Y62' });
  const admin = await signedInAgent(app, await createUser(app.db, { roles: [{ role: 'platform_admin' }] }));
  const orgAdmin = await signedInAgent(app, await createUser(app.db, { organisationId: ouh, roles: [{ role: 'org_admin', scopeId: ouh }] }));
  const lead = await signedInAgent(app, await createUser(app.db, { roles: [{ role: 'regional_lead', scopeId: 'Y59' }] }));
  const member = await signedInAgent(app, await createUser(app.db, { organisationId: ouh }));
  return { app, ouh, other, admin, orgAdmin, lead, member };
}

const auditRows = (app: FastifyInstance, action: string) => app.db.selectFrom('audit_event').selectAll().where('action', '=', action).execute();

for (const dialect of testDialects()) {
  describe(`organisation admin pages [${dialect}]`, () => {
    it('lists, searches and filters organisations for a platform admin', async (t) => {
      const { app, admin } = await setup(t, dialect);
      const all = normaliseHtml((await admin.get('/admin/organisations')).body);
      assert.match(all, /data-testid="result-count">2 organisations/);
      assert.match(all, />Oxford University Hospitals NHS Foundation Trust<\/a>/);
      assert.match(normaliseHtml((await admin.get('/admin/organisations?q=oxford')).body), /data-testid="result-count">1 organisation</);
      assert.match(normaliseHtml((await admin.get('/admin/organisations?q=r0a')).body), /Manchester University/);
      const north = normaliseHtml((await admin.get('/admin/organisations?region=Y62')).body);
      assert.match(north, /data-testid="result-count">1 organisation</);
      assert.doesNotMatch(north, /Oxford University/);
      assert.match(normaliseHtml((await admin.get('/admin/organisations?type=hospice')).body), /data-testid="result-count">0 organisations/);
      const bad = await admin.get('/admin/organisations?type=nonsense&page=-4&region=%27');
      assert.equal(bad.statusCode, 200, 'bad filters are ignored, never a 500');
      for (let i = 0; i < 30; i += 1) await createOrganisation(app.db, { name: `Zeta Trust ${String(i).padStart(2, '0')}` });
      const page2 = normaliseHtml((await admin.get('/admin/organisations?page=2')).body);
      assert.match(page2, /aria-current="page"[^>]*>2</);
      assert.match(page2, /Zeta Trust 29/);
    });

    it('shows a regional lead only the organisations of their region', async (t) => {
      const { lead, ouh, other } = await setup(t, dialect);
      const list = normaliseHtml((await lead.get('/admin/organisations')).body);
      assert.match(list, /data-testid="result-count">1 organisation</);
      assert.equal((await lead.get(`/admin/organisations/${ouh}`)).statusCode, 200);
      assert.equal((await lead.get(`/admin/organisations/${other}`)).statusCode, 403);
      assert.equal((await lead.get('/admin/organisations/new')).statusCode, 403);
    });

    it('sends visitors to sign in and refuses members with 403', async (t) => {
      const { app, member, ouh } = await setup(t, dialect);
      const visitor = new TestAgent(app);
      for (const url of ['/admin/organisations', `/admin/organisations/${ouh}`, '/admin/organisations/new', `/admin/organisations/${ouh}/edit`]) {
        assertNeedsSignIn(await visitor.get(url));
        assert.equal((await member.get(url)).statusCode, 403, url);
      }
    });

    it('answers 404 for an organisation that does not exist or an id that is not a number', async (t) => {
      const { admin } = await setup(t, dialect);
      assert.equal((await admin.get('/admin/organisations/999999')).statusCode, 404);
      assert.equal((await admin.get('/admin/organisations/abc')).statusCode, 404);
    });

    it('shows every field, the domains, the parent and the recent audit events on the organisation page', async (t) => {
      const { app, admin, orgAdmin, ouh } = await setup(t, dialect);
      const icb = await createOrganisation(app.db, { odsCode: 'QU9', name: 'NHS Buckinghamshire, Oxfordshire and Berkshire West ICB', type: 'integrated_care_board' });
      await app.db.updateTable('organisation').set({ parent_id: icb, county_id: 1 }).where('id', '=', ouh).execute();
      await admin.get(`/admin/organisations/${ouh}/account-expiry`);
      await admin.submit(`/admin/organisations/${ouh}/account-expiry`, { accountExpiryMonths: '12' });
      const html = normaliseHtml((await admin.get(`/admin/organisations/${ouh}`)).body);
      assert.match(html, /<h1><span class="nhsuk-caption-l">RTH<\/span>Oxford University Hospitals NHS Foundation Trust<\/h1>/);
      assert.match(html, /NHS Buckinghamshire, Oxfordshire and Berkshire West ICB<\/a>\s?\(QU9\)/);
      assert.match(html, /Bedfordshire/, 'county name');
      assert.match(html, /South East/, 'region name');
      assert.match(html, /data-testid="domains"><li>ouh\.nhs\.uk<\/li>/);
      assert.match(html, /12 months/);
      assert.match(html, /data-testid="audit-events"/);
      assert.match(html, /Account length changed/);
      assert.match(html, /href="\/admin\/organisations\/\d+\/edit"/, 'platform admins may edit');
      const own = normaliseHtml((await orgAdmin.get(`/admin/organisations/${ouh}`)).body);
      assert.doesNotMatch(own, /\/edit"/, 'organisation admins are not offered the full edit');
      assert.match(own, /\/domains"/);
    });

    it('adds an organisation, audited, and redirects to its page', async (t) => {
      const { app, admin } = await setup(t, dialect);
      assert.equal((await admin.get('/admin/organisations/new')).statusCode, 200);
      const response = await admin.submit('/admin/organisations', validForm);
      assert.equal(response.statusCode, 303);
      const row = await app.db.selectFrom('organisation').selectAll().where('ods_code', '=', 'RXQ').executeTakeFirstOrThrow();
      assert.equal(response.headers.location, `/admin/organisations/${row.id}`);
      assert.deepEqual([row.postcode, row.region_code, row.account_expiry_months], ['HP7 0JD', 'Y59', 24]);
      const [audit] = await auditRows(app, 'organisation.create');
      assert.equal(audit?.target_id, String(row.id));
      assert.match(audit?.details ?? '', /"odsCode":"RXQ"/);
      assert.match((await admin.get(String(response.headers.location))).body, /Buckinghamshire Healthcare NHS Trust has been added/);
    });

    it('re-shows the form with an error summary and writes nothing when the input is wrong', async (t) => {
      const { app, admin } = await setup(t, dialect);
      await admin.get('/admin/organisations/new');
      const response = await admin.submit('/admin/organisations', {
        ...validForm, odsCode: 'R!', name: ' ', type: 'castle', postcode: 'XYZ', accountExpiryMonths: '61', parentOdsCode: 'NOPE1',
        'closedOn[day]': '30', 'closedOn[month]': '2', 'closedOn[year]': '2024',
      });
      assert.equal(response.statusCode, 400);
      const html = normaliseHtml(response.body);
      assert.match(html, /<title>Error: /);
      for (const field of ['odsCode', 'name', 'type', 'postcode', 'closedOn', 'accountExpiryMonths']) assert.match(html, new RegExp(`href="#${field}"`), field);
      assert.match(html, /id="closedOn" name="closedOn\[day\]"/, 'the date summary link has a target');
      assert.match(html, /value="XYZ"/, 'input is kept');
      assert.equal((await app.db.selectFrom('organisation').select('id').execute()).length, 2);
      assert.equal((await auditRows(app, 'organisation.create')).length, 0);
    });

    it('refuses a duplicate ODS code or an unknown parent with a clear 400, not a 500', async (t) => {
      const { app, admin } = await setup(t, dialect);
      await admin.get('/admin/organisations/new');
      const duplicate = await admin.submit('/admin/organisations', { ...validForm, odsCode: 'rth' });
      assert.equal(duplicate.statusCode, 400);
      assert.match(normaliseHtml(duplicate.body), /ODS code RTH is already used by Oxford University Hospitals NHS Foundation Trust/);
      const orphan = await admin.submit('/admin/organisations', { ...validForm, parentOdsCode: 'QZZ' });
      assert.match(normaliseHtml(orphan.body), /There is no organisation with ODS code QZZ/);
      assert.equal((await app.db.selectFrom('organisation').select('id').execute()).length, 2);
    });

    it('lets a platform admin edit every field, auditing the values before and after', async (t) => {
      const { app, admin, ouh } = await setup(t, dialect);
      const form = normaliseHtml((await admin.get(`/admin/organisations/${ouh}/edit`)).body);
      assert.match(form, /name="odsCode"[^>]*value="RTH"/);
      const response = await admin.submit(`/admin/organisations/${ouh}/edit`, { ...validForm, odsCode: 'RTH', name: 'OUH', 'closedOn[day]': '31', 'closedOn[month]': '3', 'closedOn[year]': '2026' });
      assert.equal(response.statusCode, 303);
      const row = await app.db.selectFrom('organisation').selectAll().where('id', '=', ouh).executeTakeFirstOrThrow();
      assert.deepEqual([row.name, row.closed_on], ['OUH', '2026-03-31']);
      const [audit] = await auditRows(app, 'organisation.update');
      const details = JSON.parse(audit?.details ?? '{}') as { before: Record<string, unknown>; after: Record<string, unknown> };
      assert.equal(details.before.name, 'Oxford University Hospitals NHS Foundation Trust');
      assert.equal(details.after.name, 'OUH');
      assert.equal(details.after.closedOn, '2026-03-31');
      assert.equal(details.after.odsCode, undefined, 'unchanged fields are left out');
    });

    it('refuses an organisation admin the full edit, even of their own organisation', async (t) => {
      const { app, orgAdmin, ouh } = await setup(t, dialect);
      await orgAdmin.get(`/admin/organisations/${ouh}/domains`);
      assert.equal((await orgAdmin.get(`/admin/organisations/${ouh}/edit`)).statusCode, 403);
      const response = await orgAdmin.submit(`/admin/organisations/${ouh}/edit`, { ...validForm, odsCode: 'RTH', name: 'Renamed' });
      assert.equal(response.statusCode, 403);
      assert.equal((await app.db.selectFrom('organisation').select('name').where('id', '=', ouh).executeTakeFirstOrThrow()).name, 'Oxford University Hospitals NHS Foundation Trust');
    });

    it('lets an organisation admin set their own organisation’s account expiry, 1 to 60 months, but no other’s', async (t) => {
      const { app, orgAdmin, ouh, other } = await setup(t, dialect);
      await orgAdmin.get(`/admin/organisations/${ouh}/account-expiry`);
      const invalid = await orgAdmin.submit(`/admin/organisations/${ouh}/account-expiry`, { accountExpiryMonths: '0' });
      assert.equal(invalid.statusCode, 400);
      assert.match(normaliseHtml(invalid.body), /href="#accountExpiryMonths">Enter a whole number of months from 1 to 60/);
      assert.equal((await orgAdmin.submit(`/admin/organisations/${ouh}/account-expiry`, { accountExpiryMonths: '36' })).statusCode, 303);
      assert.equal((await orgAdmin.get(`/admin/organisations/${other}/account-expiry`)).statusCode, 403);
      assert.equal((await orgAdmin.submit(`/admin/organisations/${other}/account-expiry`, { accountExpiryMonths: '6' })).statusCode, 403);
      const rows = await app.db.selectFrom('organisation').select(['id', 'account_expiry_months']).orderBy('id').execute();
      assert.deepEqual(rows.map((r) => r.account_expiry_months), [36, 24]);
      const [audit] = await auditRows(app, 'organisation.account_expiry');
      assert.deepEqual(JSON.parse(audit?.details ?? '{}'), { before: { accountExpiryMonths: 24 }, after: { accountExpiryMonths: 36 } });
    });

    it('refuses a form without a valid CSRF token and writes nothing', async (t) => {
      const { app, admin } = await setup(t, dialect);
      await admin.get('/admin/organisations/new');
      const response = await admin.submit('/admin/organisations', validForm, { csrf: false });
      assert.equal(response.statusCode, 403);
      assert.equal((await app.db.selectFrom('organisation').select('id').execute()).length, 2);
    });
  });
}
