import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { build } from '../../../test/helpers/build-app.js';
import { testDialects } from '../../../test/helpers/databases.js';
import { seedDirectory } from '../../../test/helpers/directory/seed.js';
import { createUser, signedInAgent } from '../../../test/helpers/factories.js';
import { normaliseHtml } from '../../../test/helpers/html.js';

/** The text of every element with this data-testid, tags removed. */
function texts(html: string, testId: string): string[] {
  const pattern = new RegExp(`<(\\w+)[^>]*data-testid="${testId}"[^>]*>([\\s\\S]*?)</\\1>`, 'g');
  return [...normaliseHtml(html).matchAll(pattern)].map((m) => (m[2] ?? '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim());
}
const resultNames = (html: string) => [...normaliseHtml(html).matchAll(/<h3[^>]*><a href="\/libraries\/\d+">([^<]+)<\/a><\/h3>/g)].map((m) => m[1]);

/** The schema.org data of a library page, parsed from its script element as a search engine would. */
function structuredData(html: string): { '@graph': Record<string, unknown>[] } {
  const json = /<script type="application\/ld\+json"[^>]*>([\s\S]*?)<\/script>/.exec(html)?.[1];
  assert.ok(json, 'the page has JSON-LD');
  return JSON.parse(json) as { '@graph': Record<string, unknown>[] };
}

for (const dialect of testDialects()) {
  describe(`library finder page [${dialect}]`, () => {
    it('lists every service by name, and filters by words, county, region, organisation and service offered, keeping the choices in the form', async (t) => {
      const app = await build(t, { dialect });
      await seedDirectory(app.db);
      const all = await app.inject('/libraries');
      assert.equal(all.statusCode, 200);
      assert.deepEqual(resultNames(all.body), ['Bodleian Health Care Libraries', 'Cambridge University Medical Library', 'Manchester Library and Knowledge Service', 'Virtual Knowledge Service']);
      assert.deepEqual(texts(all.body, 'result-count'), ['4 library services']);
      assert.deepEqual(resultNames((await app.inject('/libraries?county=Cambridgeshire')).body), ['Cambridge University Medical Library']);
      assert.deepEqual(resultNames((await app.inject('/libraries?region=Y62')).body), ['Manchester Library and Knowledge Service']);
      const byOrganisation = await app.inject('/libraries?organisation=RTH&service=study_space&q=oncology');
      assert.deepEqual(resultNames(byOrganisation.body), ['Bodleian Health Care Libraries']);
      const form = normaliseHtml(byOrganisation.body);
      assert.match(form, /<option value="RTH" selected>Oxford University Hospitals \(RTH\)<\/option>/);
      assert.match(form, /<option value="study_space" selected>Study space<\/option>/);
      assert.match(form, /id="q" name="q" type="text" spellcheck="false" value="oncology"/);
      assert.doesNotMatch(form, /<option value="R1A"/, 'only organisations some service serves are offered');
    });

    it('orders by distance from a postcode or a district, showing miles and km', async (t) => {
      const app = await build(t, { dialect });
      await seedDirectory(app.db);
      const near = await app.inject('/libraries?near=cb2+0qq');
      assert.equal(near.statusCode, 200);
      assert.deepEqual(texts(near.body, 'result-count'), ['3 library services near CB2 0QQ']);
      assert.deepEqual(resultNames(near.body), ['Cambridge University Medical Library', 'Bodleian Health Care Libraries', 'Manchester Library and Knowledge Service']);
      const distances = texts(near.body, 'distance');
      assert.equal(distances[0], 'Under 0.1 miles (under 0.2 km) away – Medical Library, Addenbrooke’s, CB2 0QQ');
      // The Bodleian's nearest site to CB2 0QQ (52.175071, 0.140435) is Horton, placed at the OX16 centroid
      // (52.063471, -1.340093): 101.84 km, 63.28 miles by an independent haversine.
      assert.equal(distances[1], '63.3 miles (101.8 km) away – Horton Library, OX16 9AL');
      const district = await app.inject('/libraries?near=OX3&radius=5');
      assert.deepEqual(texts(district.body, 'result-count'), ['1 library service near the centre of the OX3 postcode district']);
      assert.match(texts(district.body, 'distance')[0] ?? '', /^1\.0 mile \(1\.6 km\) away/);
    });

    it('explains an invalid or unknown postcode with an error summary and an inline error', async (t) => {
      const app = await build(t, { dialect });
      await seedDirectory(app.db);
      const invalid = await app.inject('/libraries?near=Oxford');
      assert.equal(invalid.statusCode, 400);
      const html = normaliseHtml(invalid.body);
      assert.match(html, /<title>Error: Find a library – khub<\/title>/);
      assert.match(html, /<a href="#near">Enter a full postcode or the first part of one, like OX3 9DU or OX3<\/a>/);
      assert.match(html, /<span class="nhsuk-error-message" id="near-error"><span class="nhsuk-u-visually-hidden">Error:<\/span>Enter a full postcode/);
      assert.match(html, /id="near" name="near" type="text" spellcheck="false" value="Oxford"/);
      assert.deepEqual(resultNames(invalid.body), [], 'no results under an error');
      const unknown = await app.inject('/libraries?near=zz99zz');
      assert.equal(unknown.statusCode, 400);
      assert.match(normaliseHtml(unknown.body), /href="#near">We cannot find ZZ9 9ZZ\. Check the postcode, or enter only its first part, like OX3</);
    });

    it('pages through results with links that keep the search, and says when nothing matches', async (t) => {
      const app = await build(t, { dialect });
      await seedDirectory(app.db);
      for (let n = 1; n <= 12; n += 1) {
        await app.db.insertInto('library_service').values({ service_key: `extra-${n}`, name: `Zeta Library ${String(n).padStart(2, '0')}`, created_at: '2026-01-01T00:00:00Z', updated_at: '2026-01-01T00:00:00Z' }).execute();
      }
      const first = await app.inject('/libraries?q=zeta');
      assert.deepEqual(texts(first.body, 'result-count'), ['12 library services']);
      assert.equal(resultNames(first.body).length, 10);
      assert.match(normaliseHtml(first.body), /Showing 1 to 10\./);
      assert.match(first.body, /href="\/libraries\?q=zeta&amp;page=2"/);
      const second = await app.inject('/libraries?q=zeta&page=2');
      assert.deepEqual(resultNames(second.body), ['Zeta Library 11', 'Zeta Library 12']);
      const none = await app.inject('/libraries?q=zeta&county=Cornwall');
      assert.deepEqual(texts(none.body, 'result-count'), ['No library services found']);
      assert.match(texts(none.body, 'no-results')[0] ?? '', /remove a filter/);
      const junk = await app.inject('/libraries?page=banana&radius=7&region=%00&q=a%00b&organisation=R%00&near=');
      assert.equal(junk.statusCode, 200, 'junk in a shared link is ignored, NUL characters included');
      assert.deepEqual(texts(junk.body, 'result-count'), ['16 library services']);
      const api = await app.inject('/api/v1/libraries?q=a%00b');
      assert.deepEqual([api.statusCode, api.json<{ error: { code: string } }>().error.code], [400, 'validation_failed']);
    });

    it('is linked from the header and the home page, and shows platform admins the directory’s admin pages', async (t) => {
      const app = await build(t, { dialect });
      const home = normaliseHtml((await app.inject('/')).body);
      assert.match(home, /<a class="nhsuk-header__navigation-link" href="\/libraries"[^>]*>Find a library/);
      assert.match(/data-testid="start-points">([\s\S]*?)<\/ul>/.exec(home)?.[1] ?? '', /href="\/libraries"/);
      assert.doesNotMatch((await app.inject('/libraries')).body, /data-testid="directory-admin"/);
      const admin = await signedInAgent(app, await createUser(app.db, { roles: [{ role: 'platform_admin' }] }));
      assert.match((await admin.get('/libraries')).body, /data-testid="directory-admin"/);
    });
  });

  describe(`library page [${dialect}]`, () => {
    it('shows everything in the entry: organisations, services, contacts, sites with hours and location, last verification', async (t) => {
      const app = await build(t, { dialect });
      await seedDirectory(app.db);
      const page = await app.inject('/libraries/1');
      assert.equal(page.statusCode, 200);
      const html = normaliseHtml(page.body);
      assert.match(html, /<h1>Bodleian Health Care Libraries<\/h1>/);
      assert.match(html, /<a href="\/organisations\/RTH">Oxford University Hospitals<\/a>\(RTH\)/);
      assert.match(html, /<li>Clinical or outreach librarian<\/li>/);
      assert.match(html, /OUH staff and students/);
      assert.deepEqual(texts(page.body, 'contacts'), ['Head of service Email: hcl@bodleian.ox.ac.uk Phone: 01865 221936 Outreach librarian Email: outreach@bodleian.ox.ac.uk']);
      assert.deepEqual(texts(page.body, 'location'), [
        'Location: Oxfordshire, South East region; latitude 51.76395, longitude -1.21962 (the position of its postcode)',
        'Location: Oxfordshire, South East region; latitude 52.06347, longitude -1.34009 (approximate: the centre of its postcode district)',
      ]);
      const hours = texts(page.body, 'hours')[0] ?? '';
      assert.match(hours, /Monday 08:30 to 19:00 Tuesday 08:30 to 19:00 .* Saturday Closed Sunday Closed/);
      assert.equal(texts(page.body, 'open-now').length, 2, 'each site says whether it is open now');
      assert.match(html, /Members can get in at any hour/);
      assert.deepEqual(texts(page.body, 'bank-holidays'), ['Bank holidays: closed. Closed on bank holidays; swipe access continues', 'Bank holidays: closed.']);
      assert.deepEqual(texts(page.body, 'last-verified'), ['Last verified on 1 June 2026 by hcl@bodleian.ox.ac.uk.']);
      assert.match(html, /href="\/libraries\/1\/correction"/);
      assert.doesNotMatch(html, /data-testid="manage-entry"/, 'visitors cannot change it');
    });

    it('warns when an entry has not been verified for over 12 months, or never', async (t) => {
      const app = await build(t, { dialect });
      await seedDirectory(app.db);
      const stale = await app.inject('/libraries/2');
      assert.match(texts(stale.body, 'needs-verification')[0] ?? '', /This entry may be out of date.*last checked on 10 January 2024/);
      assert.match(texts((await app.inject('/libraries/4')).body, 'needs-verification')[0] ?? '', /never been checked/);
      assert.deepEqual(texts((await app.inject('/libraries/1')).body, 'needs-verification'), [], 'verified in June 2026: no warning');
    });

    it('carries schema.org Library data for each site, safely escaped, that parses back to the entry', async (t) => {
      const app = await build(t, { dialect });
      await seedDirectory(app.db);
      await app.db.updateTable('library_service').set({ description: 'Evidence & more </script><script>alert(1)</script>' }).where('id', '=', 1).execute();
      const page = await app.inject('/libraries/1');
      assert.doesNotMatch(page.body, /<script>alert/, 'the description cannot close the script element');
      const data = structuredData(page.body);
      const [cairns, horton] = data['@graph'];
      assert.equal(cairns?.['@type'], 'Library');
      assert.equal(cairns?.name, 'Cairns Library, John Radcliffe Hospital (Bodleian Health Care Libraries)');
      assert.equal(cairns?.description, 'Evidence & more </script><script>alert(1)</script>', 'the text survives the escaping unchanged');
      assert.deepEqual(cairns?.address, { '@type': 'PostalAddress', streetAddress: 'Headley Way, Oxford', postalCode: 'OX3 9DU', addressRegion: 'Oxfordshire', addressCountry: 'GB' });
      assert.deepEqual(cairns?.geo, { '@type': 'GeoCoordinates', latitude: 51.763953, longitude: -1.219624 });
      assert.deepEqual([cairns?.telephone, cairns?.email, cairns?.url], ['01865 221936', 'hcl@bodleian.ox.ac.uk', 'https://www.bodleian.ox.ac.uk/libraries/cairns']);
      const monday = (cairns?.openingHoursSpecification as Record<string, string>[])[0];
      assert.deepEqual(monday, { '@type': 'OpeningHoursSpecification', dayOfWeek: 'https://schema.org/Monday', opens: '08:30', closes: '19:00' });
      assert.equal((cairns?.openingHoursSpecification as unknown[]).length, 5);
      assert.equal(horton?.['@id'], 'http://localhost:3000/libraries/1#site-horton');
      const online = structuredData((await app.inject('/libraries/4')).body)['@graph'];
      assert.deepEqual(online.map((p) => [p['@type'], p.name, p.url]), [['Library', 'Virtual Knowledge Service', 'http://localhost:3000/libraries/4']]);
    });

    it('answers an unknown or malformed id with the NHS.UK page-not-found page', async (t) => {
      const app = await build(t, { dialect });
      for (const url of ['/libraries/999', '/libraries/abc', '/libraries/0']) {
        const response = await app.inject(url);
        assert.equal(response.statusCode, 404, url);
        assert.match(response.body, /<h1>Page not found<\/h1>/);
      }
    });

    it('is listed on the page of each organisation it serves', async (t) => {
      const app = await build(t, { dialect });
      await seedDirectory(app.db);
      const admin = await signedInAgent(app, await createUser(app.db, { roles: [{ role: 'platform_admin' }] }));
      const organisation = async (ods: string) => {
        const { id } = await app.db.selectFrom('organisation').select('id').where('ods_code', '=', ods).executeTakeFirstOrThrow();
        return texts((await admin.get(`/admin/organisations/${id}`)).body, 'library-services')[0];
      };
      assert.equal(await organisation('RM3'), 'Manchester Library and Knowledge Service (Manchester Royal Infirmary Library)');
      const none = await app.db.insertInto('organisation').values({ ods_code: 'RXX', name: 'Unserved Trust', type: 'nhs_trust', account_expiry_months: 24, created_at: '2026-01-01T00:00:00Z', updated_at: '2026-01-01T00:00:00Z' }).returning('id').executeTakeFirstOrThrow();
      assert.match(texts((await admin.get(`/admin/organisations/${none.id}`)).body, 'library-services')[0] ?? '', /No library service in the directory serves this organisation yet/);
    });
  });
}
