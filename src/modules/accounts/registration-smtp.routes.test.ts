import assert from 'node:assert/strict';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { describe, it, type TestContext } from 'node:test';
import { SMTPServer } from 'smtp-server';
import { TestAgent } from '../../../test/helpers/agent.js';
import { build } from '../../../test/helpers/build-app.js';
import { testDialects } from '../../../test/helpers/databases.js';
import { GOOD_PASSWORD, createOrganisation } from '../../../test/helpers/factories.js';

/** A real SMTP server on 127.0.0.1 that keeps the raw text of every message it accepts. */
async function startSmtpServer(t: TestContext): Promise<{ port: number; received: { to: string[]; raw: string }[] }> {
  const received: { to: string[]; raw: string }[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') });
        callback();
      });
    },
  });
  server.listen(0, '127.0.0.1');
  await once(server.server, 'listening');
  t.after(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { port: (server.server.address() as AddressInfo).port, received };
}

/** The readable body of a single-part message, undoing the transfer encoding the mailer chose. */
function bodyOf(raw: string): string {
  const split = raw.indexOf('\r\n\r\n');
  const headers = raw.slice(0, split);
  const body = raw.slice(split + 4);
  const encoding = /^Content-Transfer-Encoding:\s*(\S+)/im.exec(headers)?.[1]?.toLowerCase();
  if (encoding === 'base64') return Buffer.from(body, 'base64').toString('utf8');
  if (encoding === 'quoted-printable') {
    const bytes = body.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/g, (_match, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    return Buffer.from(bytes, 'latin1').toString('utf8');
  }
  return body;
}

for (const dialect of testDialects()) {
  describe(`registration over a real SMTP server [${dialect}]`, () => {
    it('delivers the verification email and the link in it verifies the account', async (t) => {
      const smtp = await startSmtpServer(t);
      const app = await build(t, { dialect, config: { smtpUrl: `smtp://127.0.0.1:${smtp.port}`, baseUrl: 'https://khub.example.nhs.uk' } });
      const organisationId = await createOrganisation(app.db, { domains: ['smtp-trust.nhs.uk'] });
      const agent = new TestAgent(app);
      await agent.get('/register');
      const fields = { fullName: 'Grace Hopper', email: 'grace.hopper@smtp-trust.nhs.uk', organisationId: String(organisationId), staffGroup: 'medical_dental', jobTitle: 'Registrar', password: GOOD_PASSWORD, declaration: 'yes' };
      assert.equal((await agent.submit('/register', fields)).statusCode, 303);

      await app.jobs.runDue();
      assert.equal(smtp.received.length, 1);
      const [message] = smtp.received;
      assert.deepEqual(message?.to, ['grace.hopper@smtp-trust.nhs.uk']);
      assert.match(message?.raw ?? '', /^Subject: Confirm your email address for khub\r$/m);
      const link = /^(https:\/\/khub\.example\.nhs\.uk\/verify-email\?token=\S+)$/m.exec(bodyOf(message?.raw ?? ''))?.[1];
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
