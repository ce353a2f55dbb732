import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { TestAgent } from '../../../test/helpers/agent.js';
import { build } from '../../../test/helpers/build-app.js';
import { testDialects } from '../../../test/helpers/databases.js';
import { seedDirectory } from '../../../test/helpers/directory/seed.js';
import { createUser, signedInAgent } from '../../../test/helpers/factories.js';
import { normaliseHtml } from '../../../test/helpers/html.js';
import { listAuditEvents } from '../../platform/audit/audit.js';

const OUH = 1;
const CUH = 2;

async function report(app: FastifyInstance, agent: TestAgent, id: number, fields: Record<string, string>) {
  await agent.get(`/libraries/${id}/correction`);
  const sent = await agent.submit(`/libraries/${id}/correction`, fields);
  assert.equal(sent.statusCode, 303);
}

/** The open or resolved corrections the list shows, as their text. */
function listed(html: string, testId: 'open-corrections' | 'resolved-corrections'): string[] {
  const list = new RegExp(`<ul[^>]*data-testid="${testId}"[^>]*>([\\s\\S]*?)</ul>`).exec(normaliseHtml(html))?.[1] ?? '';
  return [...list.matchAll(/data-testid="correction-text"><p>([\s\S]*?)<\/p>/g)].map((m) => (m[1] ?? '').replace(/<br>/g, ' / '));
}

for (const dialect of testDialects()) {
  describe(`corrections kept for a library's editors [${dialect}]`, () => {
    it('stores each report as well as emailing it, lists the open ones for the entry’s editors, and marks one resolved, audited', async (t) => {
      const app = await build(t, { dialect });
      await seedDirectory(app.db);
      const managerId = await createUser(app.db, { email: 'manager@ouh.nhs.uk', roles: [{ role: 'service_manager', scopeId: OUH }] });
      await report(app, new TestAgent(app), OUH, { details: 'Horton Library now opens at 08:00.\nThe phone number changed.', email: 'reader@example.org' });
      const nurseId = await createUser(app.db, { email: 'nurse@ouh.nhs.uk' });
      await report(app, await signedInAgent(app, nurseId), OUH, { details: 'The website link is broken.', email: '' });
      await createUser(app.db, { email: 'admin@khub.example', roles: [{ role: 'platform_admin' }] });
      await report(app, new TestAgent(app), CUH, { details: 'Cambridge: wrong postcode.' });
      const stored = await app.db.selectFrom('library_correction').select(['service_id', 'reporter_email', 'reporter_user_id', 'status']).orderBy('id').execute();
      assert.deepEqual(stored.map((c) => [Number(c.service_id), c.reporter_email, c.reporter_user_id === null ? null : Number(c.reporter_user_id), c.status]), [[OUH, 'reader@example.org', null, 'open'], [OUH, null, nurseId, 'open'], [CUH, null, null, 'open']]);
      const mail = await app.db.selectFrom('mail_outbox').select('text_body').where('to_address', '=', 'manager@ouh.nhs.uk').executeTakeFirstOrThrow();
      assert.match(mail.text_body, /^http:\/\/localhost:3000\/libraries\/1\/corrections$/m, 'the email links to the list');

      const manager = await signedInAgent(app, managerId);
      assert.match(normaliseHtml((await manager.get(`/libraries/${OUH}`)).body), /href="\/libraries\/1\/corrections">Corrections reported: 2 open</);
      const list = await manager.get(`/libraries/${OUH}/corrections`);
      assert.equal(list.statusCode, 200);
      assert.deepEqual(listed(list.body, 'open-corrections'), ['Horton Library now opens at 08:00. / The phone number changed.', 'The website link is broken.'], 'oldest first, this service’s only');
      assert.match(normaliseHtml(list.body), /by\s*<a href="mailto:reader@example.org">reader@example.org<\/a>/);
      assert.match(normaliseHtml(list.body), /by a signed-in person who left no address/);

      const [first] = await app.db.selectFrom('library_correction').select('id').where('service_id', '=', OUH).orderBy('id').execute();
      const resolved = await manager.submit(`/libraries/${OUH}/corrections/${first?.id}/resolve`, {});
      assert.deepEqual([resolved.statusCode, resolved.headers.location], [303, `/libraries/${OUH}/corrections`]);
      const after = await manager.get(`/libraries/${OUH}/corrections`);
      assert.match(after.body, /The correction is marked as resolved/);
      assert.deepEqual(listed(after.body, 'open-corrections'), ['The website link is broken.']);
      assert.deepEqual(listed(after.body, 'resolved-corrections'), ['Horton Library now opens at 08:00. / The phone number changed.']);
      assert.equal((await manager.submit(`/libraries/${OUH}/corrections/${first?.id}/resolve`, {})).statusCode, 404, 'already resolved');
      const [event] = await listAuditEvents(app.db, { targetType: 'library_correction', targetId: first?.id ?? 0 });
      assert.deepEqual([event?.action, event?.actorLabel, event?.details.before, event?.details.after], ['library_correction.resolve', 'manager@ouh.nhs.uk', { status: 'open' }, { status: 'resolved' }]);
    });

    it('refuses the list and "mark as resolved" to everyone else: a manager of another service gets 403', async (t) => {
      const app = await build(t, { dialect });
      await seedDirectory(app.db);
      await report(app, new TestAgent(app), OUH, { details: 'Wrong hours.' });
      const correction = await app.db.selectFrom('library_correction').select('id').executeTakeFirstOrThrow();
      const other = await signedInAgent(app, await createUser(app.db, { email: 'cam@cuh.nhs.uk', roles: [{ role: 'service_manager', scopeId: CUH }] }));
      assert.equal((await other.get(`/libraries/${OUH}/corrections`)).statusCode, 403);
      await other.get(`/libraries/${CUH}`);
      assert.equal((await other.submit(`/libraries/${OUH}/corrections/${correction.id}/resolve`, {})).statusCode, 403);
      assert.equal((await other.submit(`/libraries/${CUH}/corrections/${correction.id}/resolve`, {})).statusCode, 404, 'not a Cambridge correction');
      const visitor = await new TestAgent(app).get(`/libraries/${OUH}/corrections`);
      assert.equal(visitor.statusCode, 303, 'visitors are sent to sign in');
      assert.doesNotMatch((await new TestAgent(app).get(`/libraries/${OUH}`)).body, /Corrections reported/);
      const row = await app.db.selectFrom('library_correction').select('status').executeTakeFirstOrThrow();
      assert.equal(row.status, 'open');
    });
  });
}
