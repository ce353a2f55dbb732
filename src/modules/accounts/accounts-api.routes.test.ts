import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { build } from '../../../test/helpers/build-app.js';
import { testDialects } from '../../../test/helpers/databases.js';
import { createOrganisation, createUser, signedInAgent } from '../../../test/helpers/factories.js';
import { createApiToken } from './api-token.service.js';

type ErrorBody = { error: { code: string; details: { field: string }[] | null } };

async function setup(app: FastifyInstance) {
  const mine = await createOrganisation(app.db, { odsCode: 'RMN', name: 'Mine Trust', staffWte: 500, regionCode: 'Y56' });
  const other = await createOrganisation(app.db, { odsCode: 'ROT', name: 'Other Trust', regionCode: 'Y62' });
  const admin = await createUser(app.db, { organisationId: mine, roles: [{ role: 'org_admin', scopeId: mine }] });
  const colleague = await createUser(app.db, { organisationId: mine, fullName: 'Grace Hopper', email: 'grace@mine.nhs.uk' });
  const stranger = await createUser(app.db, { organisationId: other, fullName: 'Far Away' });
  const { token } = await createApiToken(app.db, admin, 'Tests');
  const call = (options: InjectOptions) => app.inject({ ...options, headers: { authorization: `Bearer ${token}`, ...options.headers } });
  return { mine, other, admin, colleague, stranger, call };
}

for (const dialect of testDialects()) {
  describe(`accounts JSON API [${dialect}]`, () => {
    it('answers 401 JSON to callers with no token or session', async (t) => {
      const app = await build(t, { dialect });
      for (const [method, url] of [['GET', '/api/v1/account-statistics'], ['GET', '/api/v1/accounts'], ['POST', '/api/v1/accounts/1/reactivate']] as const) {
        const response = await app.inject({ method, url });
        assert.equal(response.statusCode, 401, url);
        assert.equal(response.json<ErrorBody>().error.code, 'unauthenticated');
      }
      const suspend = await app.inject({ method: 'POST', url: '/api/v1/accounts/1/suspend', payload: { reason: 'x' } });
      assert.equal(suspend.statusCode, 401);
    });

    it('gives statistics for the caller’s own organisation, 403 for another and 404 for an unknown ODS code', async (t) => {
      const app = await build(t, { dialect });
      const { call } = await setup(app);
      const own = await call({ method: 'GET', url: '/api/v1/account-statistics?organisation=rmn' });
      assert.equal(own.statusCode, 200);
      const body = own.json<{ organisations: { odsCode: string; accounts: number; active: number; accountsPer1000Wte: number }[]; totals: { accounts: number } }>();
      assert.deepEqual(body.organisations.map((o) => [o.odsCode, o.accounts, o.active, o.accountsPer1000Wte]), [['RMN', 2, 2, 4]]);
      assert.equal(body.totals.accounts, 2);
      const all = await call({ method: 'GET', url: '/api/v1/account-statistics' });
      assert.deepEqual(all.json<{ organisations: { odsCode: string }[] }>().organisations.map((o) => o.odsCode), ['RMN']);
      assert.equal((await call({ method: 'GET', url: '/api/v1/account-statistics?organisation=ROT' })).statusCode, 403);
      const unknown = await call({ method: 'GET', url: '/api/v1/account-statistics?organisation=ZZZ' });
      assert.equal(unknown.statusCode, 404);
      assert.equal(unknown.json<ErrorBody>().error.code, 'not_found');
      const bad = await call({ method: 'GET', url: '/api/v1/account-statistics?organisation=no!' });
      assert.equal(bad.statusCode, 400);
      assert.equal(bad.json<ErrorBody>().error.details?.[0]?.field, 'organisation');
    });

    it('lists only the accounts the caller may see, with filters', async (t) => {
      const app = await build(t, { dialect });
      const { call, colleague } = await setup(app);
      const list = await call({ method: 'GET', url: '/api/v1/accounts?q=grace' });
      assert.equal(list.statusCode, 200);
      const body = list.json<{ accounts: { id: number; email: string; organisation: { odsCode: string } }[]; total: number; pageSize: number }>();
      assert.deepEqual(body.accounts.map((a) => [a.id, a.email, a.organisation.odsCode]), [[colleague, 'grace@mine.nhs.uk', 'RMN']]);
      const everyone = (await call({ method: 'GET', url: '/api/v1/accounts' })).json<{ accounts: { fullName: string }[]; total: number }>();
      assert.equal(everyone.total, 2);
      assert.ok(everyone.accounts.every((a) => a.fullName !== 'Far Away'));
      assert.equal((await call({ method: 'GET', url: '/api/v1/accounts?status=suspended' })).json<{ total: number }>().total, 0);
      assert.equal((await call({ method: 'GET', url: '/api/v1/accounts?organisation=ROT' })).statusCode, 403);
      assert.equal((await call({ method: 'GET', url: '/api/v1/accounts?status=sleeping' })).statusCode, 400);
    });

    it('suspends and reactivates over the API with a token, policy-checked and audited', async (t) => {
      const app = await build(t, { dialect });
      const { call, colleague, stranger, admin } = await setup(app);
      const invalid = await call({ method: 'POST', url: `/api/v1/accounts/${colleague}/suspend`, payload: { reason: '' } });
      assert.equal(invalid.statusCode, 400);
      assert.equal(invalid.json<ErrorBody>().error.code, 'validation_failed');
      const suspended = await call({ method: 'POST', url: `/api/v1/accounts/${colleague}/suspend`, payload: { reason: 'Left in March' } });
      assert.equal(suspended.statusCode, 200);
      assert.deepEqual([suspended.json<{ status: string }>().status, suspended.json<{ statusReason: string }>().statusReason], ['suspended', 'Left in March']);
      const [event] = await app.db.selectFrom('audit_event').selectAll().where('action', '=', 'account.suspend').execute();
      assert.equal(event?.actor_user_id, admin);
      const again = await call({ method: 'POST', url: `/api/v1/accounts/${colleague}/suspend`, payload: { reason: 'Again' } });
      assert.equal(again.statusCode, 409);
      assert.equal(again.json<ErrorBody>().error.code, 'conflict');
      const reactivated = await call({ method: 'POST', url: `/api/v1/accounts/${colleague}/reactivate` });
      assert.equal(reactivated.statusCode, 200);
      assert.equal(reactivated.json<{ status: string }>().status, 'active');
      assert.equal((await call({ method: 'POST', url: `/api/v1/accounts/${stranger}/suspend`, payload: { reason: 'No' } })).statusCode, 403);
      assert.equal((await call({ method: 'POST', url: `/api/v1/accounts/${admin}/suspend`, payload: { reason: 'Me' } })).statusCode, 403, 'not oneself');
      assert.equal((await call({ method: 'POST', url: '/api/v1/accounts/999999/reactivate' })).statusCode, 404);
    });

    it('accepts a signed-in session too, with the CSRF header for changes', async (t) => {
      const app = await build(t, { dialect });
      const { admin, colleague } = await setup(app);
      const agent = await signedInAgent(app, admin);
      assert.equal((await agent.get('/api/v1/accounts')).statusCode, 200);
      const noHeader = await agent.request({ method: 'POST', url: `/api/v1/accounts/${colleague}/suspend`, payload: { reason: 'x' } });
      assert.equal(noHeader.statusCode, 403);
      assert.equal(noHeader.json<ErrorBody>().error.code, 'csrf_token_invalid');
      await agent.get('/feedback');
      const withHeader = await agent.request({ method: 'POST', url: `/api/v1/accounts/${colleague}/suspend`, headers: { 'x-csrf-token': agent.csrfToken ?? '' }, payload: { reason: 'x' } });
      assert.equal(withHeader.statusCode, 200);
      const member = await signedInAgent(app, colleague);
      assert.equal((await member.get('/api/v1/account-statistics')).statusCode, 403, 'a member (here, just suspended) sees no statistics');
    });

    it('describes the operations in the OpenAPI document with bearer-token security', async (t) => {
      const app = await build(t, { dialect });
      const doc = (await app.inject('/api/v1/openapi.json')).json<{ paths: Record<string, Record<string, { security?: unknown; tags?: string[] }>> }>();
      for (const [path, method] of [['/api/v1/account-statistics', 'get'], ['/api/v1/accounts', 'get'], ['/api/v1/accounts/{id}/suspend', 'post'], ['/api/v1/accounts/{id}/reactivate', 'post']] as const) {
        const operation = doc.paths[path]?.[method];
        assert.ok(operation, `${method} ${path} is documented`);
        assert.deepEqual(operation.security, [{ bearerAuth: [] }]);
        assert.deepEqual(operation.tags, ['Accounts']);
      }
    });
  });
}
