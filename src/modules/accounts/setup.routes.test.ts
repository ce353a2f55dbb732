import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TestAgent } from '../../../test/helpers/agent.js';
import { build } from '../../../test/helpers/build-app.js';
import { testDialects } from '../../../test/helpers/databases.js';
import { GOOD_PASSWORD } from '../../../test/helpers/factories.js';
import { normaliseHtml } from '../../../test/helpers/html.js';
import { issueSetupLink } from './setup.service.js';

const form = (token: string) => ({ token, fullName: 'Grace Hopper', email: 'grace@khub.example.nhs.uk', password: GOOD_PASSWORD, confirmPassword: GOOD_PASSWORD });

for (const dialect of testDialects()) {
  describe(`first administrator setup link [${dialect}]`, () => {
    it('creates the first platform administrator once, then never again', async (t) => {
      const app = await build(t, { dialect });
      const link = await issueSetupLink(app.db, app.config.baseUrl);
      assert.ok(link);
      const path = link.replace(app.config.baseUrl, '');
      const token = new URL(link).searchParams.get('token') ?? '';
      const agent = new TestAgent(app);
      assert.match(normaliseHtml((await agent.get(path)).body), /<h1>Create the first administrator<\/h1>/);
      const created = await agent.submit('/setup', form(token));
      assert.equal(created.statusCode, 303);
      assert.equal(created.headers.location, '/admin');
      const roles = await app.db.selectFrom('role_assignment').innerJoin('user_account', 'user_account.id', 'role_assignment.user_id').select(['email', 'role']).execute();
      assert.deepEqual(roles, [{ email: 'grace@khub.example.nhs.uk', role: 'platform_admin' }]);
      assert.equal((await app.db.selectFrom('audit_event').select('action').executeTakeFirstOrThrow()).action, 'account.setup_first_admin');

      const again = new TestAgent(app);
      assert.equal((await again.get(path)).statusCode, 400, 'the link is spent');
      assert.equal(await issueSetupLink(app.db, app.config.baseUrl), undefined, 'no new link once an administrator exists');
    });

    it('refuses an unknown token and keeps a weak password out', async (t) => {
      const app = await build(t, { dialect });
      const link = await issueSetupLink(app.db, app.config.baseUrl);
      const token = new URL(link ?? '').searchParams.get('token') ?? '';
      assert.equal((await app.inject('/setup?token=made-up')).statusCode, 400);
      const agent = new TestAgent(app);
      await agent.get(`/setup?token=${token}`);
      const weak = await agent.submit('/setup', { ...form(token), password: 'qwertyuiop1', confirmPassword: 'qwertyuiop1' });
      assert.equal(weak.statusCode, 400);
      assert.match(normaliseHtml(weak.body), /href="#password">/);
      assert.equal((await app.db.selectFrom('user_account').selectAll().execute()).length, 0);
    });

    it('makes an earlier link stop working when a new one is issued', async (t) => {
      const app = await build(t, { dialect });
      const first = await issueSetupLink(app.db, app.config.baseUrl);
      await issueSetupLink(app.db, app.config.baseUrl);
      assert.equal((await app.inject((first ?? '').replace(app.config.baseUrl, ''))).statusCode, 400);
    });
  });
}
