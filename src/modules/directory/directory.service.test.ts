import assert from 'node:assert/strict';
import { it } from 'node:test';
import { eachDialect } from '../../../test/helpers/databases.js';
import { sharedDataPath } from '../../../test/helpers/shared-data.js';
import { seedDirectory } from '../../../test/helpers/directory/seed.js';
import { LIBRARY_ROWS, ONSPD_SAMPLE, libraryCsv, tempFile } from '../../../test/helpers/directory/fixtures.js';
import { PostcodeError, findLibraries } from './finder.service.js';
import { exportLibrariesCsv } from './library-export.service.js';
import { importLibraries } from './library-import.service.js';
import { getLibrary, listServicesNeedingVerification } from './library.service.js';
import { PostcodeFileError, importPostcodes } from './postcode-import.service.js';

async function text(chunks: AsyncGenerator<string>): Promise<string> {
  let out = '';
  for await (const chunk of chunks) out += chunk;
  return out;
}

eachDialect('directory: postcodes', (getDb) => {
  it('loads the real district centroids and an ONSPD extract, skipping rows without a grid reference and reporting bad ones', async () => {
    const db = getDb();
    const outcodes = await importPostcodes(db, sharedDataPath('uk-postcode-outcodes', 'postcode-outcodes.csv'));
    assert.equal(outcodes.format, 'outcodes');
    assert.deepEqual([outcodes.written, outcodes.rejectedCount], [2973, 0]);
    assert.equal((await db.selectFrom('postcode_district').select('latitude').where('outcode', '=', 'OX3').executeTakeFirstOrThrow()).latitude, 51.778025);
    const path = await tempFile('onspd.csv', ONSPD_SAMPLE);
    const onspd = await importPostcodes(db, path, { batchSize: 2 });
    assert.deepEqual([onspd.format, onspd.written, onspd.withoutLocation, onspd.rejectedCount], ['onspd', 3, 1, 1]);
    assert.deepEqual(onspd.rejected, [{ line: 6, problems: [{ field: 'pcds', message: '"NOT A CODE" is not a full postcode' }] }]);
    const again = await importPostcodes(db, path);
    assert.equal(again.written, 3);
    const { n } = await db.selectFrom('postcode_location').select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow();
    assert.equal(Number(n), 3, 're-importing updates in place');
  });

  it('refuses a file whose header is neither layout, writing nothing', async () => {
    const db = getDb();
    await assert.rejects(importPostcodes(db, await tempFile('x.csv', 'code,x,y\nAB1,1,2\n')), PostcodeFileError);
    await assert.rejects(importPostcodes(db, await tempFile('x.csv', ONSPD_SAMPLE), { format: 'outcodes' }), /outcode, latitude, longitude/);
  });
});

eachDialect('directory: libraries', (getDb) => {
  it('imports services and sites, locating each site from its postcode or else its district', async () => {
    const db = getDb();
    await seedDirectory(db);
    const { items } = await findLibraries(db, { limit: 10, offset: 0 });
    assert.deepEqual(items.map((i) => i.library.key), ['ouh-hcl', 'cuh-medlib', 'mft-library', 'virtual-ks']);
    const ouh = items[0]?.library;
    assert.deepEqual(ouh?.organisations, [{ odsCode: 'RTH', name: 'Oxford University Hospitals' }]);
    assert.deepEqual(ouh?.servicesOffered.map((s) => s.code), ['literature_searching', 'clinical_librarian', 'study_space']);
    assert.deepEqual(ouh?.contacts[1], { role: 'Outreach librarian', email: 'outreach@bodleian.ox.ac.uk', phone: null });
    const [cairns, horton] = ouh?.sites ?? [];
    assert.deepEqual([cairns?.locationPrecision, cairns?.latitude, cairns?.county, cairns?.regionCode, cairns?.access247], ['postcode', 51.763953, 'Oxfordshire', 'Y59', true]);
    assert.deepEqual([horton?.locationPrecision, horton?.postcode], ['district', 'OX16 9AL']);
    assert.equal(items[1]?.library.sites[0]?.postcode, 'CB2 0QQ');
  });

  it('re-imports its own export without changing anything, and a re-import updates by key and removes dropped sites', async () => {
    const db = getDb();
    const first = await text(exportLibrariesCsv(db));
    assert.equal(first.trim().split('\r\n').length, 6, 'a header and one row per site (one for the service with none)');
    const again = await importLibraries(db, await tempFile('export.csv', first));
    assert.deepEqual([again.servicesAdded, again.servicesUpdated, again.sitesAdded, again.sitesRemoved], [0, 4, 0, 0]);
    assert.equal(await text(exportLibrariesCsv(db)), first);
    const fewer = LIBRARY_ROWS.filter((r) => r.site_key !== 'horton').map((r) => (r.service_key === 'ouh-hcl' ? { ...r, service_name: 'Oxford Health Care Libraries' } : r));
    const changed = await importLibraries(db, await tempFile('l.csv', libraryCsv(fewer)));
    assert.deepEqual([changed.servicesAdded, changed.sitesRemoved], [0, 1]);
    const ouh = (await findLibraries(db, { query: 'oxford health', limit: 5, offset: 0 })).items[0]?.library;
    assert.deepEqual(ouh?.sites.map((s) => s.key), ['cairns']);
  });

  it('rejects a file with bad rows by line and column, writing nothing', async () => {
    const db = getDb();
    const before = await text(exportLibrariesCsv(db));
    const bad = [
      LIBRARY_ROWS[0] ?? {},
      { ...LIBRARY_ROWS[1], service_name: 'Renamed' },
      { ...LIBRARY_ROWS[2], organisations: 'RGT;ZZZ', services_offered: 'juggling', county: 'Atlantis', region: 'Narnia' },
      { ...LIBRARY_ROWS[3], postcode: 'NOT A POSTCODE', website: 'ftp://x', last_verified_on: '2026-02-30', latitude: '53.4' },
      LIBRARY_ROWS[2] ?? {},
    ];
    const summary = await importLibraries(db, await tempFile('bad.csv', libraryCsv(bad)));
    assert.equal(summary.imported, false);
    const where = summary.rejected.flatMap((r) => r.problems.map((p) => `${r.line}:${p.field}`)).sort();
    assert.deepEqual(where, ['3:service_name', '4:county', '4:organisations', '4:region', '4:services_offered', '5:last_verified_on', '5:longitude', '5:postcode', '5:website', '6:organisations', '6:services_offered', '6:site_key']);
    assert.match(summary.rejected[0]?.problems[0]?.message ?? '', /differs from line 2/);
    assert.equal(await text(exportLibrariesCsv(db)), before);
  });

  it('flags entries not verified for over 12 months', async () => {
    const db = getDb();
    const stale = await listServicesNeedingVerification(db, new Date('2026-11-21T12:00:00Z'));
    const keys = await Promise.all(stale.map(async (id) => (await getLibrary(db, id)).key));
    assert.deepEqual(keys, ['cuh-medlib', 'mft-library', 'virtual-ks']);
    assert.equal((await getLibrary(db, stale[0] ?? 0, new Date('2026-11-21'))).needsVerification, true);
  });
});

eachDialect('directory: finding libraries', (getDb) => {
  it('filters by words, region, county, organisation and service offered', async () => {
    const db = getDb();
    await seedDirectory(db);
    const keys = async (search: Parameters<typeof findLibraries>[1]) => (await findLibraries(db, search)).items.map((i) => i.library.key);
    const page = { limit: 10, offset: 0 };
    assert.deepEqual(await keys({ ...page, query: 'NEUROSCIENCES oncology' }), ['ouh-hcl']);
    assert.deepEqual(await keys({ ...page, query: '100%' }), []);
    assert.deepEqual(await keys({ ...page, regionCode: 'Y62' }), ['mft-library']);
    assert.deepEqual(await keys({ ...page, county: 'cambridgeshire' }), ['cuh-medlib']);
    assert.deepEqual(await keys({ ...page, county: 'Atlantis' }), []);
    assert.deepEqual(await keys({ ...page, organisation: 'rm3' }), ['mft-library']);
    assert.deepEqual(await keys({ ...page, serviceOffered: 'literature_searching' }), ['ouh-hcl', 'cuh-medlib']);
    assert.equal((await findLibraries(db, { limit: 1, offset: 1 })).total, 4);
  });

  it('orders by distance from a postcode or a district, with miles and km, within a radius', async () => {
    const db = getDb();
    const fromCambridge = await findLibraries(db, { near: 'cb2 0qq', limit: 10, offset: 0 });
    assert.deepEqual(fromCambridge.origin, { postcode: 'CB2 0QQ', latitude: 52.175071, longitude: 0.140435, precision: 'postcode' });
    assert.deepEqual(fromCambridge.items.map((i) => i.library.key), ['cuh-medlib', 'ouh-hcl', 'mft-library']);
    assert.deepEqual(fromCambridge.items[0]?.distance, { km: 0, miles: 0 });
    assert.equal(fromCambridge.total, 3, 'the service with no site has no distance');
    const fromOx3 = await findLibraries(db, { near: 'OX3', limit: 10, offset: 0 });
    assert.equal(fromOx3.origin?.precision, 'district');
    const [ouh, cuh] = fromOx3.items;
    // OX3 centroid to the JR (51.763953, -1.219624): 1.59 km; to Addenbrooke's (52.175071, 0.140435): 103.0 km.
    assert.equal(ouh?.nearestSiteId, ouh?.library.sites.find((s) => s.key === 'cairns')?.id);
    assert.ok(Math.abs((ouh?.distance?.km ?? 0) - 1.59) < 0.02, JSON.stringify(ouh?.distance));
    assert.ok(Math.abs((cuh?.distance?.km ?? 0) - 103.0) < 0.3, JSON.stringify(cuh?.distance));
    assert.ok(Math.abs((cuh?.distance?.miles ?? 0) * 1.609344 - (cuh?.distance?.km ?? 0)) < 0.02);
    const near = await findLibraries(db, { near: 'OX3', radiusMiles: 70, limit: 10, offset: 0 });
    assert.deepEqual([near.total, near.items.map((i) => i.library.key)], [2, ['ouh-hcl', 'cuh-medlib']]);
    const second = await findLibraries(db, { near: 'OX3', limit: 1, offset: 1 });
    assert.deepEqual(second.items.map((i) => i.library.key), ['cuh-medlib']);
    const filtered = await findLibraries(db, { near: 'M13 9WL', serviceOffered: 'literature_searching', limit: 10, offset: 0 });
    assert.deepEqual(filtered.items.map((i) => i.library.key), ['ouh-hcl', 'cuh-medlib']);
  });

  it('refuses an invalid postcode and names an unknown one', async () => {
    const db = getDb();
    await assert.rejects(findLibraries(db, { near: 'Oxford', limit: 10, offset: 0 }), (e: unknown) => e instanceof PostcodeError && e.code === 'postcode_invalid');
    await assert.rejects(findLibraries(db, { near: 'ZZ99 9ZZ', limit: 10, offset: 0 }), (e: unknown) => e instanceof PostcodeError && e.code === 'postcode_unknown' && /ZZ99 9ZZ/.test(e.message));
  });
});

