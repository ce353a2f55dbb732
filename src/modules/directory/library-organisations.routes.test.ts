import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { build } from '../../../test/helpers/build-app.js';
import { testDialects } from '../../../test/helpers/databases.js';
import { seedDirectory } from '../../../test/helpers/directory/seed.js';
import { createOrganisation, createUser, signedInAgent } from '../../../test/helpers/factories.js';
import { normaliseHtml } from '../../../test/helpers/html.js';
import { listAuditEvents } from '../../platform/audit/audit.js';
import { getLibrary } from './library.service.js';

const OUH = 1;
const CUH = 2;
const MFT = 3;

async function agentWith(app: FastifyInstance, role: 'service_manager' | 'librarian' | 'platform_admin', scopeId?: number) {
  return signedInAgent(app, await createUser(app.db, { email: `${role}-${scopeId ?? 'all'}@example.nhs.uk`, roles: [{ role, scopeId }] }));
}

/** The organisations the search offers to add, as `Name (CODE)`. */
const choices = (html: string) => [...normaliseHtml(html).matchAll(/<input class="nhsuk-radios__input" id="odsCode[^"]*" name="odsCode" type="radio" value="([^"]+)"[^>]*><label[^>]*>([^<]+)<\/label>/g)].map((m) => m[2]);
const served = async (app: FastifyInstance, id: number) => (await getLibrary(app.db, id)).organisations.map((o) => o.odsCode);

for (const dialect of testDialects()) {
  describe(`changing the organisations a library serves [${dialect}]`, () => {
    it('finds an organisation by name or ODS code, adds it and removes one, each audited with before and after', async (t) => {
      const app = await build(t, { dialect });
      await seedDirectory(app.db);
      await createOrganisation(app.db, { odsCode: 'RNU', name: 'Oxford Health' });
      await createOrganisation(app.db, { odsCode: 'RXQ', name: 'Buckinghamshire Healthcare' });
      const manager = await agentWith(app, 'service_manager', OUH);
      const page = await manager.get(`/libraries/${OUH}/organisations`);
      assert.equal(page.statusCode, 200);
      assert.match(normaliseHtml(page.body), /<td class="nhsuk-table__cell"><a href="\/organisations\/RTH">Oxford University Hospitals<\/a><\/td><td class="nhsuk-table__cell">RTH<\/td>/);
      assert.deepEqual(choices((await manager.get(`/libraries/${OUH}/organisations?q=oxford`)).body), ['Oxford Health (RNU)'], 'the one already served is not offered');
      assert.deepEqual(choices((await manager.get(`/libraries/${OUH}/organisations?q=rxq`)).body), ['Buckinghamshire Healthcare (RXQ)']);
      assert.match((await manager.get(`/libraries/${OUH}/organisations?q=zzzz`)).body, /No other organisation matches “zzzz”/);

      await manager.get(`/libraries/${OUH}/organisations?q=oxford`);
      const none = await manager.submit(`/libraries/${OUH}/organisations`, { q: 'oxford' });
      assert.equal(none.statusCode, 400);
      assert.match(normaliseHtml(none.body), /href="#odsCode">Select the organisation to add</);
      const added = await manager.submit(`/libraries/${OUH}/organisations`, { q: 'oxford', odsCode: 'RNU' });
      assert.deepEqual([added.statusCode, added.headers.location], [303, `/libraries/${OUH}/organisations`]);
      assert.match((await manager.get(`/libraries/${OUH}/organisations`)).body, /Bodleian Health Care Libraries now serves Oxford Health/);
      assert.deepEqual(await served(app, OUH), ['RNU', 'RTH']);
      assert.match((await app.inject('/organisations/RNU')).body, /href="\/libraries\/1">Bodleian Health Care Libraries</, 'the organisation’s page lists it');

      const again = await manager.submit(`/libraries/${OUH}/organisations`, { odsCode: 'rnu' });
      assert.equal(again.statusCode, 400);
      assert.match(normaliseHtml(again.body), /Bodleian Health Care Libraries already serves Oxford Health/);
      assert.equal((await manager.submit(`/libraries/${OUH}/organisations`, { odsCode: 'ZZ999' })).statusCode, 400);

      const removed = await manager.submit(`/libraries/${OUH}/organisations/RTH/remove`, {});
      assert.equal(removed.statusCode, 303);
      assert.deepEqual(await served(app, OUH), ['RNU']);
      assert.equal((await manager.submit(`/libraries/${OUH}/organisations/RTH/remove`, {})).statusCode, 404, 'no longer served');
      const events = (await listAuditEvents(app.db, { targetType: 'library_service', targetId: OUH })).reverse();
      assert.deepEqual(
        events.map((e) => [e.action, e.details.before, e.details.after]),
        [
          ['library_service.update', { organisations: ['RTH'] }, { organisations: ['RNU', 'RTH'] }],
          ['library_service.update', { organisations: ['RNU', 'RTH'] }, { organisations: ['RNU'] }],
        ],
      );
    });

    it('refuses a manager of another service (403) and a form without its CSRF token, changing nothing', async (t) => {
      const app = await build(t, { dialect });
      await seedDirectory(app.db);
      const other = await agentWith(app, 'service_manager', CUH);
      const refused = await other.get(`/libraries/${OUH}/organisations`);
      assert.equal(refused.statusCode, 403);
      assert.match(refused.body, /You do not have permission to see this page/);
      await other.get(`/libraries/${CUH}/organisations`);
      assert.equal((await other.submit(`/libraries/${OUH}/organisations`, { odsCode: 'RGT' })).statusCode, 403);
      assert.equal((await other.submit(`/libraries/${OUH}/organisations/RTH/remove`, {})).statusCode, 403);
      assert.equal((await other.submit(`/libraries/${CUH}/organisations`, { odsCode: 'RTH' }, { csrf: false })).statusCode, 403);
      assert.deepEqual([await served(app, OUH), await served(app, CUH)], [['RTH'], ['RGT']]);
      const admin = await agentWith(app, 'platform_admin');
      await admin.get(`/libraries/${MFT}/organisations`);
      assert.equal((await admin.submit(`/libraries/${MFT}/organisations/R0A/remove`, {})).statusCode, 303, 'platform admins may');
      assert.deepEqual(await served(app, MFT), ['RM3']);
    });
  });
}
