import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { TestAgent } from '../../../test/helpers/agent.js';
import { build } from '../../../test/helpers/build-app.js';
import { createUser } from '../../../test/helpers/factories.js';
import { testDialects } from '../../../test/helpers/databases.js';
import { hashSessionId, revokeUserSessions } from './session.js';

// Stand-ins for what the accounts module will do at sign-in and sign-out.
function sessionRoutes(app: FastifyInstance): void {
  app.get('/test/remember', async (request) => {
    request.session.set('colour', 'blue');
    return { ok: true };
  });
  app.get('/test/read', async (request) => ({ colour: request.session.get('colour') ?? null, userId: request.session.userId }));
  app.get('/test/sign-in/:id', async (request) => {
    request.session.set('userId', Number((request.params as { id: string }).id));
    request.session.rotate();
    return { ok: true };
  });
  app.get('/test/sign-out', async (request) => {
    request.session.destroy();
    return { ok: true };
  });
}

const COOKIE = 'khub_session';

for (const dialect of testDialects()) {
  describe(`sessions [${dialect}]`, () => {
    it('starts no session for a page that stores nothing', async (t) => {
      const app = await build(t, { dialect, routes: sessionRoutes });
      const response = await app.inject('/');
      assert.equal(response.cookies.length, 0);
      assert.equal((await app.db.selectFrom('session').selectAll().execute()).length, 0);
    });

    it('stores the session server-side under a hash of the cookie, with secure cookie flags', async (t) => {
      const app = await build(t, { dialect, routes: sessionRoutes });
      const agent = new TestAgent(app);
      const response = await agent.get('/test/remember');
      const cookie = response.cookies.find((c) => c.name === COOKIE);
      assert.ok(cookie);
      assert.equal(cookie.httpOnly, true);
      assert.equal(cookie.sameSite, 'Lax');
      assert.equal(cookie.path, '/');
      const rows = await app.db.selectFrom('session').selectAll().execute();
      assert.equal(rows.length, 1);
      assert.equal(rows[0]?.id, hashSessionId(cookie.value));
      assert.notEqual(rows[0]?.id, cookie.value);
      assert.deepEqual((await agent.get('/test/read')).json(), { colour: 'blue', userId: null });
    });

    it('gives the session a new id at sign-in, keeps its contents and retires the old id', async (t) => {
      const app = await build(t, { dialect, routes: sessionRoutes });
      const agent = new TestAgent(app);
      const userId = await createUser(app.db);
      await agent.get('/test/remember');
      const before = agent.cookies.get(COOKIE);
      await agent.get(`/test/sign-in/${userId}`);
      const after = agent.cookies.get(COOKIE);
      assert.ok(before && after);
      assert.notEqual(after, before);
      assert.deepEqual((await agent.get('/test/read')).json(), { colour: 'blue', userId });
      const planted = await app.inject({ url: '/test/read', cookies: { [COOKIE]: before } });
      assert.deepEqual(planted.json(), { colour: null, userId: null }, 'the pre-sign-in id no longer works');
      const row = await app.db.selectFrom('session').select('user_id').executeTakeFirstOrThrow();
      assert.equal(row.user_id, userId);
    });

    it('deletes the session and clears the cookie on sign-out', async (t) => {
      const app = await build(t, { dialect, routes: sessionRoutes });
      const agent = new TestAgent(app);
      await agent.get(`/test/sign-in/${await createUser(app.db)}`);
      const response = await agent.get('/test/sign-out');
      assert.ok(response.cookies.some((c) => c.name === COOKIE && c.value === ''));
      assert.equal((await app.db.selectFrom('session').selectAll().execute()).length, 0);
    });

    it('ignores an expired session', async (t) => {
      const app = await build(t, { dialect, routes: sessionRoutes });
      const agent = new TestAgent(app);
      await agent.get('/test/remember');
      await app.db.updateTable('session').set({ expires_at: new Date(Date.now() - 1000).toISOString() }).execute();
      assert.deepEqual((await agent.get('/test/read')).json(), { colour: null, userId: null });
    });

    it('never lets a session outlive its absolute lifetime, however busy', async (t) => {
      const app = await build(t, { dialect, routes: sessionRoutes });
      const agent = new TestAgent(app);
      await agent.get('/test/remember');
      const elevenHoursAgo = new Date(Date.now() - 11.5 * 3600 * 1000).toISOString();
      await app.db.updateTable('session').set({ created_at: elevenHoursAgo, updated_at: elevenHoursAgo }).execute();
      await agent.get('/test/read');
      const row = await app.db.selectFrom('session').selectAll().executeTakeFirstOrThrow();
      const lifetime = Date.parse(row.expires_at) - Date.parse(row.created_at);
      assert.ok(Math.abs(lifetime - 12 * 3600 * 1000) < 1000, `expires 12 hours after creation, got ${lifetime} ms`);
    });

    it('revokes every session of one user and no one else', async (t) => {
      const app = await build(t, { dialect, routes: sessionRoutes });
      const phone = new TestAgent(app);
      const desktop = new TestAgent(app);
      const colleague = new TestAgent(app);
      const [me, other] = [await createUser(app.db), await createUser(app.db)];
      await phone.get(`/test/sign-in/${me}`);
      await desktop.get(`/test/sign-in/${me}`);
      await colleague.get(`/test/sign-in/${other}`);
      assert.equal(await revokeUserSessions(app.db, me), 2);
      assert.equal((await phone.get('/test/read')).json<{ userId: number | null }>().userId, null);
      assert.equal((await colleague.get('/test/read')).json<{ userId: number | null }>().userId, other);
    });
  });
}
