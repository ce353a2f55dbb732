import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { TestAgent } from '../../../test/helpers/agent.js';
import { build } from '../../../test/helpers/build-app.js';
import { testDialects } from '../../../test/helpers/databases.js';
import { createOrganisation, createUser, signedInAgent } from '../../../test/helpers/factories.js';
import { normaliseHtml } from '../../../test/helpers/html.js';
import { createApiToken, hashApiToken } from './api-token.service.js';

const DAY_MS = 86_400_000;
const statistics = (app: FastifyInstance, token: string) => app.inject({ method: 'GET', url: '/api/v1/account-statistics', headers: { authorization: `Bearer ${token}` } });

async function orgAdmin(app: FastifyInstance) {
  const org = await createOrganisation(app.db);
  return createUser(app.db, { organisationId: org, roles: [{ role: 'org_admin', scopeId: org }] });
}

for (const dialect of testDialects()) {
  describe(`API tokens [${dialect}]`, () => {
    it('creates a token shown once, stores only its hash, lists it and lets it call the API', async (t) => {
      const app = await build(t, { dialect });
      const admin = await orgAdmin(app);
      const agent = await signedInAgent(app, admin);
      assert.match(normaliseHtml((await agent.get('/account/api-tokens')).body), /You have no API tokens/);
      const created = await agent.submit('/account/api-tokens', { name: 'Intranet statistics', lifetime: '90' });
      assert.equal(created.statusCode, 200);
      assert.equal(created.headers['cache-control'], 'no-store');
      const secret = /data-testid="api-token-secret">|value="(khub_[\w-]+)"/.exec(created.body)?.[1] ?? '';
      assert.match(secret, /^khub_[\w-]{40,}$/);

      const row = await app.db.selectFrom('api_token').selectAll().executeTakeFirstOrThrow();
      assert.equal(row.token_hash, hashApiToken(secret));
      assert.ok(!JSON.stringify(row).includes(secret), 'the secret itself is not stored');
      assert.equal(row.token_prefix, secret.slice(0, 11));
      const days = (Date.parse(row.expires_at ?? '') - Date.now()) / DAY_MS;
      assert.ok(days > 89.9 && days <= 90, `about 90 days, got ${days}`);
      assert.equal((await app.db.selectFrom('audit_event').select('action').where('action', '=', 'api_token.create').execute()).length, 1);

      const list = normaliseHtml((await agent.get('/account/api-tokens')).body);
      assert.match(list, /Intranet statistics/);
      assert.match(list, new RegExp(`<code>${row.token_prefix}…</code>`));
      assert.doesNotMatch(list, new RegExp(secret), 'the list never shows the secret again');
      assert.equal((await statistics(app, secret)).statusCode, 200);
      const used = await app.db.selectFrom('api_token').select('last_used_at').executeTakeFirstOrThrow();
      assert.ok(used.last_used_at, 'use is recorded');
    });

    it('refuses a revoked token and an expired one with a 401 JSON error', async (t) => {
      const app = await build(t, { dialect });
      const admin = await orgAdmin(app);
      const { id, token } = await createApiToken(app.db, admin, 'To revoke');
      const agent = await signedInAgent(app, admin);
      await agent.get('/account/api-tokens');
      const revoked = await agent.submit(`/account/api-tokens/${id}/revoke`, {});
      assert.equal(revoked.statusCode, 303);
      assert.match(normaliseHtml((await agent.get('/account/api-tokens')).body), /The token has been revoked/);
      const refused = await statistics(app, token);
      assert.equal(refused.statusCode, 401);
      assert.equal(refused.json<{ error: { code: string } }>().error.code, 'unauthenticated');
      assert.equal((await app.db.selectFrom('audit_event').select('id').where('action', '=', 'api_token.revoke').execute()).length, 1);

      const old = await createApiToken(app.db, admin, 'Old', { expiresAt: new Date(Date.now() - 1000) });
      assert.equal((await statistics(app, old.token)).statusCode, 401);
      assert.equal((await statistics(app, 'khub_not-a-real-token')).statusCode, 401);
    });

    it('lets nobody revoke someone else’s token, and refuses the pages to members and visitors', async (t) => {
      const app = await build(t, { dialect });
      const owner = await orgAdmin(app);
      const other = await orgAdmin(app);
      const { id, token } = await createApiToken(app.db, owner, 'Mine');
      const agent = await signedInAgent(app, other);
      await agent.get('/account/api-tokens');
      assert.equal((await agent.submit(`/account/api-tokens/${id}/revoke`, {})).statusCode, 404);
      assert.equal((await statistics(app, token)).statusCode, 200);
      const member = await signedInAgent(app, await createUser(app.db));
      assert.equal((await member.get('/account/api-tokens')).statusCode, 403);
      assert.equal((await new TestAgent(app).get('/account/api-tokens')).statusCode, 303);
    });

    it('asks for a name and writes nothing without one', async (t) => {
      const app = await build(t, { dialect });
      const agent = await signedInAgent(app, await orgAdmin(app));
      await agent.get('/account/api-tokens');
      const response = await agent.submit('/account/api-tokens', { name: ' ', lifetime: 'forever' });
      assert.equal(response.statusCode, 400);
      const html = normaliseHtml(response.body);
      assert.match(html, /href="#name">Enter a name for the token</);
      assert.match(html, /href="#lifetime">Select how long the token lasts</);
      assert.equal((await app.db.selectFrom('api_token').select('id').execute()).length, 0);
    });
  });
}
