import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { build } from '../../../test/helpers/build-app.js';
import { testDialects } from '../../../test/helpers/databases.js';
import { seedDirectory } from '../../../test/helpers/directory/seed.js';
import { libraryCsv, LIBRARY_ROWS, tempFile } from '../../../test/helpers/directory/fixtures.js';
import { createUser, signedInAgent } from '../../../test/helpers/factories.js';
import { normaliseHtml } from '../../../test/helpers/html.js';
import { listAuditEvents } from '../../platform/audit/audit.js';
import { importLibraries } from './library-import.service.js';
import { getLibrary } from './library.service.js';
import { codeForLabel } from './service-offered.service.js';

const admin = async (app: FastifyInstance) => signedInAgent(app, await createUser(app.db, { email: 'admin@khub.example', roles: [{ role: 'platform_admin' }] }));
const serviceRow = (html: string, label: string) => new RegExp(`<tr class="nhsuk-table__row"><td class="nhsuk-table__cell">${label}</td>(.*?)</tr>`).exec(normaliseHtml(html))?.[1] ?? '';

for (const dialect of testDialects()) {
  describe(`directory administration [${dialect}]`, () => {
    it('lists entries unverified for over 12 months with their managers, as a page and a CSV, for platform admins only', async (t) => {
      const app = await build(t, { dialect });
      await seedDirectory(app.db);
      await createUser(app.db, { email: 'manager@cuh.nhs.uk', fullName: 'Cara Manager', roles: [{ role: 'service_manager', scopeId: 2 }] });
      const manager = await signedInAgent(app, await createUser(app.db, { roles: [{ role: 'service_manager', scopeId: 1 }] }));
      assert.equal((await manager.get('/admin/libraries/unverified')).statusCode, 403);
      assert.equal((await manager.get('/admin/libraries/unverified.csv')).statusCode, 403);
      assert.equal((await app.inject('/admin/libraries/unverified')).statusCode, 303, 'visitors are sent to sign in');

      const agent = await admin(app);
      assert.match((await agent.get('/admin')).body, /href="\/admin\/libraries\/unverified"/, 'the admin area links to it');
      const page = await agent.get('/admin/libraries/unverified');
      assert.equal(page.statusCode, 200);
      const html = normaliseHtml(page.body);
      const names = [...html.matchAll(/<td class="nhsuk-table__cell"><a href="\/libraries\/\d+">([^<]+)<\/a><\/td>/g)].map((m) => m[1]);
      assert.deepEqual(names, ['Manchester Library and Knowledge Service', 'Virtual Knowledge Service', 'Cambridge University Medical Library'], 'never verified first, then oldest');
      assert.match(html, /10 January 2024/);
      assert.match(html, /Cara Manager \(<a class="nhsuk-u-text-break-word" href="mailto:manager@cuh.nhs.uk">/);

      const csv = await agent.get('/admin/libraries/unverified.csv');
      assert.match(String(csv.headers['content-type']), /^text\/csv/);
      assert.match(String(csv.headers['content-disposition']), /attachment; filename="khub-libraries-unverified-\d{4}-\d{2}-\d{2}\.csv"/);
      const lines = csv.body.trim().split('\r\n');
      assert.equal(lines[0], 'service_key,service_name,last_verified_on,last_verified_by,service_managers,contact_email,reminder_sent_on,page');
      assert.equal(lines[3], 'cuh-medlib,Cambridge University Medical Library,2024-01-10,,Cara Manager <manager@cuh.nhs.uk>,,,http://localhost:3000/libraries/2');
      assert.equal(lines.length, 4);
    });

    it('adds, renames, retires and restores services offered, audited, keeping retired ones on entries that have them', async (t) => {
      const app = await build(t, { dialect });
      await seedDirectory(app.db);
      const agent = await admin(app);
      const list = await agent.get('/admin/libraries/services');
      assert.equal(list.statusCode, 200);
      assert.match(serviceRow(list.body, 'Study space'), /<code>study_space<\/code><\/td><td class="nhsuk-table__cell">1<\/td><td class="nhsuk-table__cell">In use/);

      assert.equal((await agent.submit('/admin/libraries/services', { label: 'Health literacy training' })).statusCode, 303);
      const duplicate = await agent.submit('/admin/libraries/services', { label: 'study SPACE' });
      assert.equal(duplicate.statusCode, 400);
      assert.match(normaliseHtml(duplicate.body), /href="#label">“Study space” is already on the list</);
      assert.equal((await agent.submit('/admin/libraries/services', { label: '  ' })).statusCode, 400);

      assert.equal((await agent.submit('/admin/libraries/services/study_space/edit', { label: 'Quiet study space' })).statusCode, 303);
      assert.deepEqual((await getLibrary(app.db, 1)).servicesOffered.map((s) => s.label), ['Literature searching', 'Clinical or outreach librarian', 'Quiet study space']);

      assert.equal((await agent.submit('/admin/libraries/services/study_space/retire', {})).statusCode, 303);
      const retired = await agent.get('/admin/libraries/services');
      assert.match(serviceRow(retired.body, 'Quiet study space'), /Retired \d+ \w+ \d{4}/);
      assert.ok((await getLibrary(app.db, 1)).servicesOffered.some((s) => s.code === 'study_space'), 'the entry keeps it');
      assert.doesNotMatch((await app.inject('/libraries')).body, /value="study_space"/, 'the finder no longer offers it');
      assert.match((await app.inject('/libraries?service=study_space')).body, /Bodleian Health Care Libraries/, 'an old link still finds the entries');
      const reimport = await importLibraries(app.db, await tempFile('again.csv', libraryCsv(LIBRARY_ROWS)));
      assert.deepEqual(reimport.rejected, [], 'imports still carry a retired service');

      const manager = await signedInAgent(app, await createUser(app.db, { roles: [{ role: 'service_manager', scopeId: 2 }] }));
      const form = await manager.get('/libraries/2/edit');
      assert.doesNotMatch(form.body, /value="study_space"/, 'an entry without it cannot choose it');
      assert.match((await manager.get('/libraries/1')).body, /Quiet study space/);

      assert.equal((await agent.submit('/admin/libraries/services/study_space/restore', {})).statusCode, 303);
      assert.match(serviceRow((await agent.get('/admin/libraries/services')).body, 'Quiet study space'), /In use/);
      const actions = (await listAuditEvents(app.db, { actionPrefix: 'service_offered.' })).map((e) => `${e.action} ${e.targetId}`).sort();
      assert.deepEqual(actions, ['service_offered.add health_literacy_training', 'service_offered.rename study_space', 'service_offered.restore study_space', 'service_offered.retire study_space']);
    });

    it('lets only platform admins manage the list', async (t) => {
      const app = await build(t, { dialect });
      const manager = await signedInAgent(app, await createUser(app.db, { roles: [{ role: 'service_manager', scopeId: 1 }] }));
      assert.equal((await manager.get('/admin/libraries/services')).statusCode, 403);
      await manager.get('/feedback');
      assert.equal((await manager.submit('/admin/libraries/services', { label: 'Juggling' })).statusCode, 403);
      assert.equal((await manager.submit('/admin/libraries/services/training/retire', {})).statusCode, 403);
      assert.equal((await manager.submit('/admin/libraries/services/training/edit', { label: 'Juggling' })).statusCode, 403);
      assert.equal((await app.db.selectFrom('service_offered').select('label').where('code', '=', 'training').executeTakeFirstOrThrow()).label, 'Training in finding and appraising evidence');
      assert.equal((await app.db.selectFrom('service_offered').select('code').where('code', '=', 'juggling').execute()).length, 0);
      assert.equal((await (await admin(app)).get('/admin/libraries/services/no_such/edit')).statusCode, 404);
      assert.equal((await manager.get('/admin/libraries/services/training/edit')).statusCode, 403);
    });
  });
}

describe('service codes', () => {
  it('are made from the name: lower case, underscores, at most 40 characters', () => {
    assert.equal(codeForLabel('Health literacy training'), 'health_literacy_training');
    assert.equal(codeForLabel('  PCs & Wi-Fi (public)  '), 'pcs_wi_fi_public');
    assert.equal(codeForLabel('Café'), 'cafe');
    assert.equal(codeForLabel('x'.repeat(50)).length, 40);
    assert.equal(codeForLabel('!!!'), '');
  });
});
