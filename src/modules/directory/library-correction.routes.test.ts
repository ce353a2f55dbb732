import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { TestAgent } from '../../../test/helpers/agent.js';
import { build } from '../../../test/helpers/build-app.js';
import { testDialects } from '../../../test/helpers/databases.js';
import { seedDirectory } from '../../../test/helpers/directory/seed.js';
import { createUser, signedInAgent } from '../../../test/helpers/factories.js';
import { normaliseHtml } from '../../../test/helpers/html.js';

const OUH = 1;
const MFT = 3;
const mails = (app: FastifyInstance) => app.db.selectFrom('mail_outbox').select(['to_address', 'subject', 'text_body']).orderBy('id').execute();

async function visitorOn(app: FastifyInstance, id: number): Promise<TestAgent> {
  const agent = new TestAgent(app);
  const form = await agent.get(`/libraries/${id}/correction`);
  assert.equal(form.statusCode, 200);
  return agent;
}

for (const dialect of testDialects()) {
  describe(`reporting a correction [${dialect}]`, () => {
    it('emails what is wrong to the service’s managers through the outbox, and confirms it was sent', async (t) => {
      const app = await build(t, { dialect });
      await seedDirectory(app.db);
      await createUser(app.db, { email: 'manager@ouh.nhs.uk', roles: [{ role: 'service_manager', scopeId: OUH }] });
      await createUser(app.db, { email: 'deputy@ouh.nhs.uk', roles: [{ role: 'service_manager', scopeId: OUH }] });
      await createUser(app.db, { email: 'gone@ouh.nhs.uk', status: 'suspended', roles: [{ role: 'service_manager', scopeId: OUH }] });
      await createUser(app.db, { email: 'librarian@ouh.nhs.uk', roles: [{ role: 'librarian', scopeId: OUH }] });
      const agent = await visitorOn(app, OUH);
      const sent = await agent.submit(`/libraries/${OUH}/correction`, { details: 'Horton Library now opens at 08:00.\nThe phone number\0 changed.', email: 'reader@example.org' });
      assert.equal(sent.statusCode, 303);
      assert.equal(sent.headers.location, `/libraries/${OUH}/correction/sent`);
      assert.match((await agent.get(sent.headers.location)).body, /Correction sent/);
      const outbox = await mails(app);
      assert.deepEqual(outbox.map((m) => m.to_address).sort(), ['deputy@ouh.nhs.uk', 'manager@ouh.nhs.uk'], 'active service managers only');
      assert.equal(outbox[0]?.subject, 'Correction reported for Bodleian Health Care Libraries');
      assert.match(outbox[0]?.text_body ?? '', /> Horton Library now opens at 08:00\.\n> The phone number changed\./);
      assert.match(outbox[0]?.text_body ?? '', /reply: reader@example\.org/);
      assert.match(outbox[0]?.text_body ?? '', /^http:\/\/localhost:3000\/libraries\/1\/edit$/m);
      const [event] = await app.db.selectFrom('audit_event').select(['action', 'actor_label']).where('action', '=', 'library_service.correction_reported').execute();
      assert.equal(event?.actor_label, 'visitor');
    });

    it('goes to the entry’s first contact when the service has no manager in khub, and to platform admins when it has neither', async (t) => {
      const app = await build(t, { dialect });
      await seedDirectory(app.db);
      const agent = await visitorOn(app, OUH);
      assert.equal((await agent.submit(`/libraries/${OUH}/correction`, { details: 'Wrong website.' })).statusCode, 303);
      assert.deepEqual((await mails(app)).map((m) => m.to_address), ['hcl@bodleian.ox.ac.uk']);
      await createUser(app.db, { email: 'admin@khub.example', roles: [{ role: 'platform_admin' }] });
      const signedIn = await signedInAgent(app, await createUser(app.db, { email: 'nurse@mft.nhs.uk' }));
      assert.match((await signedIn.get(`/libraries/${MFT}/correction`)).body, /value="nurse@mft.nhs.uk"/, 'a signed-in person’s address is filled in');
      assert.equal((await signedIn.submit(`/libraries/${MFT}/correction`, { details: 'No contacts listed.', email: 'nurse@mft.nhs.uk' })).statusCode, 303);
      assert.deepEqual((await mails(app)).map((m) => m.to_address), ['hcl@bodleian.ox.ac.uk', 'admin@khub.example']);
    });

    it('shows the error summary for an empty report or a bad address, and sends nothing', async (t) => {
      const app = await build(t, { dialect });
      await seedDirectory(app.db);
      const agent = await visitorOn(app, OUH);
      const refused = await agent.submit(`/libraries/${OUH}/correction`, { details: '  ', email: 'nope' });
      assert.equal(refused.statusCode, 400);
      const html = normaliseHtml(refused.body);
      assert.match(html, /href="#details">Enter what is wrong with the entry</);
      assert.match(html, /href="#email">Enter an email address in the correct format/);
      assert.match(html, /value="nope"/);
      assert.equal((await mails(app)).length, 0);
    });

    it('refuses a report without a CSRF token', async (t) => {
      const app = await build(t, { dialect });
      await seedDirectory(app.db);
      const agent = await visitorOn(app, OUH);
      assert.equal((await agent.submit(`/libraries/${OUH}/correction`, { details: 'Forged' }, { csrf: false })).statusCode, 403);
      assert.equal((await new TestAgent(app).submit(`/libraries/${OUH}/correction`, { details: 'No session' })).statusCode, 403);
      assert.equal((await mails(app)).length, 0);
      assert.equal((await app.inject('/libraries/999/correction')).statusCode, 404);
    });

    it('refuses more than five reports from one address in a quarter of an hour', async (t) => {
      const app = await build(t, { dialect });
      await seedDirectory(app.db);
      const agent = await visitorOn(app, OUH);
      for (let n = 1; n <= 5; n += 1) assert.equal((await agent.submit(`/libraries/${OUH}/correction`, { details: `Report ${n}` })).statusCode, 303);
      const limited = await agent.submit(`/libraries/${OUH}/correction`, { details: 'Report 6' });
      assert.equal(limited.statusCode, 429);
      assert.match(limited.body, /Too many requests/);
      assert.equal((await mails(app)).length, 5);
    });
  });
}
