import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { TestAgent } from '../../../test/helpers/agent.js';
import { build } from '../../../test/helpers/build-app.js';
import { testDialects } from '../../../test/helpers/databases.js';
import { seedDirectory } from '../../../test/helpers/directory/seed.js';
import { createUser, signedInAgent } from '../../../test/helpers/factories.js';
import { normaliseHtml } from '../../../test/helpers/html.js';
import { listAuditEvents } from '../../platform/audit/audit.js';
import { getLibrary } from './library.service.js';

type Role = 'service_manager' | 'librarian' | 'platform_admin';
const OUH = 1;
const CUH = 2;

async function agentWith(app: FastifyInstance, role: Role, scopeId?: number) {
  return signedInAgent(app, await createUser(app.db, { email: `${role}-${scopeId ?? 'all'}@example.nhs.uk`, roles: [{ role, scopeId }] }));
}

/** The service form as the page fills it in, with some fields changed. */
function serviceForm(changes: Record<string, string> = {}): Record<string, string> {
  return {
    name: 'Bodleian Health Care Libraries',
    description: 'Library and knowledge service for Oxford University Hospitals',
    whoMayUse: 'OUH staff and students',
    collections: '',
    specialisms: 'Oncology; neurosciences',
    interlendingNetwork: '',
    website: 'https://www.bodleian.ox.ac.uk/libraries/cairns',
    'contact-1-role': 'Head of service',
    'contact-1-email': 'hcl@bodleian.ox.ac.uk',
    'contact-1-phone': '01865 221936',
    'contact-2-role': '',
    'contact-2-email': '',
    'contact-2-phone': '',
    ...changes,
  };
}

const siteForm = (changes: Record<string, string> = {}) => ({
  name: 'Horton Library',
  address: '',
  postcode: 'OX16 9AL',
  county: '',
  'hours-mon': '09:00-17:00',
  'hours-tue': '09:00-17:00',
  'hours-wed': '09:00-17:00',
  'hours-thu': '09:00-17:00',
  'hours-fri': '09:00-17:00',
  'hours-sat': '',
  'hours-sun': '',
  bankHolidayNotes: '',
  ...changes,
});

for (const dialect of testDialects()) {
  describe(`editing a library entry [${dialect}]`, () => {
    it('lets the service’s manager change details, services and contacts, audited with before and after values', async (t) => {
      const app = await build(t, { dialect });
      await seedDirectory(app.db);
      const manager = await agentWith(app, 'service_manager', OUH);
      const form = await manager.get(`/libraries/${OUH}/edit`);
      assert.equal(form.statusCode, 200);
      assert.match(normaliseHtml(form.body), /id="contact-2-email" name="contact-2-email" type="email" spellcheck="false" value="outreach@bodleian.ox.ac.uk"/);
      const saved = await manager.submit(`/libraries/${OUH}/edit`, { ...serviceForm({ name: 'Oxford Health Libraries', collections: 'Rare books' }), servicesOffered: 'training' });
      assert.equal(saved.statusCode, 303);
      assert.equal(saved.headers.location, `/libraries/${OUH}`);
      const page = await manager.get(`/libraries/${OUH}`);
      assert.match(page.body, /Your changes to Oxford Health Libraries have been saved/);
      const library = await getLibrary(app.db, OUH);
      assert.deepEqual([library.name, library.collections, library.servicesOffered.map((s) => s.code), library.contacts.length], ['Oxford Health Libraries', 'Rare books', ['training'], 1]);
      assert.equal(library.lastVerifiedOn, '2026-06-01', 'saving is not verifying unless the box is ticked');
      const [event] = await listAuditEvents(app.db, { targetType: 'library_service', targetId: OUH });
      const details = event?.details as { before: Record<string, unknown>; after: Record<string, unknown> };
      assert.deepEqual([event?.action, event?.actorLabel], ['library_service.update', 'service_manager-1@example.nhs.uk']);
      assert.deepEqual(Object.keys(details.after).sort(), ['collections', 'contacts', 'name', 'servicesOffered']);
      assert.deepEqual([details.before.name, details.after.name], ['Bodleian Health Care Libraries', 'Oxford Health Libraries']);
    });

    it('shows every problem in an error summary, keeps what was typed, and changes nothing', async (t) => {
      const app = await build(t, { dialect });
      await seedDirectory(app.db);
      const librarian = await agentWith(app, 'librarian', OUH);
      await librarian.get(`/libraries/${OUH}/edit`);
      const refused = await librarian.submit(`/libraries/${OUH}/edit`, serviceForm({ name: ' ', website: 'www.example', 'contact-2-email': 'not-an-email' }));
      assert.equal(refused.statusCode, 400);
      const html = normaliseHtml(refused.body);
      assert.match(html, /<title>Error: /);
      assert.match(html, /href="#name">Enter the name of the library service</);
      assert.match(html, /href="#website">Enter a web address that starts with https:\/\//);
      assert.match(html, /href="#contact-2-role">Enter the role of contact 2/);
      assert.match(html, /href="#contact-2-email">Enter the email address of contact 2 in the correct format/);
      assert.match(html, /value="www.example"/);
      assert.equal((await getLibrary(app.db, OUH)).name, 'Bodleian Health Care Libraries');
    });

    it('changes a site’s opening hours and postcode, shows them on the page and audits the site', async (t) => {
      const app = await build(t, { dialect });
      await seedDirectory(app.db);
      const manager = await agentWith(app, 'service_manager', OUH);
      const horton = (await getLibrary(app.db, OUH)).sites.find((s) => s.key === 'horton');
      const form = await manager.get(`/libraries/${OUH}/sites/${horton?.id}/edit`);
      assert.match(normaliseHtml(form.body), /id="hours-mon" name="hours-mon" type="text" spellcheck="false" value="09:00-17:00"/);
      const bad = await manager.submit(`/libraries/${OUH}/sites/${horton?.id}/edit`, siteForm({ 'hours-wed': '9-5', postcode: 'OX16' }));
      assert.equal(bad.statusCode, 400);
      assert.match(normaliseHtml(bad.body), /href="#hours-wed">Wednesday: &quot;9&quot; is not a time/);
      assert.match(normaliseHtml(bad.body), /href="#postcode">Enter a full postcode, like OX3 9DU</);
      const saved = await manager.submit(`/libraries/${OUH}/sites/${horton?.id}/edit`, siteForm({ 'hours-mon': '08:00-12:30, 13:30-18:00', 'hours-sat': '10:00-13:00', postcode: 'cb2 0qq', access247: 'yes' }));
      assert.equal(saved.statusCode, 303);
      const site = (await getLibrary(app.db, OUH)).sites.find((s) => s.key === 'horton');
      assert.deepEqual([site?.staffedHours, site?.postcode, site?.latitude, site?.locationPrecision, site?.access247], ['Mon 08:00-12:30, 13:30-18:00; Tue-Fri 09:00-17:00; Sat 10:00-13:00', 'CB2 0QQ', 52.175071, 'postcode', true]);
      const page = normaliseHtml((await manager.get(`/libraries/${OUH}`)).body);
      assert.match(page, /Monday<\/th><td class="nhsuk-table__cell">08:00 to 12:30, 13:30 to 18:00</);
      const [event] = await listAuditEvents(app.db, { targetType: 'library_site', targetId: horton?.id ?? 0 });
      const details = event?.details as { before: Record<string, unknown>; after: Record<string, unknown> };
      assert.equal(event?.action, 'library_site.update');
      assert.deepEqual([details.before.staffedHours, details.after.staffedHours], ['Mon-Fri 09:00-17:00', 'Mon 08:00-12:30, 13:30-18:00; Tue-Fri 09:00-17:00; Sat 10:00-13:00']);
      assert.deepEqual([details.before.postcode, details.after.postcode], ['OX16 9AL', 'CB2 0QQ']);
    });

    it('marks an entry as verified today, by whom, from its page', async (t) => {
      const app = await build(t, { dialect });
      await seedDirectory(app.db);
      const manager = await agentWith(app, 'service_manager', CUH);
      const page = await manager.get(`/libraries/${CUH}`);
      assert.match(page.body, /data-testid="needs-verification"/);
      assert.match(page.body, /Mark as verified today/);
      const verified = await manager.submit(`/libraries/${CUH}/verify`, {});
      assert.equal(verified.statusCode, 303);
      const after = await manager.get(`/libraries/${CUH}`);
      assert.doesNotMatch(after.body, /data-testid="needs-verification"/);
      assert.match(after.body, /is marked as verified today/);
      const library = await getLibrary(app.db, CUH);
      assert.deepEqual([library.lastVerifiedOn, library.lastVerifiedBy], [new Date().toISOString().slice(0, 10), 'service_manager-2@example.nhs.uk']);
    });

    it('refuses a manager of another service with the NHS.UK 403 page, sends visitors to sign in, and lets platform admins in', async (t) => {
      const app = await build(t, { dialect });
      await seedDirectory(app.db);
      const otherManager = await agentWith(app, 'service_manager', CUH);
      const horton = (await getLibrary(app.db, OUH)).sites[1]?.id;
      for (const url of [`/libraries/${OUH}/edit`, `/libraries/${OUH}/sites/${horton}/edit`]) {
        const refused = await otherManager.get(url);
        assert.equal(refused.statusCode, 403, url);
        assert.match(refused.body, /<h1>You do not have permission to see this page<\/h1>/);
      }
      assert.doesNotMatch((await otherManager.get(`/libraries/${OUH}`)).body, /data-testid="manage-entry"/);
      await otherManager.get(`/libraries/${CUH}/edit`);
      assert.equal((await otherManager.submit(`/libraries/${OUH}/edit`, serviceForm({ name: 'Hijacked' }))).statusCode, 403);
      assert.equal((await otherManager.submit(`/libraries/${OUH}/sites/${horton}/edit`, siteForm({ name: 'Hijacked' }))).statusCode, 403);
      assert.equal((await otherManager.submit(`/libraries/${OUH}/verify`, {})).statusCode, 403);
      const library = await getLibrary(app.db, OUH);
      assert.deepEqual([library.name, library.sites[1]?.name, library.lastVerifiedOn], ['Bodleian Health Care Libraries', 'Horton Library', '2026-06-01']);
      assert.equal((await listAuditEvents(app.db, { targetType: 'library_service', targetId: OUH })).length, 0);

      const visitor = await new TestAgent(app).get(`/libraries/${OUH}/edit`);
      assert.deepEqual([visitor.statusCode, visitor.headers.location], [303, `/sign-in?returnTo=${encodeURIComponent(`/libraries/${OUH}/edit`)}`]);
      const admin = await agentWith(app, 'platform_admin');
      assert.equal((await admin.get(`/libraries/${OUH}/edit`)).statusCode, 200);
      assert.equal((await admin.submit(`/libraries/${OUH}/edit`, serviceForm({ name: 'Renamed by an admin' }))).statusCode, 303);
      assert.equal((await getLibrary(app.db, OUH)).name, 'Renamed by an admin');
    });

    it('refuses a form without its CSRF token, and a site of another service, changing nothing', async (t) => {
      const app = await build(t, { dialect });
      await seedDirectory(app.db);
      const manager = await agentWith(app, 'service_manager', OUH);
      await manager.get(`/libraries/${OUH}/edit`);
      assert.equal((await manager.submit(`/libraries/${OUH}/edit`, serviceForm({ name: 'Forged' }), { csrf: false })).statusCode, 403);
      const cambridgeSite = (await getLibrary(app.db, CUH)).sites[0]?.id;
      assert.equal((await manager.get(`/libraries/${OUH}/sites/${cambridgeSite}/edit`)).statusCode, 404);
      assert.equal((await manager.submit(`/libraries/${OUH}/sites/${cambridgeSite}/edit`, siteForm())).statusCode, 404);
      assert.equal((await getLibrary(app.db, OUH)).name, 'Bodleian Health Care Libraries');
      assert.equal((await getLibrary(app.db, CUH)).sites[0]?.name, 'Medical Library, Addenbrooke’s');
    });
  });
}
