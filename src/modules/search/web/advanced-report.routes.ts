/**
 * The strategy report (PRISMA-S style): every line with its number, the search as typed, its hits and
 * when it ran, and which database it ran on ("khub, N records, index as of …"). As a printable page and
 * as plain text to download and paste into a review's appendix.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { Database } from '../../../platform/db/database.js';
import { listVocabularies } from '../../thesaurus/index.js';
import { type HistoryLine, listHistory } from '../history/history.service.js';
import { historyOwner } from './advanced-history.js';
import { errorMessage } from './advanced-search.view.js';

export interface SearchedDatabase {
  readonly records: number;
  /** The newest record change the index holds; null when the index is empty. */
  readonly indexAsOf: string | null;
  readonly meshYear: number | null;
}

export async function searchedDatabase(db: Kysely<Database>): Promise<SearchedDatabase> {
  const { rows } = await sql<{ n: number | string; latest: string | Date | null }>`select count(*) as n, max(record_updated_at) as latest from search_document`.execute(db);
  const latest = rows[0]?.latest ?? null;
  const vocabularies = await listVocabularies(db);
  return { records: Number(rows[0]?.n ?? 0), indexAsOf: latest === null ? null : new Date(latest).toISOString(), meshYear: vocabularies[0]?.year ?? null };
}

/** "khub, 1,234 records, index as of 2026-11-22 09:15 UTC, MeSH 2024". */
export function databaseLine(database: SearchedDatabase): string {
  const asOf = database.indexAsOf ? `, index as of ${utc(database.indexAsOf)}` : ', index empty';
  return `khub, ${database.records.toLocaleString('en-GB')} records${asOf}${database.meshYear ? `, MeSH ${database.meshYear}` : ''}`;
}

/** An unambiguous time for a methods section: `2026-11-22 09:15 UTC`. */
export const utc = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;

const hitsText = (line: HistoryLine) => (line.error ? `error: ${errorMessage(line.error)}` : (line.hits ?? 0).toLocaleString('en-GB'));

/** The report as plain text, one line per search, columns separated by tabs-free padding for pasting. */
export function reportText(lines: readonly HistoryLine[], database: SearchedDatabase, now: Date): string {
  const header = [`Search strategy report`, `Database: ${databaseLine(database)}`, `Report made: ${utc(now.toISOString())}`, `Lines: ${lines.length}`, ''];
  const width = Math.max(4, ...lines.map((l) => `#${l.number}`.length));
  const hitsWidth = Math.max(7, ...lines.map((l) => (l.error ? 0 : hitsText(l).length)));
  const table = [
    `${'Line'.padEnd(width)}  ${'Results'.padStart(hitsWidth)}  ${'Run at'.padEnd(20)}  Search`,
    ...lines.map((l) => `${`#${l.number}`.padEnd(width)}  ${(l.error ? '–' : hitsText(l)).padStart(hitsWidth)}  ${utc(l.runAt).padEnd(20)}  ${l.text}${l.error ? `\n${' '.repeat(width + hitsWidth + 26)}(${hitsText(l)})` : ''}`),
  ];
  return [...header, ...table, ''].join('\n');
}

export async function advancedReportRoutes(app: FastifyInstance): Promise<void> {
  async function linesOf(request: FastifyRequest) {
    const owner = await historyOwner(app.db, request, false);
    return owner ? listHistory(app.db, owner) : [];
  }

  app.get('/search/advanced/report', async (request, reply) => {
    const lines = await linesOf(request);
    const database = await searchedDatabase(app.db);
    const now = new Date();
    return reply.view('search/views/advanced-report.njk', {
      pageTitle: 'Strategy report – Expert search',
      database: databaseLine(database),
      madeAt: utc(now.toISOString()),
      rows: lines.map((l) => ({ number: l.number, text: l.text, hits: l.hits, error: l.error ? errorMessage(l.error) : null, runAt: utc(l.runAt) })),
    });
  });

  app.get('/search/advanced/report.txt', async (request, reply) => {
    const lines = await linesOf(request);
    const now = new Date();
    const text = reportText(lines, await searchedDatabase(app.db), now);
    return reply
      .header('content-type', 'text/plain; charset=utf-8')
      .header('content-disposition', `attachment; filename="search-strategy-${now.toISOString().slice(0, 10)}.txt"`)
      .send(text);
  });
}
