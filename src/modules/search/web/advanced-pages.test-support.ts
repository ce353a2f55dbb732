/** Reading the expert search pages in route tests: the history table and the agent that builds it. */
import type { FastifyInstance } from 'fastify';
import { SAMPLE_MESH, loadRecords } from '../../../../test/helpers/search-engine.js';
import { normaliseHtml } from '../../../../test/helpers/html.js';
import type { TestAgent } from '../../../../test/helpers/agent.js';
import { searchRecords } from '../../../../test/e2e/support/search-records.js';
import type { StoredRecord } from '../../records/index.js';
import { importMesh } from '../../thesaurus/index.js';

export interface ShownLine {
  readonly number: number;
  readonly text: string;
  readonly hits: number | null;
  readonly error: string | null;
}

export const unescapeHtml = (s: string) => s.replaceAll('&quot;', '"').replaceAll('&#39;', "'").replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&');
const plain = (html: string) => unescapeHtml(html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim());

/** The history table's lines as the page shows them. */
export function shownLines(html: string): ShownLine[] {
  const rows = [...normaliseHtml(html).matchAll(/<tr role="row" class="nhsuk-table__row" data-testid="history-line" data-line="(\d+)">([\s\S]*?)<\/tr>/g)];
  return rows.map((m) => {
    const row = m[2] ?? '';
    const hits = plain(/data-testid="line-hits">([\s\S]*?)<\/span>/.exec(row)?.[1] ?? '');
    const error = /data-testid="line-error">([\s\S]*?)<\/p>/.exec(row)?.[1];
    return {
      number: Number(m[1]),
      text: unescapeHtml(/data-testid="line-text">([\s\S]*?)<\/code>/.exec(row)?.[1] ?? ''),
      hits: hits === '–' ? null : Number(hits.replace(/,/g, '')),
      error: error === undefined ? null : plain(error).replace(/^Error:\s*/, ''),
    };
  });
}

/** The text of the error summary's items. */
export const summaryErrors = (html: string) => [...normaliseHtml(html).matchAll(/<div class="nhsuk-error-summary"[\s\S]*?<\/div>/g)].flatMap((m) => [...m[0].matchAll(/<a href="[^"]*">([\s\S]*?)<\/a>/g)].map((a) => plain(a[1] ?? '')));

/** The success banners' text. */
export const banners = (html: string) => [...normaliseHtml(html).matchAll(/nhsuk-notification-banner__heading">([\s\S]*?)<\/(?:h3|p)>/g)].map((m) => plain(m[1] ?? ''));

/** The result count `/search` shows ("12 results"), as a number. */
export function resultTotal(html: string): number | undefined {
  const text = /data-testid="result-count"[^>]*>([\s\S]*?)<\//.exec(normaliseHtml(html))?.[1];
  return text === undefined ? undefined : Number(plain(text).replace(/[^\d]/g, '') || 0);
}

/** The text a word without a field tag is searched in: title, abstract, keywords and MeSH heading words. */
const words = (r: StoredRecord) => [r.title, r.abstract ?? '', ...r.keywords, ...r.mesh.map((h) => h.name)].join(' ').toLowerCase();
export const mentions = (word: string) => (r: StoredRecord) => new RegExp(`\\b${word}\\b`).test(words(r));

/** The search records and the sample MeSH in the app's database. */
export async function loadSearchData(app: FastifyInstance): Promise<StoredRecord[]> {
  await importMesh(app.db, [SAMPLE_MESH], { year: 2024 });
  return loadRecords(app.db, searchRecords());
}

/** Opens the history page (for the CSRF token), then runs a line; returns the answer. */
export async function runLine(agent: TestAgent, q: string) {
  if (!agent.csrfToken) await agent.get('/search/advanced');
  return agent.submit('/search/advanced/lines', { q });
}

export async function historyOf(agent: TestAgent): Promise<ShownLine[]> {
  return shownLines((await agent.get('/search/advanced')).body);
}
