import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { requireUser } from '../../platform/auth/guards.js';
import { TestAgent } from '../../../test/helpers/agent.js';
import { build } from '../../../test/helpers/build-app.js';
import { testDialects } from '../../../test/helpers/databases.js';
import { GOOD_PASSWORD, createUser } from '../../../test/helpers/factories.js';
import { normaliseHtml } from '../../../test/helpers/html.js';

function protectedRoute(app: FastifyInstance): void {
  app.get('/test/private', async (request) => ({ id: requireUser(request).id }));
}

/** The page as a person reads it, without the per-session CSRF token. */
const visible = (body: string) => normaliseHtml(body).replace(/value="[^"]*" name="_csrf"|name="_csrf" value="[^"]*"/g, '');

for (const dialect of testDialects()) {
  describe(`sign in and out [${dialect}]`, () => {
    it('signs a person in with a new session id and sends them back where they were', async (t) => {
      const app = await build(t, { dialect, routes: protectedRoute });
      const userId = await createUser(app.db, { email: 'ada@ouh.nhs.uk', password: GOOD_PASSWORD });
      const agent = new TestAgent(app);
      const bounced = await agent.get('/test/private');
      assert.equal(bounced.statusCode, 303);
      assert.equal(bounced.headers.location, '/sign-in?returnTo=%2Ftest%2Fprivate');
      await agent.get('/sign-in?returnTo=/test/private');
      const before = agent.cookies.get('khub_session');
      const response = await agent.submit('/sign-in', { email: 'Ada@OUH.nhs.uk ', password: GOOD_PASSWORD, returnTo: '/test/private' });
      assert.equal(response.statusCode, 303);
      assert.equal(response.headers.location, '/test/private');
      assert.notEqual(agent.cookies.get('khub_session'), before);
      assert.deepEqual((await agent.get('/test/private')).json(), { id: userId });
      const row = await app.db.selectFrom('user_account').select('last_sign_in_at').where('id', '=', userId).executeTakeFirstOrThrow();
      assert.ok(row.last_sign_in_at);
    });

    it('answers a wrong password and an unknown email identically', async (t) => {
      const app = await build(t, { dialect });
      await createUser(app.db, { email: 'ada@ouh.nhs.uk', password: GOOD_PASSWORD });
      const wrong = new TestAgent(app);
      await wrong.get('/sign-in');
      const a = await wrong.submit('/sign-in', { email: 'ada@ouh.nhs.uk', password: 'not-the-password' });
      const unknown = new TestAgent(app);
      await unknown.get('/sign-in');
      const b = await unknown.submit('/sign-in', { email: 'nobody@ouh.nhs.uk', password: 'not-the-password' });
      assert.equal(a.statusCode, 400);
      assert.equal(b.statusCode, 400);
      assert.match(visible(a.body), /Enter a correct email address and password/);
      assert.equal(visible(a.body).replace('ada@ouh.nhs.uk', 'X'), visible(b.body).replace('nobody@ouh.nhs.uk', 'X'));
    });

    it('shows field errors when the form is empty', async (t) => {
      const agent = new TestAgent(await build(t, { dialect }));
      await agent.get('/sign-in');
      const response = await agent.submit('/sign-in', {});
      assert.equal(response.statusCode, 400);
      const html = normaliseHtml(response.body);
      assert.match(html, /href="#email">Enter your email address</);
      assert.match(html, /href="#password">Enter your password</);
    });

    it('never redirects off the site after sign-in', async (t) => {
      const app = await build(t, { dialect });
      await createUser(app.db, { email: 'ada@ouh.nhs.uk', password: GOOD_PASSWORD });
      for (const returnTo of ['//evil.example/x', 'https://evil.example/', '/\\evil.example']) {
        const agent = new TestAgent(app);
        await agent.get('/sign-in');
        const response = await agent.submit('/sign-in', { email: 'ada@ouh.nhs.uk', password: GOOD_PASSWORD, returnTo });
        assert.equal(response.headers.location, '/', returnTo);
      }
    });

    it('sends a person whose account awaits approval to their account page', async (t) => {
      const app = await build(t, { dialect });
      await createUser(app.db, { email: 'pending@ouh.nhs.uk', password: GOOD_PASSWORD, status: 'pending' });
      const agent = new TestAgent(app);
      await agent.get('/sign-in');
      const response = await agent.submit('/sign-in', { email: 'pending@ouh.nhs.uk', password: GOOD_PASSWORD });
      assert.equal(response.headers.location, '/account');
    });

    it('refuses a closed account as if it did not exist', async (t) => {
      const app = await build(t, { dialect });
      await createUser(app.db, { email: 'gone@ouh.nhs.uk', password: GOOD_PASSWORD, status: 'closed' });
      const agent = new TestAgent(app);
      await agent.get('/sign-in');
      const response = await agent.submit('/sign-in', { email: 'gone@ouh.nhs.uk', password: GOOD_PASSWORD });
      assert.equal(response.statusCode, 400);
    });

    it('slows down repeated failures, but not for the owner at another address', async (t) => {
      const app = await build(t, { dialect });
      await createUser(app.db, { email: 'ada@ouh.nhs.uk', password: GOOD_PASSWORD });
      const attacker = new TestAgent(app);
      await attacker.get('/sign-in');
      const attempt = (agent: TestAgent, password: string, ip: string) =>
        agent.request({
          method: 'POST',
          url: '/sign-in',
          remoteAddress: ip,
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          payload: new URLSearchParams({ _csrf: agent.csrfToken ?? '', email: 'ada@ouh.nhs.uk', password }).toString(),
        });
      for (let i = 0; i < 4; i += 1) assert.equal((await attempt(attacker, `guess-${i}`, '10.0.0.66')).statusCode, 400);
      const blocked = await attempt(attacker, GOOD_PASSWORD, '10.0.0.66');
      assert.equal(blocked.statusCode, 429, 'even the right password waits after too many failures');
      assert.match(normaliseHtml(blocked.body), /Too many attempts to sign in\. Wait \d+ seconds? and try again/);
      assert.ok(Number(blocked.headers['retry-after']) >= 1);
      const owner = new TestAgent(app);
      await owner.get('/sign-in');
      assert.equal((await attempt(owner, GOOD_PASSWORD, '10.0.0.7')).statusCode, 303, 'the owner elsewhere is not locked out');
    });

    it('signs out with the token from the header form, and refuses without it', async (t) => {
      const app = await build(t, { dialect, routes: protectedRoute });
      const userId = await createUser(app.db, { fullName: 'Ada Lovelace' });
      const { signedInAgent } = await import('../../../test/helpers/factories.js');
      const agent = await signedInAgent(app, userId);
      const home = normaliseHtml((await agent.get('/')).body);
      assert.match(home, />Ada Lovelace</);
      const action = /action="(\/sign-out\?_csrf=[^"]+)"/.exec(home)?.[1];
      assert.ok(action, 'the header has a sign-out form');
      assert.equal((await agent.request({ method: 'POST', url: '/sign-out' })).statusCode, 403);
      const out = await agent.request({ method: 'POST', url: action.replace(/&amp;/g, '&') });
      assert.equal(out.statusCode, 303);
      assert.equal(out.headers.location, '/signed-out');
      assert.equal((await agent.get('/test/private')).statusCode, 303);
      assert.equal((await app.db.selectFrom('session').selectAll().where('user_id', '=', userId).execute()).length, 0);
    });

    it('offers sign-in in the header to visitors', async (t) => {
      const app = await build(t, { dialect });
      assert.match(normaliseHtml((await app.inject('/feedback')).body), /href="\/sign-in\?returnTo=%2Ffeedback"/);
    });
  });
}
