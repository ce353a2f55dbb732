import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { TestAgent } from '../../../test/helpers/agent.js';
import { build } from '../../../test/helpers/build-app.js';
import { testDialects } from '../../../test/helpers/databases.js';
import { createOrganisation, createUser, signedInAgent } from '../../../test/helpers/factories.js';
import { normaliseHtml } from '../../../test/helpers/html.js';
import { expiryDate } from './lifecycle-rules.js';

/** Two organisations with an admin each, a plain member, and a pending person with an open request to join Alpha. */
async function setUp(app: FastifyInstance) {
  const alpha = await createOrganisation(app.db, { name: 'Alpha Hospitals NHS Trust', domains: ['alpha.nhs.uk'], accountExpiryMonths: 6, regionCode: 'Y56' });
  const beta = await createOrganisation(app.db, { name: 'Beta Community NHS Trust', domains: ['beta.nhs.uk'], regionCode: 'Y59' });
  const adminA = await createUser(app.db, { email: 'admin@alpha.nhs.uk', organisationId: alpha, roles: [{ role: 'org_admin', scopeId: alpha }] });
  const adminB = await createUser(app.db, { email: 'admin@beta.nhs.uk', organisationId: beta, roles: [{ role: 'org_admin', scopeId: beta }] });
  const member = await createUser(app.db, { email: 'member@alpha.nhs.uk', organisationId: alpha });
  const person = await createUser(app.db, { email: 'pat@personal.example', fullName: 'Pat Applicant', organisationId: alpha, status: 'pending', expiresAt: null });
  const now = new Date().toISOString();
  const { id: requestId } = await app.db
    .insertInto('join_request')
    .values({ user_id: person, organisation_id: alpha, status: 'open', reason: 'domain_not_recognised', created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { alpha, beta, adminA, adminB, member, person, requestId };
}

/** A signed-in agent that has loaded a page with a form, so it holds a CSRF token. */
async function agentFor(app: FastifyInstance, userId: number): Promise<TestAgent> {
  const agent = await signedInAgent(app, userId);
  await agent.get('/account');
  return agent;
}

const joinRequest = (app: FastifyInstance, id: number) => app.db.selectFrom('join_request').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const account = (app: FastifyInstance, id: number) => app.db.selectFrom('user_account').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const mailTo = (app: FastifyInstance, to: string) => app.db.selectFrom('mail_outbox').selectAll().where('to_address', '=', to).orderBy('id').execute();
const audits = (app: FastifyInstance, action: string) => app.db.selectFrom('audit_event').selectAll().where('action', '=', action).execute();

function assertSignInNeeded(response: { statusCode: number; headers: Record<string, unknown> }): void {
  if (response.statusCode === 401) return;
  assert.ok([302, 303].includes(response.statusCode), `expected 401 or a redirect to sign in, got ${response.statusCode}`);
  assert.match(String(response.headers.location), /^\/sign-in/);
}

const DECISIONS: [string, Record<string, string>][] = [
  ['approve', {}],
  ['reject', { reason: 'Not on our staff list' }],
  ['move', { organisationId: '0' }],
  ['query', { question: 'Which ward do you work on?' }],
];

for (const dialect of testDialects()) {
  describe(`join requests [${dialect}]`, () => {
    it('shows an organisation admin their queue and the request, and nobody else’s', async (t) => {
      const app = await build(t, { dialect });
      const s = await setUp(app);
      const queue = normaliseHtml((await (await agentFor(app, s.adminA)).get('/admin/join-requests')).body);
      assert.match(queue, new RegExp(`<a href="/admin/join-requests/${s.requestId}">Pat Applicant</a>`));
      assert.match(queue, /pat@personal.example/);
      const detail = await (await agentFor(app, s.adminA)).get(`/admin/join-requests/${s.requestId}`);
      assert.equal(detail.statusCode, 200);
      assert.match(normaliseHtml(detail.body), /personal\.example/);
      assert.match(detail.body, /Approve request/);

      const other = await agentFor(app, s.adminB);
      const otherQueue = await other.get('/admin/join-requests');
      assert.equal(otherQueue.statusCode, 200);
      assert.match(otherQueue.body, /data-testid="no-requests"/);
      assert.equal((await other.get(`/admin/join-requests/${s.requestId}`)).statusCode, 403);
      assert.equal((await other.get(`/admin/join-requests?organisation=${s.alpha}`)).statusCode, 403);
      assert.equal((await (await agentFor(app, s.member)).get('/admin/join-requests')).statusCode, 403);
      assertSignInNeeded(await new TestAgent(app).get('/admin/join-requests'));
      assert.equal((await (await agentFor(app, s.adminA)).get('/admin/join-requests/999999')).statusCode, 404);
    });

    it('shows a platform admin every organisation’s queue, and a regional lead their region’s without deciding', async (t) => {
      const app = await build(t, { dialect });
      const s = await setUp(app);
      const root = await createUser(app.db, { roles: [{ role: 'platform_admin' }] });
      assert.match((await (await agentFor(app, root)).get('/admin/join-requests')).body, /Pat Applicant/);
      const lead = await agentFor(app, await createUser(app.db, { roles: [{ role: 'regional_lead', scopeId: 'Y56' }] }));
      assert.match((await lead.get('/admin/join-requests')).body, /Pat Applicant/);
      const page = await lead.get(`/admin/join-requests/${s.requestId}`);
      assert.equal(page.statusCode, 200);
      assert.doesNotMatch(page.body, /Approve request/);
      assert.equal((await lead.submit(`/admin/join-requests/${s.requestId}/approve`, {})).statusCode, 403);
    });

    it('approves: the account is active until the organisation’s expiry, the person is told, and it is audited', async (t) => {
      const app = await build(t, { dialect });
      const s = await setUp(app);
      const admin = await agentFor(app, s.adminA);
      const before = new Date();
      const response = await admin.submit(`/admin/join-requests/${s.requestId}/approve`, {});
      assert.equal(response.statusCode, 303);
      assert.equal(response.headers.location, `/admin/join-requests?organisation=${s.alpha}`);
      assert.match((await admin.get(response.headers.location)).body, /Pat Applicant(&#39;|')s request has been approved/);
      const person = await account(app, s.person);
      assert.equal(person.status, 'active');
      assert.equal(person.expires_at?.slice(0, 10), expiryDate(before, 6).toISOString().slice(0, 10));
      const request = await joinRequest(app, s.requestId);
      assert.deepEqual([request.status, request.decided_by], ['approved', s.adminA]);
      const [mail] = await mailTo(app, 'pat@personal.example');
      assert.equal(mail?.subject, 'Your khub account has been approved');
      const [event] = await audits(app, 'join_request.approve');
      assert.equal(event?.actor_user_id, s.adminA);
      assert.deepEqual(JSON.parse(event?.details ?? '{}').after.accountStatus, 'active');
      assert.equal(event?.ip, '127.0.0.1');
    });

    it('rejects only with a reason, which the person is told with how to appeal', async (t) => {
      const app = await build(t, { dialect });
      const s = await setUp(app);
      const admin = await agentFor(app, s.adminA);
      const missing = await admin.submit(`/admin/join-requests/${s.requestId}/reject`, { reason: '  ' });
      assert.equal(missing.statusCode, 400);
      assert.match(normaliseHtml(missing.body), /href="#reason">Enter the reason for rejecting the request/);
      assert.equal((await joinRequest(app, s.requestId)).status, 'open');

      assert.equal((await admin.submit(`/admin/join-requests/${s.requestId}/reject`, { reason: 'Not on our staff list' })).statusCode, 303);
      const person = await account(app, s.person);
      assert.deepEqual([person.status, person.status_reason], ['rejected', 'Not on our staff list']);
      assert.deepEqual([(await joinRequest(app, s.requestId)).status, (await joinRequest(app, s.requestId)).decision_note], ['rejected', 'Not on our staff list']);
      const [mail] = await mailTo(app, 'pat@personal.example');
      assert.match(mail?.text_body ?? '', /Not on our staff list/);
      assert.match(mail?.text_body ?? '', /ask them to review the decision/);
      assert.equal(JSON.parse((await audits(app, 'join_request.reject'))[0]?.details ?? '{}').reason, 'Not on our staff list');
      const seen = await (await agentFor(app, s.person)).get('/account');
      assert.match(seen.body, /Your request was not approved/);
      assert.match(seen.body, /Not on our staff list/);
    });

    it('moves a request to another organisation’s queue, or approves it there when the email belongs to it', async (t) => {
      const app = await build(t, { dialect });
      const s = await setUp(app);
      const admin = await agentFor(app, s.adminA);
      const same = await admin.submit(`/admin/join-requests/${s.requestId}/move`, { organisationId: String(s.alpha) });
      assert.equal(same.statusCode, 400);
      assert.match(normaliseHtml(same.body), /href="#organisationId">Select a different organisation/);

      assert.equal((await admin.submit(`/admin/join-requests/${s.requestId}/move`, { organisationId: String(s.beta) })).statusCode, 303);
      assert.deepEqual([(await joinRequest(app, s.requestId)).organisation_id, (await joinRequest(app, s.requestId)).status], [s.beta, 'open']);
      assert.deepEqual([(await account(app, s.person)).organisation_id, (await account(app, s.person)).status], [s.beta, 'pending']);
      assert.match((await (await agentFor(app, s.adminB)).get('/admin/join-requests')).body, /Pat Applicant/);
      assert.equal((await admin.get(`/admin/join-requests/${s.requestId}`)).statusCode, 403, 'it left Alpha’s queue');
      assert.equal((await mailTo(app, 'admin@beta.nhs.uk')).length, 1, 'Beta’s admin is told');
      assert.match((await mailTo(app, 'pat@personal.example'))[0]?.subject ?? '', /moved to Beta Community NHS Trust/);
      const details = JSON.parse((await audits(app, 'join_request.move'))[0]?.details ?? '{}');
      assert.deepEqual([details.before.organisationId, details.after.organisationId], [s.alpha, s.beta]);

      const other = await createUser(app.db, { email: 'sam@beta.nhs.uk', organisationId: s.alpha, status: 'pending', expiresAt: null });
      const now = new Date().toISOString();
      const { id } = await app.db.insertInto('join_request').values({ user_id: other, organisation_id: s.alpha, status: 'open', reason: 'domain_not_recognised', created_at: now, updated_at: now }).returning('id').executeTakeFirstOrThrow();
      await admin.submit(`/admin/join-requests/${id}/move`, { organisationId: String(s.beta) });
      assert.equal((await joinRequest(app, id)).status, 'approved');
      assert.deepEqual([(await account(app, other)).status, (await account(app, other)).organisation_id], ['active', s.beta]);
    });

    it('queries the person, who answers on their account page, and the request returns to the queue', async (t) => {
      const app = await build(t, { dialect });
      const s = await setUp(app);
      const admin = await agentFor(app, s.adminA);
      assert.equal((await admin.submit(`/admin/join-requests/${s.requestId}/query`, { question: '' })).statusCode, 400);
      assert.equal((await admin.submit(`/admin/join-requests/${s.requestId}/query`, { question: 'Which ward do you work on?' })).statusCode, 303);
      assert.equal((await joinRequest(app, s.requestId)).status, 'queried');
      assert.match((await mailTo(app, 'pat@personal.example'))[0]?.text_body ?? '', /Which ward do you work on\?/);

      const person = await agentFor(app, s.person);
      const page = await person.get('/account');
      assert.match(page.body, /data-testid="question">Which ward do you work on\?/);
      const empty = await person.submit('/account/answer', { answer: '' });
      assert.equal(empty.statusCode, 400);
      assert.match(normaliseHtml(empty.body), /href="#answer">Enter your answer/);
      const answered = await person.submit('/account/answer', { answer: 'Ward 7, cardiology' });
      assert.deepEqual([answered.statusCode, answered.headers.location], [303, '/account']);
      assert.match((await person.get('/account')).body, /Your answer has been sent/);
      assert.deepEqual([(await joinRequest(app, s.requestId)).status, (await joinRequest(app, s.requestId)).decision_note], ['open', null]);
      const [notice] = await mailTo(app, 'admin@alpha.nhs.uk');
      assert.match(notice?.text_body ?? '', /Ward 7, cardiology/);
      const history = normaliseHtml((await admin.get(`/admin/join-requests/${s.requestId}`)).body);
      assert.match(history, /Question asked.*Which ward do you work on\?.*Question answered.*Ward 7, cardiology/);
      assert.equal((await audits(app, 'join_request.answer')).length, 1);
    });

    it('refuses every decision to another organisation’s admin, a member and a visitor, and changes nothing', async (t) => {
      const app = await build(t, { dialect });
      const s = await setUp(app);
      const other = await agentFor(app, s.adminB);
      const member = await agentFor(app, s.member);
      const visitor = new TestAgent(app);
      await visitor.get('/register');
      for (const [action, fields] of DECISIONS) {
        const body = action === 'move' ? { organisationId: String(s.beta) } : fields;
        assert.equal((await other.submit(`/admin/join-requests/${s.requestId}/${action}`, body)).statusCode, 403, `${action} by another organisation's admin`);
        assert.equal((await member.submit(`/admin/join-requests/${s.requestId}/${action}`, body)).statusCode, 403, `${action} by a member`);
        assertSignInNeeded(await visitor.submit(`/admin/join-requests/${s.requestId}/${action}`, body));
      }
      assert.equal((await joinRequest(app, s.requestId)).status, 'open');
      assert.equal((await account(app, s.person)).status, 'pending');
      assert.equal((await app.db.selectFrom('audit_event').selectAll().execute()).length, 0);
    });

    it('answers a second decision on a decided request with 409 and changes nothing', async (t) => {
      const app = await build(t, { dialect });
      const s = await setUp(app);
      const admin = await agentFor(app, s.adminA);
      await admin.submit(`/admin/join-requests/${s.requestId}/approve`, {});
      for (const [action, fields] of DECISIONS) {
        const body = action === 'move' ? { organisationId: String(s.beta) } : fields;
        const again = await admin.submit(`/admin/join-requests/${s.requestId}/${action}`, body);
        assert.equal(again.statusCode, 409, action);
        assert.match(again.body, /This request has already been decided/);
      }
      assert.deepEqual([(await joinRequest(app, s.requestId)).status, (await account(app, s.person)).status], ['approved', 'active']);
      assert.equal((await audits(app, 'join_request.approve')).length, 1);
    });
  });
}
