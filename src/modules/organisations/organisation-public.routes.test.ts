import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { build } from '../../../test/helpers/build-app.js';
import { testDialects } from '../../../test/helpers/databases.js';
import { seedDirectory } from '../../../test/helpers/directory/seed.js';
import { createOrganisation, createUser } from '../../../test/helpers/factories.js';
import { normaliseHtml } from '../../../test/helpers/html.js';

/** The library services the page lists: [name, link, text after the link]. */
function listedServices(html: string): [string, string, string][] {
  const list = /<ul[^>]*data-testid="library-services"[^>]*>([\s\S]*?)<\/ul>/.exec(normaliseHtml(html))?.[1] ?? '';
  return [...list.matchAll(/<li><a href="([^"]+)">([^<]+)<\/a>([^<]*)<\/li>/g)].map((m) => [m[2] ?? '', m[1] ?? '', (m[3] ?? '').trim()]);
}

for (const dialect of testDialects()) {
  describe(`public organisation page [${dialect}]`, () => {
    it('shows anyone the organisation’s name, type, region and county and the library services that serve it, with their sites', async (t) => {
      const app = await build(t, { dialect });
      await seedDirectory(app.db);
      const rm3 = await app.db.selectFrom('organisation').select('id').where('ods_code', '=', 'RM3').executeTakeFirstOrThrow();
      const greaterManchester = await app.db.selectFrom('county').select('id').where('name', '=', 'Greater Manchester').executeTakeFirstOrThrow();
      await app.db.updateTable('organisation').set({ county_id: greaterManchester.id }).where('id', '=', rm3.id).execute();
      await app.db.insertInto('organisation_domain').values({ domain: 'nca.nhs.uk', organisation_id: rm3.id, created_at: new Date().toISOString() }).execute();
      await createUser(app.db, { email: 'secret.person@nca.nhs.uk', organisationId: rm3.id, roles: [{ role: 'org_admin', scopeId: rm3.id }] });

      const page = await app.inject('/organisations/RM3');
      assert.equal(page.statusCode, 200);
      const html = normaliseHtml(page.body);
      assert.match(html, /<h1><span class="nhsuk-caption-l">NHS trust<\/span>Northern Care Alliance<\/h1>/);
      const details = /data-testid="organisation-details"[\s\S]*?<\/dl>/.exec(html)?.[0] ?? '';
      const rows = [...details.matchAll(/<dt class="nhsuk-summary-list__key">\s*([^<]+?)\s*<\/dt>\s*<dd class="nhsuk-summary-list__value">\s*([^<]+?)\s*<\/dd>/g)].map((m) => [m[1], m[2]]);
      assert.deepEqual(rows, [['ODS code', 'RM3'], ['Type', 'NHS trust'], ['NHS region', 'North West'], ['County', 'Greater Manchester']]);
      assert.deepEqual(listedServices(page.body), [['Manchester Library and Knowledge Service', '/libraries/3', '(Manchester Royal Infirmary Library)']]);
      assert.match(html, /href="\/libraries\?organisation=RM3"/);
      for (const secret of ['nca.nhs.uk', 'secret.person', 'Email domains', 'Recent changes', 'Accounts last']) assert.doesNotMatch(page.body, new RegExp(secret), `no ${secret} on the public page`);
    });

    it('says so when no service serves the organisation, goes to the upper-case address, and is a 404 for unknown or malformed codes', async (t) => {
      const app = await build(t, { dialect });
      await seedDirectory(app.db);
      await createOrganisation(app.db, { odsCode: 'RX1', name: 'Unserved Hospitals' });
      const unserved = await app.inject('/organisations/RX1');
      assert.equal(unserved.statusCode, 200);
      assert.match(unserved.body, /No library service in the directory serves this organisation yet\./);
      assert.deepEqual(listedServices(unserved.body), []);

      const lower = await app.inject('/organisations/rth');
      assert.deepEqual([lower.statusCode, lower.headers.location], [301, '/organisations/RTH']);
      for (const url of ['/organisations/ZZZ99', '/organisations/%3Cscript%3E', `/organisations/${'A'.repeat(40)}`]) {
        const missing = await app.inject(url);
        assert.equal(missing.statusCode, 404, url);
        assert.match(missing.body, /<h1>Page not found<\/h1>|There is no organisation/, url);
      }
    });

    it('is linked from each library page’s organisations served and from a finder search by organisation', async (t) => {
      const app = await build(t, { dialect });
      await seedDirectory(app.db);
      const library = normaliseHtml((await app.inject('/libraries/3')).body);
      assert.match(library, /<a href="\/organisations\/R0A">Manchester University<\/a>\(R0A\)/);
      assert.match(library, /<a href="\/organisations\/RM3">Northern Care Alliance<\/a>\(RM3\)/);
      const finder = normaliseHtml((await app.inject('/libraries?organisation=rm3')).body);
      assert.match(finder, /data-testid="organisation-page"><a href="\/organisations\/RM3">Northern Care Alliance: its page and the library services that serve it<\/a>/);
      assert.doesNotMatch(normaliseHtml((await app.inject('/libraries')).body), /data-testid="organisation-page"/);
    });
  });
}
