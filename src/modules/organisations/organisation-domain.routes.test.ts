import assert from 'node:assert/strict';
import { describe, it, type TestContext } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { TestAgent } from '../../../test/helpers/agent.js';
import { build } from '../../../test/helpers/build-app.js';
import { testDialects } from '../../../test/helpers/databases.js';
import { createOrganisation, createUser, signedInAgent } from '../../../test/helpers/factories.js';
import { normaliseHtml } from '../../../test/helpers/html.js';
import type { DialectName } from '../../platform/db/dialect.js';

async function setup(t: TestContext, dialect: DialectName) {
  const app = await build(t, { dialect });
  const ouh = await createOrganisation(app.db, { odsCode: 'RTH', name: 'Oxford University Hospitals NHS Foundation Trust', domains: ['ouh.nhs.uk'] });
  const other = await createOrganisation(app.db, { odsCode: 'R0A', name: 'Manchester University NHS Foundation Trust', domains: ['mft.nhs.uk'] });
  const admin = await signedInAgent(app, await createUser(app.db, { roles: [{ role: 'platform_admin' }] }));
  const orgAdmin = await signedInAgent(app, await createUser(app.db, { organisationId: ouh, roles: [{ role: 'org_admin', scopeId: ouh }] }));
  const member = await signedInAgent(app, await createUser(app.db, { organisationId: ouh }));
  return { app, ouh, other, admin, orgAdmin, member };
}

const domainsOf = async (app: FastifyInstance, organisationId: number) =>
  (await app.db.selectFrom('organisation_domain').select('domain').where('organisation_id', '=', organisationId).orderBy('domain').execute()).map((r) => r.domain);

const audits = (app: FastifyInstance, prefix: string) => app.db.selectFrom('audit_event').selectAll().where('action', 'like', `${prefix}%`).execute();

for (const dialect of testDialects()) {
  describe(`organisation email domains [${dialect}]`, () => {
    it('lets an organisation admin add a domain to their own organisation, lower-cased and audited', async (t) => {
      const { app, orgAdmin, ouh } = await setup(t, dialect);
      const page = await orgAdmin.get(`/admin/organisations/${ouh}/domains`);
      assert.equal(page.statusCode, 200);
      assert.match(normaliseHtml(page.body), /<td class="nhsuk-table__cell">ouh\.nhs\.uk<\/td>/);
      const response = await orgAdmin.submit(`/admin/organisations/${ouh}/domains`, { domain: '  @OxfordHealth.NHS.uk ' });
      assert.equal(response.statusCode, 303);
      assert.equal(response.headers.location, `/admin/organisations/${ouh}/domains`);
      assert.deepEqual(await domainsOf(app, ouh), ['ouh.nhs.uk', 'oxfordhealth.nhs.uk']);
      const [audit] = await audits(app, 'organisation.domain_add');
      assert.equal(audit?.target_id, String(ouh));
      assert.deepEqual(JSON.parse(audit?.details ?? '{}'), {
        domain: 'oxfordhealth.nhs.uk',
        before: { domains: ['ouh.nhs.uk'] },
        after: { domains: ['ouh.nhs.uk', 'oxfordhealth.nhs.uk'] },
      });
      assert.match((await orgAdmin.get(`/admin/organisations/${ouh}/domains`)).body, /oxfordhealth\.nhs\.uk has been added/);
    });

    it('refuses a shared domain such as nhs.net with a clear message and writes nothing', async (t) => {
      const { app, orgAdmin, ouh } = await setup(t, dialect);
      await orgAdmin.get(`/admin/organisations/${ouh}/domains`);
      const response = await orgAdmin.submit(`/admin/organisations/${ouh}/domains`, { domain: 'NHS.net' });
      assert.equal(response.statusCode, 400);
      const html = normaliseHtml(response.body);
      assert.match(html, /There is a problem/);
      assert.match(html, /href="#domain">nhs\.net is shared by many organisations, so it cannot prove that someone works for this one/);
      assert.deepEqual(await domainsOf(app, ouh), ['ouh.nhs.uk']);
      assert.equal((await audits(app, 'organisation.domain')).length, 0);
    });

    it('refuses a domain that belongs to another organisation, naming it', async (t) => {
      const { app, admin, ouh } = await setup(t, dialect);
      await admin.get(`/admin/organisations/${ouh}/domains`);
      const response = await admin.submit(`/admin/organisations/${ouh}/domains`, { domain: 'mft.nhs.uk' });
      assert.equal(response.statusCode, 400);
      assert.match(normaliseHtml(response.body), /mft\.nhs\.uk already belongs to Manchester University NHS Foundation Trust \(R0A\)/);
      const again = await admin.submit(`/admin/organisations/${ouh}/domains`, { domain: 'ouh.nhs.uk' });
      assert.match(normaliseHtml(again.body), /ouh\.nhs\.uk is already one of this organisation’s domains/);
      assert.deepEqual(await domainsOf(app, ouh), ['ouh.nhs.uk']);
    });

    it('refuses text that is not a domain, keeping what was typed', async (t) => {
      const { app, orgAdmin, ouh } = await setup(t, dialect);
      await orgAdmin.get(`/admin/organisations/${ouh}/domains`);
      for (const domain of ['', 'not a domain', 'person@ouh.nhs.uk', '-bad.nhs.uk', 'nodot']) {
        const response = await orgAdmin.submit(`/admin/organisations/${ouh}/domains`, { domain });
        assert.equal(response.statusCode, 400, domain);
        assert.match(normaliseHtml(response.body), /href="#domain">Enter an email domain/, domain);
      }
      assert.deepEqual(await domainsOf(app, ouh), ['ouh.nhs.uk']);
    });

    it('removes a domain, audited; removing one the organisation does not have is a 404', async (t) => {
      const { app, orgAdmin, ouh } = await setup(t, dialect);
      await orgAdmin.get(`/admin/organisations/${ouh}/domains`);
      const response = await orgAdmin.submit(`/admin/organisations/${ouh}/domains/ouh.nhs.uk/delete`, {});
      assert.equal(response.statusCode, 303);
      assert.deepEqual(await domainsOf(app, ouh), []);
      const [audit] = await audits(app, 'organisation.domain_remove');
      assert.deepEqual(JSON.parse(audit?.details ?? '{}'), { domain: 'ouh.nhs.uk', before: { domains: ['ouh.nhs.uk'] }, after: { domains: [] } });
      await orgAdmin.get(`/admin/organisations/${ouh}/domains`);
      assert.equal((await orgAdmin.submit(`/admin/organisations/${ouh}/domains/mft.nhs.uk/delete`, {})).statusCode, 404);
    });

    it('refuses an organisation admin every domain action on another organisation', async (t) => {
      const { app, orgAdmin, ouh, other } = await setup(t, dialect);
      await orgAdmin.get(`/admin/organisations/${ouh}/domains`);
      assert.equal((await orgAdmin.get(`/admin/organisations/${other}/domains`)).statusCode, 403);
      assert.equal((await orgAdmin.submit(`/admin/organisations/${other}/domains`, { domain: 'evil.nhs.uk' })).statusCode, 403);
      assert.equal((await orgAdmin.submit(`/admin/organisations/${other}/domains/mft.nhs.uk/delete`, {})).statusCode, 403);
      assert.deepEqual(await domainsOf(app, other), ['mft.nhs.uk']);
    });

    it('sends visitors to sign in and refuses members with 403', async (t) => {
      const { app, member, ouh } = await setup(t, dialect);
      const visitor = await new TestAgent(app).get(`/admin/organisations/${ouh}/domains`);
      assert.ok(visitor.statusCode === 401 || (visitor.statusCode === 303 && /^\/sign-in/.test(String(visitor.headers.location))));
      assert.equal((await member.get(`/admin/organisations/${ouh}/domains`)).statusCode, 403);
      assert.equal((await member.get('/admin/shared-email-domains')).statusCode, 403);
    });
  });

  describe(`shared email domains [${dialect}]`, () => {
    it('lets a platform admin add and remove shared domains, audited', async (t) => {
      const { app, admin } = await setup(t, dialect);
      const page = normaliseHtml((await admin.get('/admin/shared-email-domains')).body);
      assert.match(page, /<td class="nhsuk-table__cell">nhs\.net<\/td>/);
      const added = await admin.submit('/admin/shared-email-domains', { domain: 'ProtonMail.com', note: 'personal mail' });
      assert.equal(added.statusCode, 303);
      assert.ok(await app.db.selectFrom('shared_email_domain').select('domain').where('domain', '=', 'protonmail.com').executeTakeFirst());
      await admin.get('/admin/shared-email-domains');
      assert.equal((await admin.submit('/admin/shared-email-domains/protonmail.com/delete', {})).statusCode, 303);
      assert.equal(await app.db.selectFrom('shared_email_domain').select('domain').where('domain', '=', 'protonmail.com').executeTakeFirst(), undefined);
      assert.deepEqual((await audits(app, 'shared_email_domain')).map((a) => a.action).sort(), ['shared_email_domain.add', 'shared_email_domain.remove']);
    });

    it('refuses to make a domain shared while an organisation holds it, and reports missing fields', async (t) => {
      const { app, admin } = await setup(t, dialect);
      await admin.get('/admin/shared-email-domains');
      const held = await admin.submit('/admin/shared-email-domains', { domain: 'ouh.nhs.uk', note: 'oops' });
      assert.equal(held.statusCode, 400);
      assert.match(normaliseHtml(held.body), /ouh\.nhs\.uk belongs to Oxford University Hospitals NHS Foundation Trust \(RTH\)/);
      const empty = await admin.submit('/admin/shared-email-domains', { domain: '', note: '' });
      assert.equal(empty.statusCode, 400);
      assert.match(normaliseHtml(empty.body), /href="#note">Say why this domain is shared/);
      assert.equal((await audits(app, 'shared_email_domain')).length, 0);
    });

    it('is for platform admins only', async (t) => {
      const { orgAdmin, ouh } = await setup(t, dialect);
      await orgAdmin.get(`/admin/organisations/${ouh}/domains`);
      assert.equal((await orgAdmin.get('/admin/shared-email-domains')).statusCode, 403);
      assert.equal((await orgAdmin.submit('/admin/shared-email-domains', { domain: 'x.com', note: 'x' })).statusCode, 403);
      assert.equal((await orgAdmin.submit('/admin/shared-email-domains/nhs.net/delete', {})).statusCode, 403);
    });
  });
}
