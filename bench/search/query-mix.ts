/**
 * The query mix: every line of the 50 CLEF TAR 2017 strategies, each strategy run as a search
 * history (so `1 or 2`, `#3 AND #4` resolve), with each line's hit count and its first ranked page
 * (records and snippets) timed separately. Lines the engine refuses are counted, not timed.
 */
import type { Kysely, Transaction } from 'kysely';
import { type HistoryEngine, type QueryNode, addLine, clearHistory, countMatches, databaseHistoryEngine, firstRankedPage } from '../../src/modules/search/index.js';
import type { Database } from '../../src/platform/db/database.js';
import { clefStrategies } from '../../test/helpers/query/real-strategies.js';
import { type SimpleLine, simpleLine } from './simple-lines.js';

type Db = Kysely<Database> | Transaction<Database>;

/** Records on the first ranked page. */
export const PAGE_SIZE = 20;

export interface LineRun {
  readonly strategy: string;
  /** The line's position among the strategy's searches, and its label as written. */
  readonly ordinal: number;
  readonly label: string | null;
  readonly text: string;
  readonly hits: number | null;
  readonly countMs: number | null;
  readonly pageMs: number | null;
  /** Why the line did not run: the engine's problem codes, or the history's message. */
  readonly refused: string | null;
  /** Set for lines simple enough to write by hand as one FTS5 MATCH / tsquery. */
  readonly simple: SimpleLine | null;
  /** The parsed line (not written to the JSON result). */
  readonly root: QueryNode | null;
}

export interface Strategy {
  readonly id: string;
  readonly query: string;
}

export const strategies = (): Strategy[] => clefStrategies();

/** Lines across the strategies (comments left out), for a progress bar's total. */
export function lineCount(list: readonly Strategy[], parse: HistoryEngine['parseStrategy']): number {
  return list.reduce((sum, s) => sum + parse(s.query).filter((line) => line.kind !== 'comment').length, 0);
}

interface Timed {
  hits: number;
  countMs: number;
  pageMs: number;
}

function problemCodes(error: unknown): string {
  const details = (error as { details?: { problems?: { code: string }[] } }).details;
  const codes = details?.problems?.map((p) => p.code);
  return codes && codes.length > 0 ? [...new Set(codes)].join(', ') : error instanceof Error ? error.message : String(error);
}

/**
 * Runs every line of one strategy. Mirrors `runStrategy` (src/modules/search/history/history.service.ts)
 * line by line, so each line's own timings are known; the history is cleared afterwards.
 */
export async function runStrategyTimed(db: Db, strategy: Strategy, onLine: (run: LineRun) => void): Promise<void> {
  const base = databaseHistoryEngine(db as Kysely<Database>);
  let timed: Timed | null = null;
  let refusedBy: string | null = null;
  const engine: HistoryEngine = {
    ...base,
    count: async (node: QueryNode, resolveLine) => {
      const started = performance.now();
      let hits: number;
      try {
        hits = await countMatches(db, node, { resolveLine });
      } catch (error) {
        refusedBy = problemCodes(error);
        throw error;
      }
      const counted = performance.now();
      await firstRankedPage(db, node, PAGE_SIZE, { resolveLine, hits });
      timed = { hits, countMs: counted - started, pageMs: performance.now() - counted };
      return hits;
    },
  };
  const owner = `bench:${strategy.id}:${process.pid}`;
  const labels = new Map<string, number>();
  let ordinal = 0;
  try {
    for (const line of base.parseStrategy(strategy.query)) {
      if (line.kind === 'comment') continue;
      ordinal += 1;
      timed = null;
      refusedBy = null;
      const parsed = line.kind === 'query' ? { parsed: line.query } : {};
      const saved = await addLine(db as Kysely<Database>, owner, line.text, engine, { label: line.label, labels, ...parsed });
      labels.set(line.label ?? String(ordinal), saved.number);
      const result = timed as Timed | null;
      const simple = line.kind === 'query' ? simpleLine(line.query.root) : null;
      onLine({
        strategy: strategy.id,
        ordinal,
        label: line.label,
        text: line.text,
        hits: result?.hits ?? null,
        countMs: result?.countMs ?? null,
        pageMs: result?.pageMs ?? null,
        refused: result ? null : (refusedBy ?? saved.error?.message ?? 'not run'),
        simple,
        root: line.kind === 'query' ? line.query.root : null,
      });
    }
  } finally {
    await clearHistory(db as Kysely<Database>, owner);
  }
}
