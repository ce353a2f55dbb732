import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { build } from '../../../test/helpers/build-app.js';
import { testDialects } from '../../../test/helpers/databases.js';
import { createOrganisation } from '../../../test/helpers/factories.js';

interface ListBody {
  items: { id: number; odsCode: string; name: string; type: string; regionCode: string | null; postcode: string | null }[];
  total: number;
  limit: number;
  offset: number;
}

for (const dialect of testDialects()) {
  describe(`organisations API [${dialect}]`, () => {
    it('lists organisations by name with the total, filtered by text, region and type, a page at a time', async (t) => {
      const app = await build(t, { dialect });
      await createOrganisation(app.db, { odsCode: 'RTH', name: 'Oxford University Hospitals NHS Foundation Trust', regionCode: 'Y59' });
      await createOrganisation(app.db, { odsCode: 'RNU', name: 'Oxford Health NHS Foundation Trust', regionCode: 'Y59' });
      await createOrganisation(app.db, { odsCode: 'R0A', name: 'Manchester University NHS Foundation Trust', regionCode: 'Y62' });
      await createOrganisation(app.db, { odsCode: 'QU9', name: 'NHS Oxfordshire ICB', regionCode: 'Y59', type: 'integrated_care_board' });
      const all = (await app.inject('/api/v1/organisations')).json<ListBody>();
      assert.equal(all.total, 4);
      assert.deepEqual(all.items.map((o) => o.odsCode), ['R0A', 'QU9', 'RNU', 'RTH']);
      assert.deepEqual(Object.keys(all.items[0] ?? {}).sort(), ['id', 'name', 'odsCode', 'postcode', 'regionCode', 'type']);
      const oxford = (await app.inject('/api/v1/organisations?q=OXFORD&type=nhs_trust&limit=1&offset=1')).json<ListBody>();
      assert.deepEqual([oxford.total, oxford.limit, oxford.offset, oxford.items[0]?.odsCode], [2, 1, 1, 'RTH']);
      const north = (await app.inject('/api/v1/organisations?region=Y62')).json<ListBody>();
      assert.deepEqual(north.items.map((o) => o.odsCode), ['R0A']);
      assert.equal((await app.inject('/api/v1/organisations?q=r0a')).json<ListBody>().total, 1, 'a whole ODS code in any case');
      assert.equal((await app.inject('/api/v1/organisations?q=100%25')).json<ListBody>().total, 0, 'LIKE wildcards are literal');
    });

    it('returns one organisation by ODS code, in any case', async (t) => {
      const app = await build(t, { dialect });
      await createOrganisation(app.db, { odsCode: 'RTH', name: 'Oxford University Hospitals NHS Foundation Trust' });
      const response = await app.inject('/api/v1/organisations/rth');
      assert.equal(response.statusCode, 200);
      const body = response.json<{ odsCode: string; name: string; closedOn: string | null }>();
      assert.equal(body.odsCode, 'RTH');
      assert.equal(body.closedOn, null);
    });

    it('answers 404 organisation_not_found for an unknown code', async (t) => {
      const app = await build(t, { dialect });
      const response = await app.inject('/api/v1/organisations/XYZ');
      assert.equal(response.statusCode, 404);
      assert.equal(response.json<{ error: { code: string } }>().error.code, 'organisation_not_found');
    });
  });
}

describe('organisations API input and description', () => {
  it('refuses a bad page size or type with validation_failed naming the field', async (t) => {
    const app = await build(t);
    const response = await app.inject('/api/v1/organisations?limit=1000&type=castle');
    assert.equal(response.statusCode, 400);
    const { error } = response.json<{ error: { code: string; details: { field: string }[] } }>();
    assert.equal(error.code, 'validation_failed');
    assert.deepEqual(error.details.map((d) => d.field).sort(), ['limit', 'type']);
  });

  it('appears in the OpenAPI document under the Organisations tag', async (t) => {
    const app = await build(t);
    const doc = (await app.inject('/api/v1/openapi.json')).json<{ paths: Record<string, { get?: { tags?: string[]; parameters?: { name: string }[] } }> }>();
    const list = doc.paths['/api/v1/organisations']?.get;
    assert.deepEqual(list?.tags, ['Organisations']);
    assert.deepEqual(list?.parameters?.map((p) => p.name).sort(), ['limit', 'offset', 'q', 'region', 'type']);
    assert.deepEqual(doc.paths['/api/v1/organisations/{code}']?.get?.tags, ['Organisations']);
  });
});
