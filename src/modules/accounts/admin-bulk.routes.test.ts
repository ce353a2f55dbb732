import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { TestAgent } from '../../../test/helpers/agent.js';
import { build } from '../../../test/helpers/build-app.js';
import { testDialects } from '../../../test/helpers/databases.js';
import { GOOD_PASSWORD, createOrganisation, createUser, signedInAgent } from '../../../test/helpers/factories.js';
import { normaliseHtml } from '../../../test/helpers/html.js';

/** Posts a CSV the way the upload form does: multipart, with the CSRF token as a field. */
async function upload(agent: TestAgent, csv: string) {
  await agent.get('/admin/accounts/upload');
  const boundary = '----khubupload';
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${agent.csrfToken ?? ''}\r\n`),
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="people.csv"\r\nContent-Type: text/csv\r\n\r\n`),
    Buffer.from(csv),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return agent.request({ method: 'POST', url: '/admin/accounts/upload', headers: { 'content-type': `multipart/form-data; boundary=${boundary}` }, payload });
}

const counts = async (app: FastifyInstance) => ({
  users: (await app.db.selectFrom('user_account').select('id').execute()).length,
  mails: (await app.db.selectFrom('mail_outbox').select('id').execute()).length,
  tokens: (await app.db.selectFrom('account_token').select('id').execute()).length,
});

async function setup(app: FastifyInstance) {
  const org = await createOrganisation(app.db, { odsCode: 'RMN', name: 'Mine Trust', accountExpiryMonths: 12 });
  const other = await createOrganisation(app.db, { odsCode: 'ROT', name: 'Other Trust' });
  const admin = await createUser(app.db, { organisationId: org, roles: [{ role: 'org_admin', scopeId: org }] });
  return { org, other, admin, agent: await signedInAgent(app, admin) };
}

for (const dialect of testDialects()) {
  describe(`account administration: bulk upload, invitations and export [${dialect}]`, () => {
    it('offers a template with the header row', async (t) => {
      const app = await build(t, { dialect });
      const { agent } = await setup(app);
      const response = await agent.get('/admin/accounts/upload/template.csv');
      assert.equal(response.statusCode, 200);
      assert.match(String(response.headers['content-type']), /^text\/csv/);
      assert.match(String(response.headers['content-disposition']), /attachment; filename="khub-accounts-template.csv"/);
      assert.equal(response.body.split('\r\n')[0], 'email,full_name,job_title,staff_group,organisation_ods_code');
    });

    it('creates active accounts from a good file, each with an emailed invitation, all audited', async (t) => {
      const app = await build(t, { dialect });
      const { org, admin, agent } = await setup(app);
      const csv = 'email,full_name,job_title,staff_group,organisation_ods_code\r\nAda@Mine.nhs.uk,Ada Lovelace,Analyst,management_admin,RMN\r\nbob@mine.nhs.uk,Bob Smith,Porter,"Other",\r\n';
      const response = await upload(agent, csv);
      assert.equal(response.statusCode, 200);
      const html = normaliseHtml(response.body);
      assert.match(html, /2 accounts were created/);
      assert.match(html, /data-testid="created"/);
      const rows = await app.db.selectFrom('user_account').selectAll().where('id', '!=', admin).orderBy('id').execute();
      assert.deepEqual(rows.map((r) => [r.email, r.status, r.organisation_id, r.staff_group, r.email_verified_at]), [
        ['ada@mine.nhs.uk', 'active', org, 'management_admin', null],
        ['bob@mine.nhs.uk', 'active', org, 'other', null],
      ]);
      const mails = await app.db.selectFrom('mail_outbox').selectAll().orderBy('id').execute();
      assert.equal(mails.length, 2);
      assert.match(mails[0]?.text_body ?? '', /http:\/\/localhost:\d+\/account\/activate\?token=[\w-]+/);
      const events = await app.db.selectFrom('audit_event').select('action').orderBy('id').execute();
      assert.deepEqual(events.map((e) => e.action), ['account.create', 'account.create', 'account.bulk_upload']);
    });

    it('creates nothing when any row is wrong, and reports every problem with its line number', async (t) => {
      const app = await build(t, { dialect });
      const { agent } = await setup(app);
      await createUser(app.db, { email: 'taken@mine.nhs.uk' });
      const before = await counts(app);
      const csv = [
        'email,full_name,job_title,staff_group,organisation_ods_code',
        'good@mine.nhs.uk,Good Person,Nurse,nursing_midwifery,',
        'not-an-email,No Email,Nurse,nursing_midwifery,',
        'taken@mine.nhs.uk,Taken Person,Nurse,nursing_midwifery,',
        '',
        'twice@mine.nhs.uk,First,Nurse,nursing_midwifery,',
        'TWICE@mine.nhs.uk,Second,Nurse,nursing_midwifery,',
        'elsewhere@other.nhs.uk,Elsewhere,Nurse,nursing_midwifery,ROT',
        'nowhere@mine.nhs.uk,Nowhere,Nurse,nursing_midwifery,ZZZ',
        'group@mine.nhs.uk,,Nurse,wizard,',
      ].join('\n');
      const response = await upload(agent, csv);
      assert.equal(response.statusCode, 400);
      const html = normaliseHtml(response.body);
      assert.match(html, /6 of 8 rows have problems, so no accounts were created/);
      assert.match(html, /line 3: email: Enter an email address in the correct format/);
      assert.match(html, /line 4: email: An account with this email address already exists/);
      assert.match(html, /line 7: email: This email address is also on line 6/);
      assert.match(html, /line 8: organisation_ods_code: You cannot add accounts to Other Trust/);
      assert.match(html, /line 9: organisation_ods_code: There is no organisation with this ODS code/);
      assert.match(html, /line 10: full_name: Enter the person’s full name/);
      assert.match(html, /line 10: staff_group: Enter a staff group/);
      assert.match(html, /Rows that are ready \(not created yet\)/);
      assert.deepEqual(await counts(app), before, 'no account, token or email was written');
    });

    it('explains what is wrong with the file as a whole', async (t) => {
      const app = await build(t, { dialect });
      const { agent } = await setup(app);
      for (const [csv, message] of [
        ['', /Select a CSV file/],
        ['email,name\r\na@b.nhs.uk,A\r\n', /Missing: full_name, job_title, staff_group/],
        ['email,full_name,job_title,staff_group\r\n', /no rows of accounts/],
        ['email,full_name,job_title,staff_group,shoe_size\r\na@b.nhs.uk,A,B,other,9\r\n', /columns khub does not know: shoe_size/],
        ['email,full_name,job_title,staff_group\r\n"a@b.nhs.uk,A,B,other\r\n', /not a valid CSV file/],
      ] as const) {
        const response = await upload(agent, csv);
        assert.equal(response.statusCode, 400, csv);
        assert.match(normaliseHtml(response.body), message);
      }
    });

    it('refuses the upload page and the export to members', async (t) => {
      const app = await build(t, { dialect });
      const agent = await signedInAgent(app, await createUser(app.db));
      assert.equal((await agent.get('/admin/accounts/upload')).statusCode, 403);
      assert.equal((await agent.get('/admin/accounts/upload/template.csv')).statusCode, 403);
      assert.equal((await agent.get('/admin/accounts/export.csv')).statusCode, 403);
    });

    it('activates an invitation: eligibility declared, password set, signed in; the link then stops working', async (t) => {
      const app = await build(t, { dialect });
      const { agent } = await setup(app);
      await upload(agent, 'email,full_name,job_title,staff_group\r\nada@mine.nhs.uk,Ada Lovelace,Analyst,other\r\n');
      const mail = await app.db.selectFrom('mail_outbox').select('text_body').executeTakeFirstOrThrow();
      const path = /\/account\/activate\?token=[\w%-]+/.exec(mail.text_body)?.[0] ?? '';
      const person = new TestAgent(app);
      const form = await person.get(path);
      assert.equal(form.statusCode, 200);
      assert.match(normaliseHtml(form.body), /Ada Lovelace, Mine Trust has created a khub account for you/);
      const token = decodeURIComponent(path.split('token=')[1] ?? '');
      const weak = await person.submit('/account/activate', { token, declaration: 'yes', password: 'password123', confirmPassword: 'password123' });
      assert.equal(weak.statusCode, 400);
      assert.match(normaliseHtml(weak.body), /href="#password">/);
      const missing = await person.submit('/account/activate', { token, password: GOOD_PASSWORD, confirmPassword: GOOD_PASSWORD });
      assert.match(normaliseHtml(missing.body), /href="#declaration-1">|href="#declaration">/);
      const done = await person.submit('/account/activate', { token, declaration: 'yes', password: GOOD_PASSWORD, confirmPassword: GOOD_PASSWORD });
      assert.equal(done.statusCode, 303);
      assert.equal(done.headers.location, '/account');
      const row = await app.db.selectFrom('user_account').selectAll().where('email', '=', 'ada@mine.nhs.uk').executeTakeFirstOrThrow();
      assert.ok(row.email_verified_at && row.eligibility_confirmed_at);
      assert.match(row.password_hash, /^\$argon2id\$/);
      const session = await app.db.selectFrom('session').select('user_id').where('user_id', '=', row.id).execute();
      assert.equal(session.length, 1, 'the person is signed in');
      assert.equal((await person.get(path)).statusCode, 400, 'a used link is refused');
      assert.equal((await person.submit('/account/activate', { token, declaration: 'yes', password: GOOD_PASSWORD, confirmPassword: GOOD_PASSWORD })).statusCode, 400);
    });

    it('refuses an expired invitation link', async (t) => {
      const app = await build(t, { dialect });
      const { agent } = await setup(app);
      await upload(agent, 'email,full_name,job_title,staff_group\r\nada@mine.nhs.uk,Ada Lovelace,Analyst,other\r\n');
      await app.db.updateTable('account_token').set({ expires_at: new Date(Date.now() - 1000).toISOString() }).execute();
      const mail = await app.db.selectFrom('mail_outbox').select('text_body').executeTakeFirstOrThrow();
      const path = /\/account\/activate\?token=[\w%-]+/.exec(mail.text_body)?.[0] ?? '';
      const response = await agent.get(path);
      assert.equal(response.statusCode, 400);
      assert.match(response.body, /expired or has already been used/);
    });

    it('exports only the admin’s own organisation as CSV, with formula-like cells neutralised, and audits it', async (t) => {
      const app = await build(t, { dialect });
      const { org, other, admin, agent } = await setup(app);
      await createUser(app.db, { organisationId: org, email: 'evil@mine.nhs.uk', fullName: '=HYPERLINK("http://evil.example","click")' });
      await app.db.updateTable('user_account').set({ job_title: '+44 and -1, @SUM' }).where('email', '=', 'evil@mine.nhs.uk').execute();
      await createUser(app.db, { organisationId: other, email: 'someone@other.nhs.uk' });
      const response = await agent.get('/admin/accounts/export.csv');
      assert.equal(response.statusCode, 200);
      assert.match(String(response.headers['content-disposition']), /attachment; filename="khub-accounts-\d{4}-\d{2}-\d{2}\.csv"/);
      assert.equal(response.headers['cache-control'], 'no-store');
      const lines = response.body.split('\r\n').filter(Boolean);
      assert.match(lines[0] ?? '', /^id,email,full_name,job_title,staff_group,organisation_ods_code,/);
      assert.equal(lines.length, 3, 'header, the admin and the one colleague');
      assert.doesNotMatch(response.body, /someone@other/);
      const evil = lines.find((l) => l.includes('evil@mine.nhs.uk')) ?? '';
      assert.match(evil, /,"'=HYPERLINK\(""http:\/\/evil\.example"",""click""\)","'\+44 and -1, @SUM",/);
      assert.match(evil, /,RMN,Mine Trust,active,/);
      const [event] = await app.db.selectFrom('audit_event').selectAll().where('action', '=', 'account.export').execute();
      assert.equal(event?.actor_user_id, admin);
      assert.equal(JSON.parse(event?.details ?? '{}').rows, 2);
      assert.equal((await agent.get(`/admin/accounts/export.csv?organisation=${other}`)).statusCode, 403);
    });
  });
}
