import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { build } from '../../../test/helpers/build-app.js';
import { testDialects } from '../../../test/helpers/databases.js';
import { seedDirectory } from '../../../test/helpers/directory/seed.js';
import { createUser } from '../../../test/helpers/factories.js';
import { updateLibrary } from './library-update.service.js';
import { VERIFICATION_REMINDERS_JOB, nextReminderRun, sendVerificationReminders } from './verification-reminder.jobs.js';

// The seed's entries: Bodleian (1) verified 2026-06-01, Cambridge (2) 2024-01-10, Manchester (3) and the virtual service (4) never.
const NOW = new Date('2026-11-21T07:00:00Z');
const mails = (app: FastifyInstance) => app.db.selectFrom('mail_outbox').select(['to_address', 'subject', 'text_body']).orderBy('id').execute();
const remindedOn = async (app: FastifyInstance, id: number) => (await app.db.selectFrom('library_service').select('verification_reminded_on').where('id', '=', id).executeTakeFirstOrThrow()).verification_reminded_on;

for (const dialect of testDialects()) {
  describe(`verification reminders [${dialect}]`, () => {
    it('emails the managers of entries unverified for 12 months, once a cycle, recording when', async (t) => {
      const app = await build(t, { dialect });
      await seedDirectory(app.db);
      await createUser(app.db, { email: 'manager@cuh.nhs.uk', roles: [{ role: 'service_manager', scopeId: 2 }] });
      await createUser(app.db, { email: 'librarian@cuh.nhs.uk', roles: [{ role: 'librarian', scopeId: 2 }] });

      assert.equal(await sendVerificationReminders(app, NOW), 1, 'only Cambridge has someone to tell');
      const [reminder] = await mails(app);
      assert.deepEqual([reminder?.to_address, reminder?.subject], ['manager@cuh.nhs.uk', 'Check your library directory entry: Cambridge University Medical Library']);
      assert.match(reminder?.text_body ?? '', /was last verified on 10 January 2024/);
      assert.match(reminder?.text_body ?? '', /^http:\/\/localhost:3000\/libraries\/2\/edit$/m);
      assert.equal(await remindedOn(app, 2), '2026-11-21');
      const [event] = await app.db.selectFrom('audit_event').select(['actor_label', 'target_id']).where('action', '=', 'library_service.verification_reminder').execute();
      assert.deepEqual([event?.actor_label, event?.target_id], ['system', '2']);

      assert.equal(await sendVerificationReminders(app, NOW), 0, 'running again the same day sends nothing more');
      assert.equal(await sendVerificationReminders(app, new Date('2027-06-01T07:00:00Z')), 0, 'nor later in the same cycle');
      assert.equal(await sendVerificationReminders(app, new Date('2027-11-22T07:00:00Z')), 2, 'a year on: Cambridge again, and the Bodleian is now due too');
      assert.deepEqual((await mails(app)).map((m) => m.to_address), ['manager@cuh.nhs.uk', 'hcl@bodleian.ox.ac.uk', 'manager@cuh.nhs.uk']);
    });

    it('starts a new cycle when the entry is verified, and reminds 12 months after that', async (t) => {
      const app = await build(t, { dialect });
      await seedDirectory(app.db);
      const manager = await createUser(app.db, { email: 'manager@ouh.nhs.uk', roles: [{ role: 'service_manager', scopeId: 1 }] });
      const user = { id: manager, email: 'manager@ouh.nhs.uk', fullName: 'M', organisationId: null, regionCode: null, status: 'active' as const, roles: [{ role: 'service_manager' as const, scopeType: 'service' as const, scopeId: '1' }] };
      assert.equal(await sendVerificationReminders(app, new Date('2027-06-01T07:00:00Z')), 0, 'verified 2026-06-01: exactly 12 months is not over 12 months');
      assert.equal(await sendVerificationReminders(app, new Date('2027-06-02T07:00:00Z')), 1);
      await updateLibrary(app.db, user, 1, { verified: true }, { now: new Date('2027-06-10T09:00:00Z') });
      assert.equal(await sendVerificationReminders(app, new Date('2028-06-10T07:00:00Z')), 0);
      assert.equal(await sendVerificationReminders(app, new Date('2028-06-11T07:00:00Z')), 1, 'the new cycle’s reminder');
      assert.deepEqual((await mails(app)).map((m) => m.to_address), ['manager@ouh.nhs.uk', 'manager@ouh.nhs.uk']);
    });

    it('falls back to the entry’s first contact, and leaves entries with nobody to tell for the admin report', async (t) => {
      const app = await build(t, { dialect });
      await seedDirectory(app.db);
      await app.db.updateTable('library_service').set({ last_verified_on: '2025-01-01' }).where('id', '=', 1).execute();
      assert.equal(await sendVerificationReminders(app, NOW), 1);
      assert.deepEqual((await mails(app)).map((m) => m.to_address), ['hcl@bodleian.ox.ac.uk']);
      assert.equal(await remindedOn(app, 3), null, 'Manchester has no manager and no contact: not marked, so it is tried again');
      assert.match((await mails(app))[0]?.text_body ?? '', /was last verified on 1 January 2025/);
    });

    it('is registered to run every day at 07:00 UTC', async (t) => {
      const app = await build(t);
      await assert.doesNotReject(app.jobs.enqueue(VERIFICATION_REMINDERS_JOB, {}), 'the job has a handler');
      assert.equal(nextReminderRun(new Date('2026-11-21T06:59:00Z')).toISOString(), '2026-11-21T07:00:00.000Z');
      assert.equal(nextReminderRun(new Date('2026-11-21T07:00:00Z')).toISOString(), '2026-11-22T07:00:00.000Z');
    });
  });
}
