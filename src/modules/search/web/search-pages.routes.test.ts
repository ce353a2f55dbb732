import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { build } from '../../../../test/helpers/build-app.js';
import { testDialects } from '../../../../test/helpers/databases.js';
import { normaliseHtml } from '../../../../test/helpers/html.js';
import { SAMPLE_MESH, loadRecords } from '../../../../test/helpers/search-engine.js';
import { INJECTION_TITLE, searchRecords } from '../../../../test/e2e/support/search-records.js';
import type { StoredRecord } from '../../records/index.js';
import { importMesh } from '../../thesaurus/index.js';

/** The text of every element with this data-testid, tags removed. */
function texts(html: string, testId: string): string[] {
  const pattern = new RegExp(`<(\\w+)[^>]*data-testid="${testId}"[^>]*>([\\s\\S]*?)</\\1>`, 'g');
  return [...normaliseHtml(html).matchAll(pattern)].map((m) => (m[2] ?? '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim());
}
const unescape = (href: string) => href.replaceAll('&amp;', '&');
const resultCount = (html: string) => texts(html, 'result-count')[0];
/** Record ids of the results, in page order. */
const resultIds = (html: string) => [...normaliseHtml(html).matchAll(/<h3[^>]*><a href="\/records\/(\d+)">/g)].map((m) => Number(m[1]));

/** Each facet value a kind lists: its link, label and count. */
function facetLinks(html: string, kind: string): { href: string; label: string; count: number; selected: boolean }[] {
  const list = new RegExp(`<ul[^>]*data-testid="facet-${kind}"[^>]*>([\\s\\S]*?)</ul>`).exec(normaliseHtml(html))?.[1] ?? '';
  return [...list.matchAll(/<li[^>]*>([\s\S]*?)<\/li>/g)].map((m) => {
    const item = m[1] ?? '';
    const text = item.replace(/<span class="nhsuk-u-visually-hidden">[^<]*<\/span>/g, '').replace(/<[^>]+>/g, '').replace(/✓\s*/, '').trim();
    const parts = /^(.*?)\s*\(([\d,]+)\)$/.exec(text);
    return { href: unescape(/href="([^"]+)"/.exec(item)?.[1] ?? ''), label: parts?.[1] ?? text, count: Number(parts?.[2]?.replace(/,/g, '')), selected: item.includes('Remove filter') };
  });
}

/** The text a word without a field tag is searched in: title, abstract, keywords and MeSH heading words. */
const words = (r: StoredRecord) => [r.title, r.abstract ?? '', ...r.keywords, ...r.mesh.map((h) => h.name)].join(' ').toLowerCase();
const mentions = (word: string) => (r: StoredRecord) => new RegExp(`\\b${word}\\b`).test(words(r));
const start = (r: StoredRecord) => (r.publicationDate.year === null ? 0 : r.publicationDate.year * 10_000 + (r.publicationDate.month ?? 1) * 100 + (r.publicationDate.day ?? 1));

async function searchApp(t: Parameters<typeof build>[0], dialect: 'sqlite' | 'postgres'): Promise<{ app: FastifyInstance; stored: StoredRecord[] }> {
  const app = await build(t, { dialect });
  await importMesh(app.db, [SAMPLE_MESH], { year: 2024 });
  return { app, stored: await loadRecords(app.db, searchRecords()) };
}

for (const dialect of testDialects()) {
  describe(`simple search page [${dialect}]`, () => {
    it('explains what can be searched before any search, and the header links to it', async (t) => {
      const { app } = await searchApp(t, dialect);
      const page = await app.inject('/search');
      assert.equal(page.statusCode, 200);
      assert.equal(texts(page.body, 'search-empty').length, 1);
      assert.equal(resultCount(page.body), undefined, 'no count before a search');
      assert.match(normaliseHtml(page.body), /<a class="nhsuk-header__navigation-link" href="\/search" aria-current="true">/, 'the header marks where you are');
      const home = normaliseHtml((await app.inject('/')).body);
      assert.match(home, /<a class="nhsuk-header__navigation-link" href="\/search">Search the evidence<\/a>/);
      assert.match(home, /<a [^>]*href="\/search"[^>]*>Search the evidence<\/a>/, 'the home page has a card for it');
    });

    it('lists results with the hit count, marked titles, authors, journal, year, types and snippets, escaping record text', async (t) => {
      const { app, stored } = await searchApp(t, dialect);
      const expected = stored.filter(mentions('diabetes'));
      const page = await app.inject('/search?q=diabetes');
      assert.equal(page.statusCode, 200);
      assert.equal(resultCount(page.body), `${expected.length} results`);
      const ids = resultIds(page.body);
      assert.equal(ids.length, 20);
      for (const id of ids) assert.ok(expected.some((r) => r.id === id), `record ${id} mentions diabetes`);
      const html = normaliseHtml(page.body);
      assert.match(html, /<a href="\/records\/\d+"><mark>Diabetes<\/mark>care in general practice, study \d+<\/a>/);
      assert.match(html, /data-testid="snippet">(… )?<mark>Diabetes<\/mark>and insulin outcomes/);
      const five = stored.find((r) => r.authors.length === 5 && ids.includes(r.id));
      assert.ok(five, 'a record with five authors is on the first page');
      assert.ok(texts(page.body, 'authors').includes('Author1 JA, Author2 JA, Author3 JA, et al.'));
      const lancet = stored.find((r) => r.journal.isoAbbreviation === 'Lancet' && r.publicationDate.year !== null && ids.includes(r.id));
      assert.ok(texts(page.body, 'source').includes(`Lancet . ${lancet?.publicationDate.year}`), 'journal and year');
      const shownTypes = stored.filter((r) => ids.includes(r.id)).flatMap((r) => r.publicationTypes.filter((type) => type !== 'Journal Article'));
      const tags = [...html.matchAll(/<strong class="nhsuk-tag nhsuk-tag--grey">([^<]+)<\/strong>/g)].map((m) => m[1]);
      assert.deepEqual(tags.sort(), shownTypes.sort(), 'each result tagged with its types, leaving out "Journal Article"');

      const injected = await app.inject('/search?q=pumps');
      assert.ok(!injected.body.includes('<script>alert'), 'the title is not markup');
      assert.ok(!injected.body.includes('<b>pumps'), 'not even harmless-looking markup');
      const escaped = INJECTION_TITLE.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
      const marked = escaped.replace('&lt;b&gt;pumps', '&lt;b&gt;<mark>pumps</mark>');
      assert.ok(injected.body.includes(marked), 'escaped, with the searched word marked');
    });

    it('gives every facet value the count that choosing it returns, and chosen filters are removable', async (t) => {
      const { app, stored } = await searchApp(t, dialect);
      const total = stored.filter(mentions('diabetes')).length;
      const page = await app.inject('/search?q=diabetes');
      const kinds = ['year', 'publicationType', 'language', 'heading', 'journal'];
      for (const kind of kinds) {
        const links = facetLinks(page.body, kind);
        assert.ok(links.length > 0, `${kind} lists values`);
        for (const link of links) {
          const chosen = await app.inject(link.href);
          assert.equal(resultCount(chosen.body), `${link.count} ${link.count === 1 ? 'result' : 'results'}`, `${kind} ${link.label}`);
          assert.ok(facetLinks(chosen.body, kind).some((l) => l.label === link.label && l.selected), `${link.label} is shown chosen`);
          const remove = /<div data-testid="chosen-filters">[\s\S]*?<a href="([^"]+)">Remove/.exec(normaliseHtml(chosen.body))?.[1];
          assert.equal(resultCount((await app.inject(unescape(remove ?? ''))).body), `${total} results`, 'removing it restores the search');
        }
      }
      const heading = facetLinks(page.body, 'heading');
      assert.deepEqual(heading.map((l) => l.label).sort(), ['Diabetes Mellitus', 'Diabetes Mellitus, Type 2', 'Myocardial Infarction']);
      assert.equal(heading.find((l) => l.label === 'Diabetes Mellitus')?.count, stored.filter((r) => mentions('diabetes')(r) && r.mesh.some((h) => h.ui === 'D003920' && h.major)).length);
      const french = facetLinks(page.body, 'language').find((l) => l.label === 'French');
      assert.equal(french?.count, stored.filter((r) => mentions('diabetes')(r) && r.languages.includes('fre')).length);

      // Two kinds AND; the second kind's counts are counted within the first's choice.
      const trials = facetLinks(page.body, 'publicationType').find((l) => l.label === 'Randomized Controlled Trial');
      const withTrials = await app.inject(trials?.href ?? '');
      const english = facetLinks(withTrials.body, 'language').find((l) => l.label === 'English');
      const both = await app.inject(english?.href ?? '');
      const expected = stored.filter((r) => mentions('diabetes')(r) && r.publicationTypes.includes('Randomized Controlled Trial') && r.languages.includes('eng'));
      assert.equal(resultCount(both.body), `${expected.length} results`);
      assert.equal(english?.count, expected.length);
      assert.deepEqual(resultIds(both.body).sort((a, b) => a - b), expected.map((r) => r.id));
      assert.deepEqual(texts(both.body, 'chosen-filters')[0]?.match(/Remove filter [^:]+: [^✕]+/g)?.map((s) => s.trim()), [
        'Remove filter Publication type: Randomized Controlled Trial',
        'Remove filter Language: English',
      ]);
    });

    it('pages through results by relevance and newest first, keeping the search and filters in the links', async (t) => {
      const { app, stored } = await searchApp(t, dialect);
      const expected = stored.filter(mentions('diabetes'));
      const first = await app.inject('/search?q=diabetes&sort=date');
      const next = unescape(/<a class="nhsuk-pagination__link"[^>]*href="([^"]+)"[^>]*rel="next"|<a[^>]*href="([^"]+)"[^>]*rel="next"/.exec(normaliseHtml(first.body))?.slice(1).find(Boolean) ?? '');
      assert.equal(next, '/search?q=diabetes&sort=date&page=2');
      const second = await app.inject(next);
      const newest = [...expected].sort((a, b) => start(b) - start(a) || a.id - b.id).map((r) => r.id);
      assert.deepEqual([...resultIds(first.body), ...resultIds(second.body)], newest);
      assert.match(normaliseHtml(second.body), new RegExp(`Showing 21 to ${expected.length}\\.`));

      const lastPage = resultIds((await app.inject('/search?q=diabetes&page=2')).body);
      const relevance = [...resultIds((await app.inject('/search?q=diabetes')).body), ...lastPage];
      assert.deepEqual([...relevance].sort((a, b) => a - b), expected.map((r) => r.id), 'every result once, across the pages');
      assert.deepEqual(resultIds((await app.inject('/search?q=diabetes&page=99')).body), lastPage, 'past the end: the last page');

      const filtered = await app.inject('/search?q=diabetes&la=english&sort=date');
      assert.match(normaliseHtml(filtered.body), /href="\/search\?q=diabetes&amp;sort=date&amp;la=english&amp;page=2"/);
    });

    it('shows a syntax error in the error summary with its position marked, never a failure', async (t) => {
      const { app } = await searchApp(t, dialect);
      const page = await app.inject('/search?q=insulin+AND+heart%5Btiabx%5D');
      assert.equal(page.statusCode, 400);
      const html = normaliseHtml(page.body);
      assert.match(html, /<title>Error: insulin AND heart\[tiabx\] – Search – khub<\/title>/);
      assert.match(html, /<a href="#q">Unknown field tag \[tiabx\] \(at column 18\)<\/a>/);
      assert.match(html, /<code class="khub-search-problem">insulin AND heart<mark>\[tiabx\]<\/mark><\/code>/);
      assert.match(html, /Did you mean \[tiab\]\?/);
      assert.match(html, /id="q" name="q" type="text" spellcheck="false" value="insulin AND heart\[tiabx\]"/);
      assert.equal(resultCount(page.body), undefined);
      const unclosed = normaliseHtml((await app.inject('/search?q=%28heart+OR+attack')).body);
      assert.match(unclosed, /<a href="#q">Unclosed bracket opened at column 1<\/a>/);
    });

    it('shows an unknown MeSH heading with the thesaurus suggestions as searches', async (t) => {
      const { app } = await searchApp(t, dialect);
      const page = await app.inject('/search?q=insulin+AND+myocardial%5Bmh%5D');
      assert.equal(page.statusCode, 400);
      const html = normaliseHtml(page.body);
      assert.match(html, /<a href="#q">“myocardial” is not a MeSH heading\. Did you mean “Myocardial Infarction”\?<\/a>/);
      assert.match(html, /insulin AND<mark>myocardial\[mh\]<\/mark>/);
      assert.match(html, /<a href="\/search\?q=insulin\+AND\+Myocardial\+Infarction%5Bmh%5D">insulin AND Myocardial Infarction\[mh\]<\/a>/);
    });

    it('offers a respelt search when a search finds nothing or very little', async (t) => {
      const { app, stored } = await searchApp(t, dialect);
      const typo = await app.inject('/search?q=insulim+pumps&sort=date');
      assert.equal(resultCount(typo.body), 'No results');
      const pumps = stored.filter((r) => mentions('insulin')(r) && mentions('pumps')(r)).length;
      assert.ok(pumps >= 3);
      assert.equal(texts(typo.body, 'did-you-mean')[0], `Did you mean insulin pumps ? (${pumps} results)`);
      assert.match(normaliseHtml(typo.body), /Did you mean<a href="\/search\?q=insulin\+pumps&amp;sort=date">insulin pumps<\/a>\?/);
      assert.deepEqual(texts((await app.inject('/search?q=insulin+pumps')).body, 'did-you-mean'), [], 'not for a search that finds enough');
    });

    it('says clearly when nothing matches, and offers to remove filters', async (t) => {
      const { app } = await searchApp(t, dialect);
      const none = await app.inject('/search?q=zebra');
      assert.equal(none.statusCode, 200);
      assert.equal(resultCount(none.body), 'No results');
      assert.match(texts(none.body, 'no-results')[0] ?? '', /^Nothing matches this search\./);
      const filtered = await app.inject('/search?q=pressure&la=french');
      assert.equal(resultCount(filtered.body), 'No results');
      assert.match(normaliseHtml(filtered.body), /<a href="\/search\?q=pressure">remove the filters<\/a>/);
    });
  });
}
