import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TestAgent } from '../../../test/helpers/agent.js';
import { build } from '../../../test/helpers/build-app.js';
import { testDialects } from '../../../test/helpers/databases.js';
import { GOOD_PASSWORD, createOrganisation } from '../../../test/helpers/factories.js';
import { startSmtpSink } from '../../../test/helpers/smtp.js';

for (const dialect of testDialects()) {
  describe(`registration over a real SMTP server [${dialect}]`, () => {
    it('delivers the verification email and the link in it verifies the account', async (t) => {
      const smtp = await startSmtpSink(t);
      const app = await build(t, { dialect, config: { smtpUrl: `smtp://127.0.0.1:${smtp.port}`, baseUrl: 'https://khub.example.nhs.uk' } });
      const organisationId = await createOrganisation(app.db, { domains: ['smtp-trust.nhs.uk'] });
      const agent = new TestAgent(app);
      await agent.get('/register');
      const fields = { fullName: 'Grace Hopper', email: 'grace.hopper@smtp-trust.nhs.uk', organisationId: String(organisationId), staffGroup: 'medical_dental', jobTitle: 'Registrar', password: GOOD_PASSWORD, declaration: 'yes' };
      assert.equal((await agent.submit('/register', fields)).statusCode, 303);

      await app.jobs.runDue();
      assert.equal(smtp.messages.length, 1);
      const [message] = smtp.messages;
      assert.deepEqual(message?.to, ['grace.hopper@smtp-trust.nhs.uk']);
      assert.match(message?.raw ?? '', /^Subject: Confirm your email address for khub\r$/m);
      const link = /^(https:\/\/khub\.example\.nhs\.uk\/verify-email\?token=\S+)$/m.exec(message?.text ?? '')?.[1];
      assert.ok(link, 'the message has the link on a line of its own');

      const url = new URL(link);
      const confirm = await agent.get(`${url.pathname}${url.search}`);
      assert.equal(confirm.statusCode, 200);
      const verified = await agent.submit('/verify-email', { token: url.searchParams.get('token') ?? '' });
      assert.equal(verified.statusCode, 303);
      const user = await app.db.selectFrom('user_account').select(['status', 'email_verified_at']).executeTakeFirstOrThrow();
      assert.equal(user.status, 'active');
      assert.ok(user.email_verified_at);
    });
  });
}
