import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { build } from '../../../../test/helpers/build-app.js';
import { testDialects } from '../../../../test/helpers/databases.js';
import { createUser } from '../../../../test/helpers/factories.js';
import { loadRecords } from '../../../../test/helpers/search-engine.js';
import { linkIn, startSmtpSink } from '../../../../test/helpers/smtp.js';
import { TestAgent } from '../../../../test/helpers/agent.js';
import { searchRecords } from '../../../../test/e2e/support/search-records.js';
import { type BibRecord, emptyRecord } from '../../records/index.js';
import { runSearchAlerts } from './alerts.jobs.js';
import { saveSearch } from './saved-search.service.js';

const DAY_MS = 86_400_000;
// In the future: `app.jobs.runDue()` (which delivers the mail) also runs the hourly alert job on the real
// clock, and an alert that has run at a later time is not yet due then.
const t0 = new Date(Math.ceil(Date.now() / 3_600_000) * 3_600_000 + 3_600_000);
const at = (days: number, hours = 0) => new Date(t0.getTime() + days * DAY_MS + hours * 3_600_000);

/** Records arriving after the alert was saved: two about asthma (one of them a review), one about something else. */
const LATER: BibRecord[] = [
  { ...emptyRecord('test', 'later-1'), title: 'Asthma inhaler technique in primary care', abstract: 'Inhalers were checked.', authors: [{ family: 'Nakamura', given: 'Yuki', initials: 'Y', collective: null, affiliations: [] }], journal: { title: 'Thorax', isoAbbreviation: 'Thorax', issn: null }, publicationDate: { year: 2025, month: null, day: null, text: null }, publicationTypes: ['Journal Article'] },
  { ...emptyRecord('test', 'later-2'), title: 'Hip fracture rehabilitation at home', abstract: 'Walking improved.', publicationDate: { year: 2024, month: null, day: null, text: null } },
  { ...emptyRecord('test', 'later-3'), title: 'Severe asthma in children: a review', abstract: 'Biologics for asthma.', publicationDate: { year: 2026, month: null, day: null, text: null }, publicationTypes: ['Journal Article', 'Review'] },
];
const ASTHMA_LATER = ['later-1', 'later-3'];

/** A header of a received message, unfolded (nodemailer folds long ones onto continuation lines). */
function headerOf(raw: string, name: string): string | undefined {
  const head = raw.slice(0, raw.search(/\r\n\r\n/)).replace(/\r\n[ \t]+/g, ' ');
  return head.split('\r\n').find((line) => line.toLowerCase().startsWith(`${name.toLowerCase()}:`))?.slice(name.length + 1).trim();
}

for (const dialect of testDialects()) {
  describe(`search alerts job [${dialect}]`, () => {
    it('emails only records added since the last run, over SMTP, with an unsubscribe link that works without signing in', async (t) => {
      const smtp = await startSmtpSink(t);
      const baseUrl = 'https://khub.example.nhs.uk';
      const app = await build(t, { dialect, config: { smtpUrl: smtp.url, baseUrl } });
      const stored = await loadRecords(app.db, [...searchRecords(), { ...emptyRecord('test', 'early-asthma'), title: 'Asthma before the alert', publicationDate: { year: 2020, month: null, day: null, text: null } }], t0);
      const userId = await createUser(app.db, { email: 'ada@test-trust.nhs.uk' });
      const alert = await saveSearch(app.db, userId, { name: 'Asthma', query: 'asthma', frequency: 'daily' }, at(0, 1));
      assert.ok(stored.some((r) => r.title.includes('Asthma')), 'an asthma record exists before the alert');

      assert.deepEqual(await runSearchAlerts(app, at(0, 2)), { ran: 1, emailed: 0 }, 'the first run finds nothing new');
      await app.jobs.runDue();
      assert.equal(smtp.messages.length, 0, 'nothing is sent when nothing is new');
      assert.deepEqual(await runSearchAlerts(app, at(0, 3)), { ran: 0, emailed: 0 }, 'a daily alert does not run again the same day');

      const all = await loadRecords(app.db, LATER, at(0, 5));
      const expected = all.filter((r) => ASTHMA_LATER.includes(r.sourceId));
      assert.equal(expected.length, 2);
      assert.deepEqual(await runSearchAlerts(app, at(1, 2)), { ran: 1, emailed: 1 });
      assert.deepEqual(await runSearchAlerts(app, at(1, 2)), { ran: 0, emailed: 0 }, 'running twice sends nothing more');
      await app.jobs.runDue();

      const mail = await smtp.waitForMessage({ to: 'ada@test-trust.nhs.uk', subject: 'New records for your saved search “Asthma”' });
      assert.equal(smtp.messages.length, 1);
      const linked = [...mail.text.matchAll(/^ {3}https:\/\/khub\.example\.nhs\.uk\/records\/(\d+)$/gm)].map((m) => Number(m[1]));
      assert.deepEqual(linked.sort(), expected.map((r) => r.id).sort(), 'exactly the new asthma records, each linked');
      assert.match(mail.text, /^2 new records match your saved search “Asthma”/);
      assert.match(mail.text, /^1\. Asthma inhaler technique in primary care\n {3}Nakamura Y\n {3}Thorax\. 2025$/m, 'title, authors, journal and year');
      assert.doesNotMatch(mail.text, /Hip fracture|before the alert/);

      const unsubscribeHeader = headerOf(mail.raw, 'List-Unsubscribe');
      assert.equal(unsubscribeHeader, `<${linkIn(mail, '/search/alerts/unsubscribe').href}>`, 'RFC 2369: the same link as in the text, in angle brackets');
      assert.equal(headerOf(mail.raw, 'List-Unsubscribe-Post'), 'List-Unsubscribe=One-Click', 'RFC 8058 one-click');
      assert.match(headerOf(mail.raw, 'Content-Type') ?? '', /^multipart\/alternative;/, 'plain text with an HTML alternative');
      assert.match(mail.raw, /^Content-Type: text\/html; charset=utf-8\r$/m);
      const { html_body: html } = await app.db.selectFrom('mail_outbox').select('html_body').where('to_address', '=', 'ada@test-trust.nhs.uk').executeTakeFirstOrThrow();
      const htmlLinked = [...(html ?? '').matchAll(/<a href="https:\/\/khub\.example\.nhs\.uk\/records\/(\d+)">/g)].map((m) => Number(m[1]));
      assert.deepEqual(htmlLinked.sort(), expected.map((r) => r.id).sort(), 'the HTML part links the same records');

      const row = await app.db.selectFrom('saved_search').selectAll().where('id', '=', alert.id).executeTakeFirstOrThrow();
      assert.equal(row.last_run_at, at(1, 2).toISOString());
      assert.equal(Number(row.last_new_count), 2);

      const unsubscribe = linkIn(mail, '/search/alerts/unsubscribe');
      const visitor = new TestAgent(app);
      const confirm = await visitor.get(`${unsubscribe.pathname}${unsubscribe.search}`);
      assert.equal(confirm.statusCode, 200);
      assert.match(confirm.body, /Stop this alert\?/);
      assert.match(confirm.body, /“Asthma”/);
      const stillActive = await app.db.selectFrom('saved_search').select('active').where('id', '=', alert.id).executeTakeFirstOrThrow();
      assert.equal(Number(stillActive.active), 1, 'following the link changes nothing by itself');
      const done = await visitor.submit('/search/alerts/unsubscribe', { token: unsubscribe.searchParams.get('token') ?? '' });
      assert.equal(done.statusCode, 200);
      assert.match(done.body, /data-testid="unsubscribed"/);
      const stopped = await app.db.selectFrom('saved_search').select('active').where('id', '=', alert.id).executeTakeFirstOrThrow();
      assert.equal(Number(stopped.active), 0);

      await loadRecords(app.db, [{ ...LATER[0] as BibRecord, sourceId: 'later-4', title: 'Asthma after unsubscribing' }], at(1, 5));
      assert.deepEqual(await runSearchAlerts(app, at(3)), { ran: 0, emailed: 0 }, 'a stopped alert does not run');
    });

    it('answers RFC 8058 one-click POSTs and refuses tampered tokens with a clear page', async (t) => {
      const smtp = await startSmtpSink(t);
      const app = await build(t, { dialect, config: { smtpUrl: smtp.url } });
      await loadRecords(app.db, searchRecords(), t0);
      const userId = await createUser(app.db, { email: 'grace@test-trust.nhs.uk' });
      const alert = await saveSearch(app.db, userId, { name: 'Diabetes reviews', query: 'diabetes', filters: { publicationType: ['review'] }, frequency: 'weekly' }, at(0, 1));
      await loadRecords(app.db, [{ ...emptyRecord('test', 'new-review'), title: 'Diabetes technology: a review', publicationTypes: ['Review'] }, { ...emptyRecord('test', 'new-trial'), title: 'Diabetes trial', publicationTypes: ['Randomized Controlled Trial'] }], at(0, 2));
      assert.deepEqual(await runSearchAlerts(app, at(0, 3)), { ran: 1, emailed: 1 }, 'a new alert runs at the next hourly run');
      assert.deepEqual(await runSearchAlerts(app, at(6, 3)), { ran: 0, emailed: 0 }, 'a weekly alert waits a week');
      await app.jobs.runDue();
      const mail = await smtp.waitForMessage({ to: 'grace@test-trust.nhs.uk' });
      assert.match(mail.text, /Diabetes technology: a review/);
      assert.doesNotMatch(mail.text, /Diabetes trial/, 'the filter applies');
      assert.match(mail.text, /^Filters: Publication type: Review$/m, 'the filter as the facet list names it');

      // The URL a mail client posts to (RFC 8058), from the header rather than the text.
      const link = new URL(/^<(.+)>$/.exec(headerOf(mail.raw, 'List-Unsubscribe') ?? '')?.[1] ?? 'https://missing.invalid/');
      assert.equal(link.pathname, '/search/alerts/unsubscribe');
      const token = link.searchParams.get('token') ?? '';
      const tampered = token.replace(/^\d+/, String(alert.id + 1));
      for (const bad of [tampered, `${token.slice(0, -2)}AA`, 'nonsense', '']) {
        const page = await app.inject({ method: 'GET', url: `/search/alerts/unsubscribe?token=${encodeURIComponent(bad)}` });
        assert.equal(page.statusCode, 400, bad);
        assert.match(page.body, /This unsubscribe link does not work/);
        const post = await app.inject({ method: 'POST', url: `/search/alerts/unsubscribe?token=${encodeURIComponent(bad)}`, payload: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
        assert.equal(post.statusCode, 400);
      }
      // No session cookie and no CSRF token: the signed token in the URL is the only credential.
      const oneClick = await app.inject({ method: 'POST', url: `${link.pathname}${link.search}`, payload: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
      assert.equal(oneClick.statusCode, 200);
      assert.equal(oneClick.headers['set-cookie'], undefined, 'no session was needed or started');
      const row = await app.db.selectFrom('saved_search').select('active').where('id', '=', alert.id).executeTakeFirstOrThrow();
      assert.equal(Number(row.active), 0);
      const again = await app.inject({ method: 'GET', url: `${link.pathname}${link.search}` });
      assert.match(again.body, /already stopped/);
    });
  });
}
