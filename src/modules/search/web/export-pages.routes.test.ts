import assert from 'node:assert/strict';
import { get } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import { TestAgent } from '../../../../test/helpers/agent.js';
import { build } from '../../../../test/helpers/build-app.js';
import { testDialects } from '../../../../test/helpers/databases.js';
import { normaliseHtml } from '../../../../test/helpers/html.js';
import { loadRecords } from '../../../../test/helpers/search-engine.js';
import { searchRecords } from '../../../../test/e2e/support/search-records.js';
import { type BibRecord, type StoredRecord, emptyRecord, formatReference } from '../../records/index.js';

const resultIds = (html: string) => [...normaliseHtml(html).matchAll(/<h3[^>]*><a href="\/records\/(\d+)">/g)].map((m) => Number(m[1]));
const resultCount = (html: string) => Number(/data-testid="result-count"[^>]*>\s*([\d,]+)/.exec(html)?.[1]?.replace(/,/g, ''));

/** RIS read back strictly: every line is `XX  - value`, each record ends with `ER  - `. */
export function readRis(text: string): Map<string, string[]>[] {
  const records: Map<string, string[]>[] = [];
  let current: Map<string, string[]> | undefined;
  for (const [index, line] of text.split('\r\n').entries()) {
    if (line === '') continue;
    const tagged = /^([A-Z][A-Z0-9]) {2}- (.*)$/.exec(line);
    assert.ok(tagged, `line ${index + 1} is a RIS tag line: ${JSON.stringify(line)}`);
    const [, tag = '', value = ''] = tagged;
    if (tag === 'TY') current = new Map();
    assert.ok(current, `line ${index + 1}: ${tag} outside a record`);
    if (tag === 'ER') {
      records.push(current);
      current = undefined;
    } else current.set(tag, [...(current.get(tag) ?? []), value]);
  }
  assert.equal(current, undefined, 'the last record is closed');
  return records;
}

const risKey = (r: StoredRecord) => r.pmid ?? r.sourceId;
const newestFirst = (a: StoredRecord, b: StoredRecord) => {
  const key = (r: StoredRecord) => (r.publicationDate.year === null ? 0 : r.publicationDate.year * 10_000 + (r.publicationDate.month ?? 1) * 100 + (r.publicationDate.day ?? 1));
  return key(b) - key(a) || a.id - b.id;
};

/** `count` records that all mention "cohort", over many years (some undated), for the whole-set export. */
function syntheticRecords(count: number): BibRecord[] {
  return Array.from({ length: count }, (_, i) => ({
    ...emptyRecord('test', `synthetic-${i}`),
    title: `Cohort study number ${i} of outcomes`,
    abstract: `A cohort of ${i} patients.`,
    authors: [{ family: `Writer${i % 97}`, given: 'Sam', initials: 'S', collective: null, affiliations: [] }],
    journal: { title: 'Journal of Cohorts', isoAbbreviation: 'J Cohorts', issn: null },
    publicationDate: i % 50 === 0 ? { year: null, month: null, day: null, text: null } : { year: 1990 + (i % 35), month: 1 + (i % 12), day: 1 + (i % 28), text: null },
    languages: ['eng'],
    publicationTypes: ['Journal Article'],
  }));
}

/** GETs the URL from a listening server, counting the body's chunks as they arrive. */
function fetchChunks(url: string): Promise<{ headers: Record<string, string | string[] | undefined>; chunks: number; body: string }> {
  return new Promise((resolve, reject) => {
    get(url, (response) => {
      const parts: Buffer[] = [];
      response.on('data', (chunk: Buffer) => parts.push(chunk));
      response.on('end', () => resolve({ headers: response.headers, chunks: parts.length, body: Buffer.concat(parts).toString('utf8') }));
      response.on('error', reject);
    }).on('error', reject);
  });
}

for (const dialect of testDialects()) {
  describe(`export from the search pages [${dialect}]`, () => {
    it('exports the page shown as RIS, with a filename, in page order', async (t) => {
      const app = await build(t, { dialect });
      const stored = await loadRecords(app.db, searchRecords());
      const byId = new Map(stored.map((r) => [r.id, r]));
      const page = await app.inject('/search?q=diabetes&sort=date&page=2');
      assert.match(page.body, /data-testid="export-form"/);
      assert.match(page.body, /<input type="hidden" name="page" value="2">/);
      const ids = resultIds(page.body);
      const response = await app.inject('/search/export?q=diabetes&sort=date&page=2&scope=page&format=ris');
      assert.equal(response.statusCode, 200);
      assert.match(String(response.headers['content-type']), /^application\/x-research-info-systems; charset=utf-8/);
      assert.match(String(response.headers['content-disposition']), /^attachment; filename="khub-search-\d{4}-\d{2}-\d{2}\.ris"$/);
      const records = readRis(response.body);
      assert.equal(records.length, ids.length);
      assert.deepEqual(records.map((r) => r.get('AN')?.[0]), ids.map((id) => risKey(byId.get(id)!)));
      assert.deepEqual(records.map((r) => r.get('TI')?.[0]), ids.map((id) => byId.get(id)!.title));
    });

    it('exports the whole filtered set as CSV and a formatted reference list', async (t) => {
      const app = await build(t, { dialect });
      const stored = await loadRecords(app.db, searchRecords());
      const page = await app.inject('/search?q=diabetes&la=eng');
      const total = resultCount(page.body);
      assert.ok(total > 20, 'more than one page');
      const csv = await app.inject('/search/export?q=diabetes&la=eng&scope=all&format=csv');
      assert.match(String(csv.headers['content-disposition']), /filename="khub-search-[\d-]+\.csv"/);
      const rows = parse(csv.body, { bom: true }) as string[][];
      assert.deepEqual(rows[0]?.slice(0, 7), ['khub_id', 'source', 'source_id', 'pmid', 'doi', 'pmcid', 'title']);
      const exported = rows.slice(1).map((row) => Number(row[0]));
      assert.equal(exported.length, total);
      const english = stored.filter((r) => exported.includes(r.id));
      assert.ok(english.every((r) => r.languages.includes('eng')));
      assert.deepEqual(exported, [...english].sort(newestFirst).map((r) => r.id), 'newest first');

      const references = await app.inject('/search/export?q=diabetes&la=eng&scope=page&format=vancouver');
      assert.match(String(references.headers['content-type']), /^text\/plain/);
      const first = stored.find((r) => r.id === resultIds(page.body)[0])!;
      assert.equal(references.body.split('\n')[0], formatReference(first, 'vancouver', 'text', 1).trimEnd());
      assert.equal(references.body.trimEnd().split('\n').length, 20);
    });

    it('exports the marked records as MEDLINE, and says what is wrong with a bad search or format', async (t) => {
      const app = await build(t, { dialect });
      const stored = await loadRecords(app.db, searchRecords());
      const agent = new TestAgent(app);
      await agent.get('/search?q=diabetes');
      const chosen = stored.filter((r) => r.pmid).slice(0, 3).map((r) => r.id).reverse();
      const payload = new URLSearchParams({ _csrf: agent.csrfToken ?? '', action: 'mark', returnTo: '/search/marked' });
      for (const id of chosen) payload.append('id', String(id));
      await agent.request({ method: 'POST', url: '/search/marked', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: payload.toString() });
      const marked = await agent.get('/search/marked');
      assert.match(marked.body, /<input type="hidden" name="scope" value="marked">/);
      const medline = await agent.get('/search/export?scope=marked&format=medline');
      assert.match(String(medline.headers['content-disposition']), /filename="khub-marked-[\d-]+\.nbib"/);
      const pmids = [...medline.body.matchAll(/^PMID- (\d+)/gm)].map((m) => m[1]);
      assert.deepEqual(pmids, chosen.map((id) => stored.find((r) => r.id === id)!.pmid));
      assert.equal((await app.inject('/search/export?scope=marked&format=ris')).body, '', 'another browser has no marked records');

      const broken = await app.inject('/search/export?q=(diabetes&scope=all&format=ris');
      assert.equal(broken.statusCode, 400);
      assert.match(broken.body, /line 1, column \d+/);
      const badFormat = await app.inject({ url: '/search/export?q=diabetes&format=docx', headers: { accept: 'application/json' } });
      assert.equal(badFormat.statusCode, 400);
      assert.equal(badFormat.json<{ error: { code: string } }>().error.code, 'validation_failed');
    });

    it('streams a whole result set of 3,000 records in order, chunked', async (t) => {
      const app = await build(t, { dialect });
      const stored = await loadRecords(app.db, syntheticRecords(3000));
      await app.listen({ port: 0, host: '127.0.0.1' });
      const { port } = app.server.address() as AddressInfo;
      const response = await fetchChunks(`http://127.0.0.1:${port}/search/export?q=cohort&scope=all&format=ris`);
      assert.equal(response.headers['transfer-encoding'], 'chunked');
      assert.equal(response.headers['content-length'], undefined);
      assert.ok(response.chunks > 1, `arrived in ${response.chunks} chunks`);
      const records = readRis(response.body);
      assert.equal(records.length, 3000);
      assert.deepEqual(records.map((r) => r.get('AN')?.[0]), [...stored].sort(newestFirst).map(risKey));
    });
  });
}
