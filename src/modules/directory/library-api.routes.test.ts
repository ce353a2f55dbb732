import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { build } from '../../../test/helpers/build-app.js';
import { testDialects } from '../../../test/helpers/databases.js';
import { createUser } from '../../../test/helpers/factories.js';
import { listAuditEvents } from '../../platform/audit/audit.js';
import { createApiToken } from '../accounts/api-token.service.js';
import { seedDirectory } from '../../../test/helpers/directory/seed.js';

type Item = { id: number; key: string; distance?: { km: number; miles: number }; sites: { key: string }[] };
type List = { items: Item[]; total: number; origin?: { precision: string } };
type ErrorBody = { error: { code: string; details: unknown } };

for (const dialect of testDialects()) {
  describe(`library directory API [${dialect}]`, () => {
    it('lists with filters, orders by distance from a postcode or district, and pages', async (t) => {
      const app = await build(t, { dialect });
      await seedDirectory(app.db);
      const all = (await app.inject('/api/v1/libraries')).json<List>();
      assert.deepEqual([all.total, all.items.map((i) => i.key)], [4, ['ouh-hcl', 'cuh-medlib', 'mft-library', 'virtual-ks']]);
      assert.deepEqual((await app.inject('/api/v1/libraries?region=y62')).json<List>().items.map((i) => i.key), ['mft-library']);
      assert.deepEqual((await app.inject('/api/v1/libraries?county=Oxfordshire&service=study_space&q=bodleian')).json<List>().items.map((i) => i.key), ['ouh-hcl']);
      const near = (await app.inject('/api/v1/libraries?near=ox3&radius=70')).json<List>();
      assert.deepEqual([near.total, near.origin?.precision, near.items.map((i) => i.key)], [2, 'district', ['ouh-hcl', 'cuh-medlib']]);
      assert.ok((near.items[1]?.distance?.miles ?? 0) > 63 && (near.items[1]?.distance?.miles ?? 0) < 65);
      const org = (await app.inject('/api/v1/organisations/rgt/libraries?near=M13%209WL')).json<List>();
      assert.deepEqual(org.items.map((i) => i.key), ['cuh-medlib']);
    });

    it('answers GeoJSON by Accept header or format=geojson', async (t) => {
      const app = await build(t, { dialect });
      await seedDirectory(app.db);
      const response = await app.inject({ url: '/api/v1/libraries?near=CB2%200QQ&limit=1', headers: { accept: 'application/geo+json' } });
      assert.match(String(response.headers['content-type']), /^application\/geo\+json/);
      const body = response.json<{ type: string; features: { geometry: { type: string; coordinates: number[] }; properties: Record<string, unknown> }[] }>();
      assert.equal(body.type, 'FeatureCollection');
      assert.deepEqual(body.features.map((f) => [f.geometry.type, f.geometry.coordinates]), [['Point', [0.140435, 52.175071]]]);
      assert.deepEqual(body.features[0]?.properties.distance, { km: 0, miles: 0 });
      const byQuery = (await app.inject('/api/v1/libraries?format=geojson&organisation=RTH')).json<{ features: unknown[] }>();
      assert.equal(byQuery.features.length, 2, 'one feature per located site');
    });

    it('gives stable errors: invalid and unknown postcodes, unknown library and organisation', async (t) => {
      const app = await build(t, { dialect });
      await seedDirectory(app.db);
      const invalid = await app.inject('/api/v1/libraries?near=banana');
      assert.deepEqual([invalid.statusCode, invalid.json<ErrorBody>().error.code], [400, 'postcode_invalid']);
      const unknown = await app.inject('/api/v1/libraries?near=ZZ99%209ZZ');
      assert.deepEqual([unknown.statusCode, unknown.json<ErrorBody>().error.code], [400, 'postcode_unknown']);
      const missing = await app.inject('/api/v1/libraries/9999');
      assert.deepEqual([missing.statusCode, missing.json<ErrorBody>().error.code], [404, 'library_not_found']);
      assert.equal((await app.inject('/api/v1/organisations/XXX/libraries')).json<ErrorBody>().error.code, 'organisation_not_found');
      const bad = await app.inject('/api/v1/libraries?radius=-1&limit=0');
      assert.equal(bad.json<ErrorBody>().error.code, 'validation_failed');
      const one = await app.inject(`/api/v1/libraries/${(await app.inject('/api/v1/libraries')).json<List>().items[0]?.id}`);
      assert.deepEqual(one.json<Item>().sites.map((s) => s.key), ['cairns', 'horton']);
    });

    it('lets a service’s own manager and platform admins change an entry, refuses others, and audits before/after', async (t) => {
      const app = await build(t, { dialect });
      await seedDirectory(app.db);
      const [ouh, cuh] = (await app.inject('/api/v1/libraries')).json<List>().items;
      const token = async (roles: NonNullable<Parameters<typeof createUser>[1]>['roles']) => `Bearer ${(await createApiToken(app.db, await createUser(app.db, { roles }), 'tests')).token}`;
      const patch = (id: number | undefined, authorization: string | undefined, payload: object) => app.inject({ method: 'PATCH', url: `/api/v1/libraries/${id}`, payload, headers: authorization ? { authorization } : {} });
      assert.equal((await patch(ouh?.id, undefined, { name: 'X' })).statusCode, 401);
      const otherManager = await token([{ role: 'service_manager', scopeId: cuh?.id }]);
      const refused = await patch(ouh?.id, otherManager, { name: 'Hijacked' });
      assert.deepEqual([refused.statusCode, refused.json<ErrorBody>().error.code], [403, 'forbidden']);
      const manager = await token([{ role: 'service_manager', scopeId: ouh?.id }]);
      const changed = await patch(ouh?.id, manager, { name: 'Oxford Health Libraries', servicesOffered: ['training'], verified: true });
      assert.equal(changed.statusCode, 200);
      assert.equal(changed.json<{ name: string; lastVerifiedOn: string }>().lastVerifiedOn, new Date().toISOString().slice(0, 10));
      const [event] = await listAuditEvents(app.db, { targetType: 'library_service', targetId: ouh?.id ?? 0 });
      const details = event?.details as { before: Record<string, unknown>; after: Record<string, unknown> };
      assert.equal(event?.action, 'library_service.update');
      assert.deepEqual([details.before.name, details.after.name], ['Bodleian Health Care Libraries', 'Oxford Health Libraries']);
      assert.deepEqual(details.after.servicesOffered, ['training']);
      const admin = await token([{ role: 'platform_admin' }]);
      assert.equal((await patch(cuh?.id, admin, { website: 'https://example.org/library' })).statusCode, 200);
      assert.equal((await patch(cuh?.id, admin, { servicesOffered: ['juggling'] })).json<ErrorBody>().error.code, 'validation_failed');
    });
  });
}

describe('library directory API description', () => {
  it('appears in the OpenAPI document with its parameters and both media types', async (t) => {
    const app = await build(t);
    const doc = (await app.inject('/api/v1/openapi.json')).json<{ paths: Record<string, Record<string, { tags?: string[]; parameters?: { name: string }[]; responses?: Record<string, { content?: Record<string, unknown> }> }>> }>();
    const list = doc.paths['/api/v1/libraries']?.get;
    assert.deepEqual(list?.tags, ['Library directory']);
    assert.deepEqual(list?.parameters?.map((p) => p.name).sort(), ['county', 'format', 'limit', 'near', 'offset', 'organisation', 'q', 'radius', 'region', 'service']);
    assert.deepEqual(Object.keys(list?.responses?.['200']?.content ?? {}).sort(), ['application/geo+json', 'application/json']);
    assert.ok(doc.paths['/api/v1/libraries/{id}']?.patch);
    assert.ok(doc.paths['/api/v1/organisations/{code}/libraries']?.get);
  });
});
