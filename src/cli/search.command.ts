import { readFile } from 'node:fs/promises';
import { Command } from 'commander';
import type { Kysely } from 'kysely';
import { getRecordStats } from '../modules/records/index.js';
import {
  type HistoryLine,
  type RankedResult,
  type Segment,
  QuerySyntaxError,
  clearHistory,
  countMatches,
  databaseHistoryEngine,
  formatWithCaret,
  firstRankedPage,
  parseQuery,
  printCanonical,
  rebuildSearchIndex,
  runStrategy,
  syncSearchIndex,
} from '../modules/search/index.js';
import type { Database } from '../platform/db/database.js';
import { databaseOption, withMigratedDatabase } from './options.js';
import { type ProgressReporter, createProgress } from './progress.js';

/** Where the command writes: answers on stdout, problems and progress on stderr. */
export interface SearchOutput {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
  readonly progress: ProgressReporter;
}

interface Options {
  database?: string;
  history?: string;
  limit: number;
  json?: boolean;
  rebuildIndex?: boolean;
}

const count = (n: number) => new Intl.NumberFormat('en-GB').format(n);

/** Brings the search index level with the records first, so the answer covers every imported record. */
async function ensureIndex(db: Kysely<Database>, options: Options, output: SearchOutput): Promise<void> {
  const total = (await getRecordStats(db)).records;
  const onProgress = (p: { checked: number }) => output.progress.update('Checking the search index', p.checked, total, 'rows');
  const summary = options.rebuildIndex ? await rebuildSearchIndex(db, { onProgress }) : await syncSearchIndex(db, { onProgress });
  output.progress.stop();
  if (summary.indexed > 0 || summary.deleted > 0) output.stderr.write(`search index: ${count(summary.indexed)} records indexed, ${count(summary.deleted)} removed\n`);
}

/** The numbered history as a table: line, hits, time, the query as read (or its error). */
export function formatHistory(lines: readonly HistoryLine[]): string {
  const rows = lines.map((line) => {
    const shown = line.query ? printCanonical(line.query).text : line.text;
    const outcome = line.error ? `error: ${line.error.message}` : shown;
    return [`#${line.number}`, line.label ?? '', line.hits === null ? '–' : count(line.hits), line.runMs === null ? '' : `${line.runMs.toFixed(0)} ms`, outcome];
  });
  const header = ['line', 'label', 'hits', 'time', 'search (as khub read it)'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const pad = (cells: string[]) => cells.map((cell, i) => (i === 2 || i === 3 ? cell.padStart(widths[i] ?? 0) : i === cells.length - 1 ? cell : cell.padEnd(widths[i] ?? 0))).join('  ');
  return `${[pad(header), ...rows.map(pad)].join('\n')}\n`;
}

/** Segments as terminal text, matches in `**bold**` (Markdown's marking, readable as plain text). */
export function markSegments(segments: readonly Segment[]): string {
  return segments.map((segment) => (segment.match ? `**${segment.text}**` : segment.text)).join('').replace(/\s+/g, ' ');
}

/** A result as two lines: source, year and title; then the abstract fragment, indented. */
function formatResult({ record, snippet }: RankedResult): string {
  const head = `  ${record.source}:${record.sourceId}  ${record.publicationDate.year ?? '    '}  ${markSegments(snippet.title)}\n`;
  const fragment = snippet.abstract;
  if (!fragment) return head;
  const text = `${fragment.label ? `${fragment.label}: ` : ''}${fragment.omittedBefore ? '… ' : ''}${markSegments(fragment.segments).trim()}${fragment.omittedAfter ? ' …' : ''}`;
  return `${head}      ${text}\n`;
}

async function runOne(db: Kysely<Database>, text: string, options: Options, output: SearchOutput): Promise<number> {
  let root;
  try {
    root = parseQuery(text).root;
  } catch (error) {
    if (!(error instanceof QuerySyntaxError)) throw error;
    output.stderr.write(`${formatWithCaret(text, error.toDetails())}\n`);
    return 1;
  }
  const hits = await countMatches(db, root);
  const page = await firstRankedPage(db, root, options.limit, { hits });
  if (options.json) {
    const records = page.map(({ record: r, snippet }) => ({ id: r.id, source: r.source, sourceId: r.sourceId, title: r.title, year: r.publicationDate.year, snippet }));
    output.stdout.write(`${JSON.stringify({ query: printCanonical(root).text, hits, records })}\n`);
    return 0;
  }
  output.stdout.write(`${count(hits)} record${hits === 1 ? '' : 's'} for ${printCanonical(root).text}\n`);
  for (const result of page) output.stdout.write(formatResult(result));
  return 0;
}

async function runHistory(db: Kysely<Database>, file: string, options: Options, output: SearchOutput): Promise<number> {
  const text = await readFile(file, 'utf8');
  // A history for this run only: the command line has no session to keep it in.
  const owner = `cli:${process.pid}:${Date.now()}`;
  try {
    const lines = await runStrategy(db, owner, text, databaseHistoryEngine(db));
    if (options.json) for (const line of lines) output.stdout.write(`${JSON.stringify({ line: line.number, label: line.label, text: line.text, hits: line.hits, ms: line.runMs, error: line.error })}\n`);
    else output.stdout.write(formatHistory(lines));
    return lines.some((line) => line.error) ? 2 : 0;
  } finally {
    await clearHistory(db, owner);
  }
}

/** Runs `khub search`; returns the exit code (2 when some history lines had errors). */
export async function runSearch(query: string | undefined, options: Options, output: SearchOutput): Promise<number> {
  if (!query && !options.history) throw new Error('give a search (khub search "asthma[mh] AND inhaler*") or --history FILE');
  return withMigratedDatabase(
    options,
    async (db) => {
      await ensureIndex(db, options, output);
      return options.history ? runHistory(db, options.history, options, output) : runOne(db, query as string, options, output);
    },
    () => output.progress.stop(),
  );
}

export function searchCommand(output?: SearchOutput): Command {
  const io = (): SearchOutput => output ?? { stdout: process.stdout, stderr: process.stderr, progress: createProgress(process.stderr) };
  return new Command('search')
    .description('search the records: one search (hits and the first records), or a whole strategy as a numbered history with hit counts')
    .argument('[query]', 'a search in PubMed, Ovid or khub syntax')
    .option('--history <file>', 'run a strategy file line by line and print the numbered history with counts')
    .option('--limit <n>', 'records to list for a single search', (v) => Number.parseInt(v, 10), 10)
    .option('--json', 'one JSON object (or one per history line)')
    .option('--rebuild-index', 'rebuild the search index from scratch before searching')
    .addOption(databaseOption())
    .action(async (query: string | undefined, options: Options) => {
      process.exitCode = await runSearch(query, options, io());
    });
}
