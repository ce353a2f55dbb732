import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { build } from '../../../test/helpers/build-app.js';
import { testDialects } from '../../../test/helpers/databases.js';
import { seedDirectory } from '../../../test/helpers/directory/seed.js';
import { createUser, signedInAgent } from '../../../test/helpers/factories.js';
import { normaliseHtml } from '../../../test/helpers/html.js';
import { listAuditEvents } from '../../platform/audit/audit.js';
import { getLibrary } from './library.service.js';

const OUH = 1;
const CUH = 2;

async function agentWith(app: FastifyInstance, role: 'service_manager' | 'librarian' | 'platform_admin', scopeId?: number) {
  return signedInAgent(app, await createUser(app.db, { email: `${role}-${scopeId ?? 'all'}@example.nhs.uk`, roles: [{ role, scopeId }] }));
}

const newSite = (changes: Record<string, string> = {}) => ({
  name: 'Churchill Library',
  address: 'Old Road, Headington, Oxford',
  postcode: 'ox3 9du',
  county: '',
  'hours-mon': '09:00-17:00',
  'hours-tue': '09:00-17:00',
  'hours-wed': '',
  'hours-thu': '',
  'hours-fri': '',
  'hours-sat': '',
  'hours-sun': '',
  bankHolidayNotes: '',
  ...changes,
});

for (const dialect of testDialects()) {
  describe(`adding and removing a library's sites [${dialect}]`, () => {
    it('lets a librarian of the service add a site, located from its postcode, with a key made from its name, audited', async (t) => {
      const app = await build(t, { dialect });
      await seedDirectory(app.db);
      const librarian = await agentWith(app, 'librarian', OUH);
      assert.match((await librarian.get(`/libraries/${OUH}`)).body, /href="\/libraries\/1\/sites\/new">Add a site</);
      const form = await librarian.get(`/libraries/${OUH}/sites/new`);
      assert.equal(form.statusCode, 200);
      assert.match(normaliseHtml(form.body), /<h1><span class="nhsuk-caption-l">Bodleian Health Care Libraries<\/span>Add a site<\/h1>/);
      const bad = await librarian.submit(`/libraries/${OUH}/sites/new`, newSite({ name: '', 'hours-tue': '17:00-09:00' }));
      assert.equal(bad.statusCode, 400);
      assert.match(normaliseHtml(bad.body), /href="#name">Enter the name of the site</);
      assert.equal((await getLibrary(app.db, OUH)).sites.length, 2, 'nothing added from a bad form');

      const added = await librarian.submit(`/libraries/${OUH}/sites/new`, { ...newSite(), staffedOnBankHolidays: 'yes' });
      assert.equal(added.statusCode, 303);
      assert.equal(added.headers.location, `/libraries/${OUH}#site-churchill-library`);
      assert.match((await librarian.get(`/libraries/${OUH}`)).body, /Churchill Library has been added/);
      const site = (await getLibrary(app.db, OUH)).sites.find((s) => s.key === 'churchill-library');
      assert.deepEqual([site?.name, site?.postcode, site?.latitude, site?.locationPrecision, site?.staffedHours, site?.staffedOnBankHolidays], ['Churchill Library', 'OX3 9DU', 51.763953, 'postcode', 'Mon-Tue 09:00-17:00', true]);
      const again = await librarian.submit(`/libraries/${OUH}/sites/new`, newSite({ postcode: '' }));
      assert.equal(again.headers.location, `/libraries/${OUH}#site-churchill-library-2`, 'a second site of that name gets its own key');
      const [event] = await listAuditEvents(app.db, { targetType: 'library_site', targetId: site?.id ?? 0 });
      const details = event?.details as { serviceId: number; siteKey: string; after: Record<string, unknown> };
      assert.deepEqual([event?.action, event?.actorLabel, details.serviceId, details.siteKey, details.after.postcode], ['library_site.add', 'librarian-1@example.nhs.uk', OUH, 'churchill-library', 'OX3 9DU']);
    });

    it('removes a site after a confirmation page, with its hours, and audits what it was', async (t) => {
      const app = await build(t, { dialect });
      await seedDirectory(app.db);
      const manager = await agentWith(app, 'service_manager', OUH);
      const horton = (await getLibrary(app.db, OUH)).sites.find((s) => s.key === 'horton');
      const editForm = await manager.get(`/libraries/${OUH}/sites/${horton?.id}/edit`);
      assert.match(editForm.body, new RegExp(`href="/libraries/1/sites/${horton?.id}/remove">Remove this site`));
      const confirm = await manager.get(`/libraries/${OUH}/sites/${horton?.id}/remove`);
      assert.equal(confirm.statusCode, 200);
      assert.match(normaliseHtml(confirm.body), /Are you sure you want to remove Horton Library\?<\/h1><p data-testid="site-address">OX16 9AL<\/p>/);
      assert.equal((await getLibrary(app.db, OUH)).sites.length, 2, 'the confirmation page changes nothing');
      const removed = await manager.submit(`/libraries/${OUH}/sites/${horton?.id}/remove`, {});
      assert.deepEqual([removed.statusCode, removed.headers.location], [303, `/libraries/${OUH}`]);
      assert.match((await manager.get(`/libraries/${OUH}`)).body, /Horton Library has been removed/);
      assert.deepEqual((await getLibrary(app.db, OUH)).sites.map((s) => s.key), ['cairns']);
      const openings = await app.db.selectFrom('library_site_opening').select('site_id').where('site_id', '=', horton?.id ?? 0).execute();
      assert.equal(openings.length, 0, 'its hours went with it');
      const [event] = await listAuditEvents(app.db, { targetType: 'library_site', targetId: horton?.id ?? 0 });
      const details = event?.details as { before: Record<string, unknown> };
      assert.deepEqual([event?.action, details.before.name, details.before.staffedHours], ['library_site.remove', 'Horton Library', 'Mon-Fri 09:00-17:00']);
      assert.equal((await manager.get(`/libraries/${OUH}/sites/${horton?.id}/remove`)).statusCode, 404, 'gone');
    });

    it('refuses a manager of another service (403), a site of another service (404) and a form without its CSRF token', async (t) => {
      const app = await build(t, { dialect });
      await seedDirectory(app.db);
      const other = await agentWith(app, 'service_manager', CUH);
      const horton = (await getLibrary(app.db, OUH)).sites.find((s) => s.key === 'horton');
      for (const url of [`/libraries/${OUH}/sites/new`, `/libraries/${OUH}/sites/${horton?.id}/remove`]) {
        const refused = await other.get(url);
        assert.equal(refused.statusCode, 403, url);
        assert.match(refused.body, /You do not have permission to see this page/);
      }
      await other.get(`/libraries/${CUH}/sites/new`);
      assert.equal((await other.submit(`/libraries/${OUH}/sites/new`, newSite())).statusCode, 403);
      assert.equal((await other.submit(`/libraries/${OUH}/sites/${horton?.id}/remove`, {})).statusCode, 403);
      assert.equal((await other.submit(`/libraries/${CUH}/sites/${horton?.id}/remove`, {})).statusCode, 404, 'Horton is not a Cambridge site');
      assert.equal((await other.submit(`/libraries/${CUH}/sites/new`, newSite(), { csrf: false })).statusCode, 403);
      assert.deepEqual((await getLibrary(app.db, OUH)).sites.map((s) => s.key), ['cairns', 'horton']);
      assert.equal((await getLibrary(app.db, CUH)).sites.length, 1);
      const events = await app.db.selectFrom('audit_event').select('action').where('action', 'like', 'library_site.%').execute();
      assert.deepEqual(events, []);
    });
  });
}
