import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { build } from '../../../../test/helpers/build-app.js';
import { testDialects } from '../../../../test/helpers/databases.js';
import { createUser, signedInAgent } from '../../../../test/helpers/factories.js';
import { TestAgent } from '../../../../test/helpers/agent.js';
import { normaliseHtml } from '../../../../test/helpers/html.js';
import { loadRecords } from '../../../../test/helpers/search-engine.js';
import { emptyRecord } from '../../records/index.js';
import { historyOf, loadSearchData, mentions, runLine, summaryErrors, unescapeHtml } from './advanced-pages.test-support.js';

/** The saved and re-run counts a strategy page shows, per line. */
function strategyCounts(html: string): { saved: string; rerun: string | undefined }[] {
  return [...normaliseHtml(html).matchAll(/data-testid="strategy-line">([\s\S]*?)<\/tr>/g)].map((m) => ({
    saved: /data-testid="saved-hits">([^<]*)</.exec(m[1] ?? '')?.[1] ?? '',
    rerun: /data-testid="rerun-hits">([^<]*)</.exec(m[1] ?? '')?.[1],
  }));
}

for (const dialect of testDialects()) {
  describe(`expert search tools [${dialect}]`, () => {
    it('finds MeSH headings by name or entry term, shows the tree, and adds the heading as a PubMed line', async (t) => {
      const app = await build(t, { dialect });
      const stored = await loadSearchData(app);
      const agent = new TestAgent(app);
      const found = normaliseHtml((await agent.get('/search/advanced/mesh?term=diabetes')).body);
      const names = [...found.matchAll(/<h3 class="nhsuk-card__heading nhsuk-heading-m"><a href="\/search\/advanced\/mesh\/(D\d+)">([^<]+)<\/a>/g)].map((m) => [m[1], m[2]]);
      assert.deepEqual(names.slice(0, 3), [['D003920', 'Diabetes Mellitus'], ['D003922', 'Diabetes Mellitus, Type 1'], ['D003924', 'Diabetes Mellitus, Type 2']]);
      assert.match(found, /data-testid="scope-note">A heterogeneous group of disorders/);
      assert.match(found, /Tree numbers:<code>C18\.452\.394\.750<\/code>,<code>C19\.246<\/code>/);
      assert.match(normaliseHtml((await agent.get('/search/advanced/mesh?term=heart+attack')).body), /Myocardial Infarction<\/a><\/h3><p class="nhsuk-body-s">Found by its entry term “Heart Attack”/i);
      assert.match((await agent.get('/search/advanced/mesh?term=zzqx')).body, /No MeSH heading matches “zzqx”/);

      const tree = normaliseHtml((await agent.get('/search/advanced/mesh/D003920')).body);
      assert.match(tree, /<a href="\/search\/advanced\/mesh\/D006943">Hyperglycemia|<a href="\/search\/advanced\/mesh\/D044882">Glucose Metabolism Disorders<\/a>/, 'the path up links each heading');
      assert.match(tree, /data-testid="tree-children"><li><a href="\/search\/advanced\/mesh\/D003922">Diabetes Mellitus, Type 1<\/a>/);
      assert.equal((await agent.get('/search/advanced/mesh/D999999')).statusCode, 404);
      assert.equal((await agent.get('/search/advanced/mesh/nonsense')).statusCode, 404);

      const add = (fields: Record<string, string>) => agent.submit('/search/advanced/mesh', { ui: 'D003920', ...fields });
      assert.equal((await add({ explode: 'yes' })).statusCode, 303);
      assert.equal((await add({})).statusCode, 303);
      assert.equal((await add({ explode: 'yes', major: 'yes' })).statusCode, 303);
      const diabetesHeadings = ['D003920', 'D003922', 'D003924'];
      const lines = await historyOf(agent);
      assert.deepEqual(lines.map((l) => [l.text, l.hits]), [
        ['"Diabetes Mellitus"[mh]', stored.filter((r) => r.mesh.some((h) => diabetesHeadings.includes(h.ui ?? ''))).length],
        ['"Diabetes Mellitus"[mh:noexp]', stored.filter((r) => r.mesh.some((h) => h.ui === 'D003920')).length],
        ['"Diabetes Mellitus"[majr]', stored.filter((r) => r.mesh.some((h) => diabetesHeadings.includes(h.ui ?? '') && h.major)).length],
      ]);
      assert.ok(new Set(lines.map((l) => l.hits)).size === 3, 'explode and major topic change the counts');
    });

    it('adds a limited line in Ovid form from the limits panel, and says what is wrong with a bad choice', async (t) => {
      const app = await build(t, { dialect });
      const stored = await loadSearchData(app);
      const agent = new TestAgent(app);
      assert.match((await agent.get('/search/advanced/limits')).body, /data-testid="limits-empty"/);
      await runLine(agent, 'diabetes');
      const panel = await agent.get('/search/advanced/limits');
      assert.match(unescapeHtml(normaliseHtml(panel.body)), /<option value="1" selected>#1: diabetes \(\d+\)<\/option>/);
      const limited = await agent.submit('/search/advanced/limits', { line: '1', yearFrom: '2000', yearTo: '2015', language: 'english', humans: '', publicationType: 'review' });
      assert.equal(limited.statusCode, 303);
      await agent.submit('/search/advanced/limits', { line: '1', yearFrom: '2010', language: '', publicationType: '', ageGroup: '', humans: 'yes', abstracts: 'yes' });
      const [, second, third] = await historyOf(agent);
      const year = (r: (typeof stored)[number]) => r.publicationDate.year ?? 0;
      assert.deepEqual([second?.text, second?.hits], [
        'limit 1 to (english language and review and yr="2000-2015")',
        stored.filter((r) => mentions('diabetes')(r) && r.languages.includes('eng') && r.publicationTypes.includes('Review') && year(r) >= 2000 && year(r) <= 2015).length,
      ]);
      assert.deepEqual([third?.text, third?.hits], [
        'limit 1 to (humans and abstracts and yr="2010 -Current")',
        stored.filter((r) => mentions('diabetes')(r) && r.mesh.some((h) => h.name === 'Humans') && r.abstract && year(r) >= 2010).length,
      ]);
      assert.ok((second?.hits ?? 0) > 0 && (third?.hits ?? 0) > 0, 'the limits leave some records');

      const none = await agent.submit('/search/advanced/limits', { line: '1' });
      assert.equal(none.statusCode, 400);
      assert.deepEqual(summaryErrors(none.body), ['Choose at least one limit']);
      const klingon = await agent.submit('/search/advanced/limits', { line: '1', yearFrom: '20x0', language: 'klingon' });
      assert.deepEqual(summaryErrors(klingon.body), ['Enter the first year as a year, like 2015', 'Choose a language from the list']);
      const backwards = await agent.submit('/search/advanced/limits', { line: '1', yearFrom: '2020', yearTo: '2010' });
      assert.deepEqual(summaryErrors(backwards.body), ['The last year must be the same as or after the first year']);
      assert.match(normaliseHtml(backwards.body), /id="yearFrom" name="yearFrom" type="text"[^>]* value="2020"/, 'the choices stay in the form');
      const missing = await agent.submit('/search/advanced/limits', { line: '9', humans: 'yes' });
      assert.deepEqual(summaryErrors(missing.body), ['Choose a line of your history that has results']);
    });

    it('saves a member\'s strategy, runs it again with the old and new counts side by side, and deletes it', async (t) => {
      const app = await build(t, { dialect });
      const stored = await loadSearchData(app);
      const owner = await createUser(app.db);
      const agent = await signedInAgent(app, owner);
      await runLine(agent, 'diabetes');
      await runLine(agent, 'lancet.jn.');
      await runLine(agent, '#1 AND #2');
      assert.equal((await agent.submit('/search/strategies', { name: ' ' })).statusCode, 400);
      const saved = await agent.submit('/search/strategies', { name: 'Diabetes in the Lancet' });
      assert.equal(saved.statusCode, 303);
      const page = saved.headers.location as string;
      assert.match(page, /^\/search\/strategies\/\d+$/);
      const before = [stored.filter(mentions('diabetes')).length, stored.filter((r) => r.journal.isoAbbreviation === 'Lancet').length, stored.filter((r) => mentions('diabetes')(r) && r.journal.isoAbbreviation === 'Lancet').length];
      assert.deepEqual(strategyCounts((await agent.get(page)).body), before.map((n) => ({ saved: String(n), rerun: undefined })));
      assert.match((await agent.get('/search/strategies')).body, /Diabetes in the Lancet<\/a><br>\s*<span class="nhsuk-body-s">3 lines, saved \d{4}-\d\d-\d\d \d\d:\d\d UTC/);

      const added = [1, 2].map((n) => ({ ...emptyRecord('test', `new${n}`), title: `Diabetes follow-up ${n}`, journal: { title: 'The Lancet', isoAbbreviation: 'Lancet', issn: '0140-6736' } }));
      await loadRecords(app.db, added);
      assert.equal((await agent.submit(`${page}/rerun`, {})).statusCode, 303);
      const rerun = await agent.get(page);
      assert.deepEqual(strategyCounts(rerun.body), before.map((n) => ({ saved: String(n), rerun: String(n + 2) })));
      assert.match(rerun.body, /Last run again \d{4}-\d\d-\d\d \d\d:\d\d UTC/);

      const stranger = await signedInAgent(app, await createUser(app.db));
      assert.equal((await stranger.get(page)).statusCode, 404, 'another member\'s strategy is not found');
      await stranger.get('/search/advanced');
      assert.equal((await stranger.submit(`${page}/delete`, {})).statusCode, 404);
      assert.equal((await stranger.submit(`${page}/rerun`, {})).statusCode, 404);
      assert.equal((await agent.submit(`${page}/delete`, {}, { csrf: false })).statusCode, 403);
      assert.equal((await agent.submit(`${page}/delete`, {})).statusCode, 303);
      assert.equal((await agent.get(page)).statusCode, 404);
      assert.match((await agent.get('/search/strategies')).body, /data-testid="strategies-empty"/);
      const visitor = await new TestAgent(app).get('/search/strategies');
      assert.equal(visitor.statusCode, 303, 'visitors are sent to sign in');
    });

    it('reports each line with its query, hits and time, and the database searched, as a page and as text', async (t) => {
      const app = await build(t, { dialect });
      const stored = await loadSearchData(app);
      const agent = new TestAgent(app);
      await runLine(agent, 'diabetes');
      await runLine(agent, '"Diabetes Mellitus"[majr]');
      await runLine(agent, '#1 AND #2');
      await runLine(agent, 'diabetes AND (');
      const lines = await historyOf(agent);
      const html = unescapeHtml(normaliseHtml((await agent.get('/search/advanced/report')).body));
      assert.match(html, new RegExp(`data-testid="report-database">khub, ${stored.length} records, index as of \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC, MeSH 2024<`));
      const rows = [...html.matchAll(/data-testid="report-line">([\s\S]*?)<\/tr>/g)].map((m) => (m[1] ?? '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim());
      assert.equal(rows.length, 4);
      for (const [i, line] of lines.entries()) {
        assert.ok(rows[i]?.startsWith(`Line #${line.number} Search ${line.text}`), rows[i]);
        assert.match(rows[i] ?? '', new RegExp(`Results ${line.hits ?? '–'} Run at \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC$`));
      }
      const text = await agent.get('/search/advanced/report.txt');
      assert.equal(text.headers['content-type'], 'text/plain; charset=utf-8');
      assert.match(String(text.headers['content-disposition']), /^attachment; filename="search-strategy-\d{4}-\d\d-\d\d\.txt"$/);
      assert.match(text.body, new RegExp(`^Database: khub, ${stored.length} records, index as of`, 'm'));
      for (const line of lines) {
        assert.match(text.body, new RegExp(`^#${line.number}\\s+${line.hits ?? '–'}\\s+\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC\\s+${line.text.replace(/[[\]()"#*]/g, '\\$&')}$`, 'm'));
      }
      assert.match(text.body, /^\s+\(error: The query ends too soon \(at column 15\)\)$/m);
    });
  });
}
