import assert from 'node:assert/strict';
import { it } from 'node:test';
import { eachDialect } from '../../../test/helpers/databases.js';
import { createOrganisation } from '../../../test/helpers/factories.js';
import {
  emailProvesMembership,
  findOrganisationByOdsCode,
  listCounties,
  listDomains,
  listOrganisationsForSelect,
  listRegions,
  searchOrganisations,
} from './index.js';

eachDialect('organisations service', (getDb) => {
  it('has the seven NHS England regions and every ceremonial county of England mapped to one of them', async () => {
    const regions = await listRegions(getDb());
    assert.deepEqual(regions.map((r) => r.code).sort(), ['Y56', 'Y58', 'Y59', 'Y60', 'Y61', 'Y62', 'Y63']);
    const counties = await listCounties(getDb());
    assert.equal(counties.length, 48);
    assert.ok(counties.every((c) => regions.some((r) => r.code === c.regionCode)));
    const regionOf = (name: string) => counties.find((c) => c.name === name)?.regionCode;
    assert.deepEqual([regionOf('Greater London'), regionOf('Oxfordshire'), regionOf('Greater Manchester'), regionOf('Cornwall')], ['Y56', 'Y59', 'Y62', 'Y58']);
  });

  it('finds organisations by ODS code in any case, lists open ones for a select, and their domains', async () => {
    const db = getDb();
    const open = await createOrganisation(db, { odsCode: 'SVA', name: 'Aardvark Hospice', type: 'hospice', domains: ['b.example.org', 'a.example.org'] });
    const closed = await createOrganisation(db, { odsCode: 'SVB', name: 'Aardvark Closed Trust' });
    await db.updateTable('organisation').set({ closed_on: '2020-03-31' }).where('id', '=', closed).execute();
    assert.equal((await findOrganisationByOdsCode(db, ' sva '))?.id, open);
    assert.equal(await findOrganisationByOdsCode(db, 'NOPE'), undefined);
    const options = await listOrganisationsForSelect(db);
    assert.ok(options.some((o) => o.id === open && o.odsCode === 'SVA' && o.name === 'Aardvark Hospice'));
    assert.ok(!options.some((o) => o.id === closed), 'closed organisations take no new registrations');
    const names = options.map((o) => o.name);
    assert.deepEqual(names, [...names].sort((a, b) => a.localeCompare(b)));
    assert.deepEqual((await listDomains(db, open)).map((d) => d.domain), ['a.example.org', 'b.example.org']);
  });

  it('searches by part of the name, type and region, and clamps the page size', async () => {
    const db = getDb();
    await createOrganisation(db, { odsCode: 'SWA', name: 'Under_score Trust', regionCode: 'Y60' });
    await createOrganisation(db, { odsCode: 'SWB', name: 'Underscore Trust', regionCode: 'Y60' });
    const underscore = await searchOrganisations(db, { query: 'under_', limit: 10, offset: 0 });
    assert.deepEqual(underscore.organisations.map((o) => o.odsCode), ['SWA'], '_ is a literal underscore, not a wildcard');
    const midlands = await searchOrganisations(db, { query: 'score', regionCode: 'Y60', type: 'nhs_trust', limit: 1000, offset: 0 });
    assert.equal(midlands.total, 2);
    const none = await searchOrganisations(db, { query: 'score', type: 'university', limit: 10, offset: 0 });
    assert.equal(none.total, 0);
  });

  it('proves membership only by an organisation’s own domain, never a shared one', async () => {
    const db = getDb();
    const id = await createOrganisation(db, { odsCode: 'SXA', domains: ['sxa.nhs.uk'] });
    assert.equal(await emailProvesMembership(db, 'Person@SXA.nhs.uk', id), true);
    assert.equal(await emailProvesMembership(db, 'person@nhs.net', id), false);
    assert.equal(await emailProvesMembership(db, 'person@other.nhs.uk', id), false);
  });
});
