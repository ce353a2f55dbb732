import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { build } from '../../../../test/helpers/build-app.js';
import { testDialects } from '../../../../test/helpers/databases.js';
import { normaliseHtml } from '../../../../test/helpers/html.js';
import { SAMPLE_MESH, loadRecords } from '../../../../test/helpers/search-engine.js';
import { FULL_RECORD, FULL_RECORD_COPY, INJECTION_TITLE, searchRecords } from '../../../../test/e2e/support/search-records.js';
import { importMesh } from '../../thesaurus/index.js';

/** The text of every element with this data-testid, tags removed. */
function texts(html: string, testId: string): string[] {
  const pattern = new RegExp(`<(\\w+)[^>]*data-testid="${testId}"[^>]*>([\\s\\S]*?)</\\1>`, 'g');
  return [...normaliseHtml(html).matchAll(pattern)].map((m) => (m[2] ?? '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim());
}

/** The summary list's rows as key → value text. */
function details(html: string): Record<string, string> {
  const rows = [...normaliseHtml(html).matchAll(/<dt class="nhsuk-summary-list__key">([\s\S]*?)<\/dt><dd class="nhsuk-summary-list__value">([\s\S]*?)<\/dd>/g)];
  return Object.fromEntries(rows.map((m) => [(m[1] ?? '').trim(), (m[2] ?? '').replace(/<span class="nhsuk-u-visually-hidden">[^<]*<\/span>/g, '').replace(/<[^>]+>/g, '').trim()]));
}

for (const dialect of testDialects()) {
  describe(`record page [${dialect}]`, () => {
    it('shows every field, links headings to searches and identifiers to the full text, and lists other versions', async (t) => {
      const app = await build(t, { dialect });
      await importMesh(app.db, [SAMPLE_MESH], { year: 2024 });
      const stored = await loadRecords(app.db, searchRecords());
      const full = stored.find((r) => r.sourceId === FULL_RECORD.sourceId);
      const copy = stored.find((r) => r.sourceId === FULL_RECORD_COPY.sourceId);
      assert.ok(full && copy && full.duplicateGroupId !== null && full.duplicateGroupId === copy.duplicateGroupId, 'the two copies form a group');

      const page = await app.inject(`/records/${full.id}`);
      assert.equal(page.statusCode, 200);
      const html = normaliseHtml(page.body);
      assert.match(html, /<h1>Structured education for adults with type 2 diabetes: a randomised trial<\/h1>/);
      assert.deepEqual(texts(page.body, 'authors'), ['Chidi Okafor Leeds Teaching Hospitals NHS Trust, Leeds, UK Anita R Patel KHUB Study Group']);
      const rows = details(page.body);
      assert.equal(rows.Journal, 'Diabetes care (Diabetes Care)');
      assert.equal(rows['Volume, issue and pages'], '43(7):1500-8');
      assert.equal(rows.Published, '1 July 2020');
      assert.equal(rows.Language, 'English');
      assert.equal(rows['PubMed ID (PMID)'], '31000001');
      assert.equal(rows.DOI, '10.1000/khub.2020.001');
      assert.match(html, /<a href="https:\/\/pubmed\.ncbi\.nlm\.nih\.gov\/31000001\/" rel="noopener">/);
      assert.match(html, /<a href="https:\/\/doi\.org\/10\.1000\/khub\.2020\.001" rel="noopener">/);
      assert.match(html, /<a href="https:\/\/www\.ncbi\.nlm\.nih\.gov\/pmc\/articles\/PMC7000001\/" rel="noopener">/);
      assert.deepEqual(texts(page.body, 'abstract'), ['Background Education helps diabetes self-care. Methods We randomised 400 adults. Results HbA1c fell by 5 mmol/mol. Conclusions Education works.']);
      assert.deepEqual(texts(page.body, 'headings'), ['Diabetes Mellitus, Type 2 Major topic – therapy Humans']);
      assert.deepEqual(texts(page.body, 'keywords'), ['self-management; education']);
      assert.match(html, new RegExp(`<a href="/records/${copy.id}">Structured education for adults with type 2 diabetes: A randomised trial</a><span class="nhsuk-body-s">\\(embase, 2020\\)</span>`));

      const headingLink = /<a href="(\/search\?q=[^"]+)">Diabetes Mellitus, Type 2<\/a>/.exec(html)?.[1]?.replaceAll('&amp;', '&');
      assert.equal(headingLink, '/search?q=%22Diabetes+Mellitus%2C+Type+2%22%5Bmh%5D');
      const search = await app.inject(headingLink ?? '');
      assert.equal(search.statusCode, 200);
      assert.deepEqual(texts(search.body, 'result-count'), ['1 result'], 'the heading search finds the record that has it');
    });

    it('escapes record text and answers 404 for a record that does not exist', async (t) => {
      const app = await build(t, { dialect });
      const stored = await loadRecords(app.db, searchRecords());
      const injected = stored.find((r) => r.title === INJECTION_TITLE);
      const page = await app.inject(`/records/${injected?.id}`);
      assert.equal(page.statusCode, 200);
      assert.ok(!page.body.includes('<script>alert'));
      assert.match(page.body, /<h1>&lt;script&gt;alert\(&quot;khub&quot;\)&lt;\/script&gt; Diabetes &amp; insulin &lt;b&gt;pumps&lt;\/b&gt;<\/h1>/);
      for (const path of ['/records/999999', '/records/abc', '/records/0', '/records/1.5']) {
        const missing = await app.inject(path);
        assert.equal(missing.statusCode, 404, path);
        assert.match(normaliseHtml(missing.body), /<h1>Page not found<\/h1>/);
      }
    });
  });
}
