import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { build } from '../../../test/helpers/build-app.js';
import { testDialects } from '../../../test/helpers/databases.js';
import { createOrganisation, createUser, signedInAgent } from '../../../test/helpers/factories.js';
import { issueAccountToken } from './account-token.service.js';
import { DELETE_AFTER_GRACE_JOB, EXPIRE_JOB, EXPIRY_WARNINGS_JOB, deleteAccountsAfterGrace, expireAccounts, nextDailyRun, sendExpiryWarnings } from './lifecycle.jobs.js';

const DAY_MS = 86_400_000;
const NOW = new Date('2027-03-01T09:00:00.000Z');
const at = (days: number, from = NOW) => new Date(from.getTime() + days * DAY_MS);

const row = (app: FastifyInstance, id: number) => app.db.selectFrom('user_account').selectAll().where('id', '=', id).executeTakeFirst();
const mails = (app: FastifyInstance) => app.db.selectFrom('mail_outbox').selectAll().orderBy('id').execute();
const audits = (app: FastifyInstance, action: string) => app.db.selectFrom('audit_event').selectAll().where('action', '=', action).execute();

for (const dialect of testDialects()) {
  describe(`account lifecycle jobs [${dialect}]`, () => {
    it('warns 28 and then 14 days before expiry, each once, with a renewal link', async (t) => {
      const app = await build(t, { dialect });
      const person = await createUser(app.db, { email: 'soon@example.nhs.uk', expiresAt: at(27).toISOString() });
      await createUser(app.db, { expiresAt: at(60).toISOString() });
      await createUser(app.db, { status: 'suspended', expiresAt: at(20).toISOString() });

      assert.equal(await sendExpiryWarnings(app, NOW), 1);
      assert.equal((await row(app, person))?.expiry_warning_days, 28);
      assert.equal(await sendExpiryWarnings(app, NOW), 0, 'running again sends nothing more');
      assert.equal(await sendExpiryWarnings(app, at(5)), 0, 'still between the two warnings');
      assert.equal(await sendExpiryWarnings(app, at(14)), 1);
      assert.equal((await row(app, person))?.expiry_warning_days, 14);
      assert.equal(await sendExpiryWarnings(app, at(14)), 0);
      assert.equal(await sendExpiryWarnings(app, at(20)), 0);

      const sent = await mails(app);
      assert.deepEqual(sent.map((m) => [m.to_address, m.subject]), [
        ['soon@example.nhs.uk', 'Your khub account expires in 4 weeks'],
        ['soon@example.nhs.uk', 'Your khub account expires in 2 weeks'],
      ]);
      assert.match(sent[0]?.text_body ?? '', /\/account\/renew\?token=[\w%-]+/);
      const events = await audits(app, 'account.expiry_warning');
      assert.deepEqual(events.map((e) => [e.actor_label, JSON.parse(e.details).days]), [['system', 28], ['system', 14]]);
    });

    it('sends only the 2-week warning to an account first seen with less than 14 days left', async (t) => {
      const app = await build(t, { dialect });
      const person = await createUser(app.db, { expiresAt: at(10).toISOString() });
      assert.equal(await sendExpiryWarnings(app, NOW), 1);
      assert.equal(await sendExpiryWarnings(app, NOW), 0);
      assert.equal((await row(app, person))?.expiry_warning_days, 14);
    });

    it('suspends expired accounts ("expired"), ends their sessions, schedules deletion and emails a renewal link, once', async (t) => {
      const app = await build(t, { dialect });
      const person = await createUser(app.db, { email: 'late@example.nhs.uk', expiresAt: at(-1).toISOString() });
      const current = await createUser(app.db, { expiresAt: at(1).toISOString() });
      await signedInAgent(app, person);

      assert.equal(await expireAccounts(app, NOW), 1);
      const suspended = await row(app, person);
      assert.deepEqual([suspended?.status, suspended?.status_reason, suspended?.suspended_at], ['suspended', 'expired', NOW.toISOString()]);
      assert.equal(suspended?.deletion_due_at, at(90).toISOString());
      assert.equal((await row(app, current))?.status, 'active');
      assert.equal((await app.db.selectFrom('session').select('id').where('user_id', '=', person).execute()).length, 0);
      const [mail] = await mails(app);
      assert.equal(mail?.subject, 'Your khub account has expired');
      assert.match(mail?.text_body ?? '', /\/account\/renew\?token=/);
      assert.equal((await audits(app, 'account.expire'))[0]?.actor_label, 'system');

      assert.equal(await expireAccounts(app, NOW), 0, 'running again changes nothing more');
      assert.equal((await mails(app)).length, 1);
    });

    it('deletes accounts past their deletion date, keeping only the id in the audit log', async (t) => {
      const app = await build(t, { dialect });
      const org = await createOrganisation(app.db);
      const due = await createUser(app.db, { email: 'gone@example.nhs.uk', organisationId: org, status: 'suspended', roles: [{ role: 'librarian', scopeId: 4 }] });
      const notYet = await createUser(app.db, { status: 'suspended' });
      const rejected = await createUser(app.db, { status: 'rejected' });
      const rejectedLongAgo = await createUser(app.db, { status: 'rejected' });
      const rejectedRecently = await createUser(app.db, { status: 'rejected' });
      const staleUnverified = await createUser(app.db, { status: 'unverified' });
      const freshUnverified = await createUser(app.db, { status: 'unverified' });
      const active = await createUser(app.db);
      await app.db.updateTable('user_account').set({ deletion_due_at: at(-1).toISOString() }).where('id', 'in', [due, rejected, active]).execute();
      await app.db.updateTable('user_account').set({ deletion_due_at: at(5).toISOString() }).where('id', '=', notYet).execute();
      await app.db.updateTable('user_account').set({ created_at: at(-31).toISOString() }).where('id', '=', staleUnverified).execute();
      // Rejected without a deletion date: deleted 90 days after the decision.
      await app.db.updateTable('user_account').set({ updated_at: at(-91).toISOString() }).where('id', '=', rejectedLongAgo).execute();
      await app.db.updateTable('user_account').set({ updated_at: at(-89).toISOString() }).where('id', '=', rejectedRecently).execute();
      await app.db.updateTable('user_account').set({ created_at: at(-5).toISOString() }).where('id', '=', freshUnverified).execute();
      await issueAccountToken(app.db, { userId: due, purpose: 'renew' });

      assert.equal(await deleteAccountsAfterGrace(app, NOW), 4);
      const left = (await app.db.selectFrom('user_account').select('id').orderBy('id').execute()).map((r) => r.id);
      assert.deepEqual(left, [notYet, rejectedRecently, freshUnverified, active]);
      assert.equal((await app.db.selectFrom('role_assignment').select('id').where('user_id', '=', due).execute()).length, 0, 'roles go with the account');
      assert.equal((await app.db.selectFrom('account_token').select('id').where('user_id', '=', due).execute()).length, 0, 'tokens go with the account');
      const events = await audits(app, 'account.delete');
      assert.equal(events.length, 4);
      const event = events.find((e) => e.target_id === String(due));
      assert.deepEqual(JSON.parse(event?.details ?? '{}'), { reason: 'deletion_date_passed', status: 'suspended' });
      assert.doesNotMatch(JSON.stringify(events), /gone@example/);
      assert.equal(await deleteAccountsAfterGrace(app, NOW), 0, 'running again changes nothing more');
    });

    it('registers the three jobs on the queue and schedules each daily at 06:00 UTC', async (t) => {
      const app = await build(t, { dialect });
      const person = await createUser(app.db, { expiresAt: new Date(Date.now() - DAY_MS).toISOString() });
      await app.jobs.runDue();
      const schedules = await app.db.selectFrom('job_schedule').select(['name', 'interval_seconds', 'next_run_at']).where('name', 'like', 'accounts.%').orderBy('name').execute();
      assert.deepEqual(schedules.map((s) => [s.name, s.interval_seconds]), [[DELETE_AFTER_GRACE_JOB, 86_400], [EXPIRE_JOB, 86_400], [EXPIRY_WARNINGS_JOB, 86_400]]);
      for (const schedule of schedules) assert.match(new Date(schedule.next_run_at).toISOString(), /T06:00:00\.000Z$/);
      assert.equal((await row(app, person))?.status, 'active', 'nothing runs before the first 06:00');
      await app.jobs.enqueue(EXPIRE_JOB, null);
      await app.jobs.runDue();
      assert.equal((await row(app, person))?.status, 'suspended');
    });

    it('starts a daily schedule at the next 06:00 UTC', () => {
      assert.equal(nextDailyRun(new Date('2027-03-01T05:59:59Z')).toISOString(), '2027-03-01T06:00:00.000Z');
      assert.equal(nextDailyRun(new Date('2027-03-01T06:00:00Z')).toISOString(), '2027-03-02T06:00:00.000Z');
      assert.equal(nextDailyRun(new Date('2027-12-31T23:00:00Z')).toISOString(), '2028-01-01T06:00:00.000Z');
    });
  });
}
