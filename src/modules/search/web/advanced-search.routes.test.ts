import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { build } from '../../../../test/helpers/build-app.js';
import { testDialects } from '../../../../test/helpers/databases.js';
import { GOOD_PASSWORD, createUser, signedInAgent } from '../../../../test/helpers/factories.js';
import { TestAgent } from '../../../../test/helpers/agent.js';
import { normaliseHtml } from '../../../../test/helpers/html.js';
import { loadRecords } from '../../../../test/helpers/search-engine.js';
import { emptyRecord } from '../../records/index.js';
import { runSearchAlerts } from '../alerts/alerts.jobs.js';
import { historyOf, loadSearchData, mentions, resultTotal, runLine, shownLines, summaryErrors, unescapeHtml } from './advanced-pages.test-support.js';

for (const dialect of testDialects()) {
  describe(`expert search history [${dialect}]`, () => {
    it('runs lines, combines chosen lines with AND and OR, and shows a line\'s results with its count', async (t) => {
      const app = await build(t, { dialect });
      const stored = await loadSearchData(app);
      const agent = new TestAgent(app);
      const empty = await agent.get('/search/advanced');
      assert.equal(empty.statusCode, 200);
      assert.match(empty.body, /data-testid="history-empty"/);

      assert.equal((await runLine(agent, 'diabetes')).statusCode, 303);
      assert.equal((await runLine(agent, 'insulin.ti.')).statusCode, 303);
      const both = stored.filter((r) => mentions('diabetes')(r) && /\binsulin\b/i.test(r.title));
      const either = stored.filter((r) => mentions('diabetes')(r) || /\binsulin\b/i.test(r.title));
      const combine = (operator: string) => agent.submit('/search/advanced/combine', { line: ['1', '2'] as unknown as string, operator });
      const form = (fields: [string, string][]) => agent.request({ method: 'POST', url: '/search/advanced/combine', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams([['_csrf', agent.csrfToken ?? ''], ...fields]).toString() });
      assert.equal((await form([['line', '1'], ['line', '2'], ['operator', 'AND']])).statusCode, 303);
      assert.equal((await form([['line', '2'], ['line', '1'], ['operator', 'OR']])).statusCode, 303);
      const lines = await historyOf(agent);
      assert.deepEqual(lines.map((l) => [l.number, l.text, l.hits]), [
        [1, 'diabetes', stored.filter(mentions('diabetes')).length],
        [2, 'insulin.ti.', stored.filter((r) => /\binsulin\b/i.test(r.title)).length],
        [3, '#1 AND #2', both.length],
        [4, '#1 OR #2', either.length],
      ]);
      assert.ok(both.length > 0 && either.length > both.length, 'the records make AND and OR differ');

      const one = await form([['line', '1'], ['operator', 'AND']]);
      assert.equal(one.statusCode, 400);
      assert.deepEqual(summaryErrors(one.body), ['Select at least 2 lines to combine']);
      assert.equal((await combine('AND')).statusCode, 400, 'a single value is not two lines');

      const results = await agent.get('/search?q=%233');
      assert.equal(results.statusCode, 200);
      assert.equal(resultTotal(results.body), both.length, 'the line\'s results page has the line\'s count');
      assert.equal(resultTotal((await agent.get('/search?q=3+or+1')).body), stored.filter(mentions('diabetes')).length, 'Ovid bare numbers refer to lines too');
      const stranger = await app.inject('/search?q=%233');
      assert.equal(stranger.statusCode, 400, 'another browser has no line 3');
      assert.match(stranger.body, /There is no search line #3\./);
    });

    it('saves a history line as an alert with its lines written out, so that it runs without the history, and refuses a line the history lacks', async (t) => {
      const app = await build(t, { dialect });
      const stored = await loadSearchData(app);
      const email = `lines-${dialect}@test-trust.nhs.uk`;
      await createUser(app.db, { email, password: GOOD_PASSWORD });
      const agent = new TestAgent(app);
      // Run before signing in: the visitor's history becomes the member's, and its lines can be saved.
      for (const q of ['diabetes', 'insulin.ti.', '#1 AND #2']) assert.equal((await runLine(agent, q)).statusCode, 303);
      assert.doesNotMatch((await agent.get('/search/advanced')).body, /data-testid="line-alert"/, 'a visitor has no address to send alerts to');
      await agent.get('/sign-in');
      assert.equal((await agent.submit('/sign-in', { email, password: GOOD_PASSWORD })).statusCode, 303);
      const both = stored.filter((r) => mentions('diabetes')(r) && /\binsulin\b/i.test(r.title));
      assert.ok(both.length > 0);

      const history = normaliseHtml((await agent.get('/search/advanced')).body);
      assert.deepEqual([...history.matchAll(/<a href="([^"]+)" data-testid="line-alert">/g)].map((m) => m[1]), [1, 2, 3].map((n) => `/search/alerts/new?q=%23${n}`), 'each line of the history offers to save it as an alert');
      assert.match(normaliseHtml((await agent.get('/search/alerts/new?q=%233')).body), /<input class="nhsuk-input"[^>]*name="q"[^>]*value="#3"/, 'the save form holds the line');
      const lineResults = normaliseHtml((await agent.get('/search?q=%233')).body);
      const form = /<form method="post" action="\/search\/alerts"[^>]*data-testid="save-search-form">([\s\S]*?)<\/form>/.exec(lineResults)?.[1] ?? '';
      assert.match(form, /<input type="hidden" name="q" value="#3">/, 'the line\'s results page offers to save it');
      const saved = await agent.submit('/search/alerts', { q: '#3', name: '#3', frequency: 'weekly' });
      assert.equal(saved.statusCode, 303);
      const written = '(diabetes AND insulin[fields:title])';
      const manage = await agent.get('/search/alerts');
      assert.match(unescapeHtml(manage.body), /Saved “Line #3: \(diabetes AND insulin\[fields:title\]\)”, with your history lines written out so that it runs on its own/);
      assert.match(normaliseHtml(manage.body), new RegExp(`<dd class="nhsuk-summary-list__value"><code>${written.replace(/[()[\]]/g, '\\$&')}</code></dd>`), 'the manage page shows the search written out');
      const row = await app.db.selectFrom('saved_search').selectAll().executeTakeFirstOrThrow();
      assert.deepEqual([row.name, row.query], [`Line #3: ${written}`, written]);

      assert.equal((await agent.submit('/search/advanced/clear', {})).statusCode, 303);
      assert.equal((await agent.get('/search?q=%233')).statusCode, 400, 'the history is gone');
      assert.equal(resultTotal((await agent.get(`/search?q=${encodeURIComponent(row.query)}`)).body), both.length, 'the saved search finds what line 3 found, on its own');
      const later = await loadRecords(app.db, [{ ...emptyRecord('test', 'line-alert'), title: 'Insulin pumps for diabetes in pregnancy' }, { ...emptyRecord('test', 'line-other'), title: 'Diabetes in pregnancy', abstract: 'Insulin doses were lowered.' }], new Date(Date.now() + 1000));
      assert.deepEqual(await runSearchAlerts(app, new Date(Date.now() + 2000)), { ran: 1, emailed: 1 });
      const mail = await app.db.selectFrom('mail_outbox').select('text_body').where('to_address', '=', email).executeTakeFirstOrThrow();
      assert.match(mail.text_body, new RegExp(`^Search: ${written.replace(/[()[\]]/g, '\\$&')}$`, 'm'), 'the email shows the search written out');
      assert.deepEqual([...mail.text_body.matchAll(/\/records\/(\d+)$/gm)].map((m) => Number(m[1])), [later.find((r) => r.sourceId === 'line-alert')?.id], 'only the new record with insulin in its title');

      for (const q of ['#3', '#1 OR #9']) {
        const refused = await agent.submit('/search/alerts', { q, name: 'Not in my history', frequency: 'daily' });
        assert.equal(refused.statusCode, 400, q);
        assert.match(summaryErrors(refused.body).join(' '), q === '#3' ? /^There is no line #3 in your search history\.$/ : /^There is no line #1 in your search history\. There is no line #9 in your search history\.$/);
      }
      const other = await signedInAgent(app, await createUser(app.db));
      await other.get('/search/alerts/new?q=%231');
      const stranger = await other.submit('/search/alerts', { q: '#1', name: '#1', frequency: 'daily' });
      assert.equal(stranger.statusCode, 400, 'another member cannot save someone else\'s line');
      assert.equal(Number((await app.db.selectFrom('saved_search').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n), 1);
    });

    it("exports a history line's whole result set as RIS, resolving the line from the searcher's history", async (t) => {
      const app = await build(t, { dialect });
      const stored = await loadSearchData(app);
      const agent = new TestAgent(app);
      assert.equal((await runLine(agent, 'diabetes')).statusCode, 303);
      assert.equal((await runLine(agent, 'insulin.ti.')).statusCode, 303);
      assert.equal((await runLine(agent, '#1 OR #2')).statusCode, 303);
      const expected = stored.filter((r) => mentions('diabetes')(r) || /\binsulin\b/i.test(r.title));
      const ris = await agent.get('/search/export?q=%233&scope=all&format=ris');
      assert.equal(ris.statusCode, 200);
      const titles = ris.body.split(/\r?\n/).filter((line) => line.startsWith('TI  - ')).map((line) => line.slice(6));
      assert.equal(titles.length, expected.length);
      assert.deepEqual(new Set(titles), new Set(expected.map((r) => r.title)));
      assert.equal((await app.inject('/search/export?q=%233&scope=all&format=ris')).statusCode, 400, 'another browser has no line 3');
    });

    it('keeps a line with a syntax error, shows where it is and keeps the text in the box', async (t) => {
      const app = await build(t, { dialect });
      await loadSearchData(app);
      const agent = new TestAgent(app);
      const broken = await runLine(agent, 'diabetes AND (insulin');
      assert.equal(broken.statusCode, 400);
      const html = normaliseHtml(broken.body);
      assert.match(summaryErrors(broken.body)[0] ?? '', /^Line 1: .*bracket.*column 14/i);
      assert.match(html, /<input class="nhsuk-input[^"]*" id="q" name="q" type="text"[^>]* value="diabetes AND \(insulin"/, 'the typed text stays in the box');
      assert.match(html, /data-testid="line-problem">.*<code class="khub-search-problem">diabetes AND ?<mark>\(insulin<\/mark><\/code>/, 'the bracket left open is marked');
      const [line] = await historyOf(agent);
      assert.deepEqual([line?.number, line?.hits], [1, null]);
      assert.match(line?.error ?? '', /bracket/i, 'the line is kept with its message');
      const empty = await agent.submit('/search/advanced/lines', { q: '   ' });
      assert.equal(empty.statusCode, 400);
      assert.deepEqual(summaryErrors(empty.body), ['Enter a search']);
    });

    it('refuses to delete a line others use, re-runs dependants after an edit, and deletes a line nothing uses', async (t) => {
      const app = await build(t, { dialect });
      const stored = await loadSearchData(app);
      const agent = new TestAgent(app);
      for (const q of ['diabetes', 'pumps', '#1 NOT #2', '#3 AND lancet.jn.']) await runLine(agent, q);
      const refused = await agent.submit('/search/advanced/lines/1/delete', {});
      assert.equal(refused.statusCode, 409);
      assert.deepEqual(summaryErrors(refused.body), ['Line 1 is used by line 3: edit or delete it first']);
      assert.equal((await historyOf(agent)).length, 4, 'nothing was deleted');

      const edit = await agent.get('/search/advanced/lines/2/edit');
      assert.match(normaliseHtml(edit.body), /id="q" name="q" type="text"[^>]* value="pumps"/);
      assert.equal((await agent.submit('/search/advanced/lines/2/edit', { q: 'insulin' })).statusCode, 303);
      const edited = await agent.get('/search/advanced');
      assert.match(edited.body, /Line 2 now finds \d+ records, and the lines that use it \(3, 4\) were run again/);
      const after = shownLines(edited.body);
      const notInsulin = stored.filter((r) => mentions('diabetes')(r) && !mentions('insulin')(r));
      assert.deepEqual(after.map((l) => [l.number, l.text, l.hits]), [
        [1, 'diabetes', stored.filter(mentions('diabetes')).length],
        [2, 'insulin', stored.filter(mentions('insulin')).length],
        [3, '#1 NOT #2', notInsulin.length],
        [4, '#3 AND lancet.jn.', notInsulin.filter((r) => r.journal.isoAbbreviation === 'Lancet').length],
      ]);
      const page = await agent.get('/search/advanced');
      assert.ok(!page.body.includes('were run again'), 'the message was shown once, after the edit');

      const badEdit = await agent.submit('/search/advanced/lines/2/edit', { q: 'insulin OR' });
      assert.equal(badEdit.statusCode, 400);
      assert.match(normaliseHtml(badEdit.body), / value="insulin OR"/);
      assert.equal((await agent.get('/search/advanced/lines/99/edit')).statusCode, 404);

      assert.equal((await agent.submit('/search/advanced/lines/4/delete', {})).statusCode, 303);
      assert.deepEqual((await historyOf(agent)).map((l) => l.number), [1, 2, 3]);
      assert.equal((await agent.submit('/search/advanced/lines/4/delete', {})).statusCode, 404);
      assert.equal((await agent.submit('/search/advanced/lines/3/delete', {}, { csrf: false })).statusCode, 403, 'no token, no delete');
    });

    it('runs a pasted strategy line by line, with its own numbering, keeping lines with errors', async (t) => {
      const app = await build(t, { dialect });
      const stored = await loadSearchData(app);
      const agent = new TestAgent(app);
      await runLine(agent, 'lancet.jn.');
      const pasted = await agent.submit('/search/advanced/strategy', { strategy: '1. diabetes.ti,ab.\n2. insulin.ti,ab.\n3. or/1-2\n4. pumps AND (\n' });
      assert.equal(pasted.statusCode, 303);
      const page = await agent.get('/search/advanced');
      assert.match(page.body, /Ran 4 lines of the strategy as lines 2 to 5; line 5 had errors/);
      const lines = shownLines(page.body);
      const inTitleOrAbstract = (word: string) => (r: (typeof stored)[number]) => new RegExp(`\\b${word}\\b`, 'i').test(`${r.title} ${r.abstract ?? ''}`);
      assert.deepEqual(lines.map((l) => [l.number, l.text, l.hits]), [
        [1, 'lancet.jn.', stored.filter((r) => r.journal.isoAbbreviation === 'Lancet').length],
        [2, 'diabetes.ti,ab.', stored.filter(inTitleOrAbstract('diabetes')).length],
        [3, 'insulin.ti,ab.', stored.filter(inTitleOrAbstract('insulin')).length],
        [4, 'or/1-2', stored.filter((r) => inTitleOrAbstract('diabetes')(r) || inTitleOrAbstract('insulin')(r)).length],
        [5, 'pumps AND (', null],
      ]);
    });

    it('clears the history after asking', async (t) => {
      const app = await build(t, { dialect });
      await loadSearchData(app);
      const agent = new TestAgent(app);
      await runLine(agent, 'diabetes');
      const ask = await agent.get('/search/advanced/clear');
      assert.match(ask.body, /All 1 line of your history will be deleted/);
      assert.equal((await agent.submit('/search/advanced/clear', {})).statusCode, 303);
      assert.deepEqual(await historyOf(agent), []);
    });

    it('keeps a visitor\'s history for the browser session, and gives it to the account they sign in to if it has none', async (t) => {
      const app = await build(t, { dialect });
      await loadSearchData(app);
      const email = `adopt-${dialect}@test-trust.nhs.uk`;
      const userId = await createUser(app.db, { email, password: GOOD_PASSWORD });
      const visitor = new TestAgent(app);
      await runLine(visitor, 'diabetes');
      await runLine(visitor, 'insulin');
      assert.equal((await historyOf(new TestAgent(app))).length, 0, 'another browser sees none of it');
      await visitor.get('/sign-in');
      assert.equal((await visitor.submit('/sign-in', { email, password: GOOD_PASSWORD })).statusCode, 303);
      assert.deepEqual((await historyOf(visitor)).map((l) => l.text), ['diabetes', 'insulin']);
      const owners = await app.db.selectFrom('search_history_line').select('owner').distinct().execute();
      assert.deepEqual(owners.map((o) => o.owner), [`user:${userId}`], 'the lines moved to the account');

      const elsewhere = await signedInAgent(app, userId);
      assert.deepEqual((await historyOf(elsewhere)).map((l) => l.text), ['diabetes', 'insulin'], 'kept for the member on another device');

      const second = new TestAgent(app);
      await runLine(second, 'pumps');
      await second.get('/sign-in');
      await second.submit('/sign-in', { email, password: GOOD_PASSWORD });
      assert.deepEqual((await historyOf(second)).map((l) => l.text), ['diabetes', 'insulin'], 'a member history is never replaced');
    });
  });
}
