/** One backend's measurements: the query mix, the raw floor for simple lines, the 20% term, MiniSearch. */
import type { Kysely, Transaction } from 'kysely';
import { type QueryNode, countMatches, databaseHistoryEngine, firstRankedPage, parseQuery } from '../../src/modules/search/index.js';
import type { ProgressReporter } from '../../src/cli/progress.js';
import type { Database } from '../../src/platform/db/database.js';
import type { Peer } from './minisearch-peer.js';
import { type LineRun, PAGE_SIZE, type Strategy, lineCount, runStrategyTimed } from './query-mix.js';
import { type SimpleLine, rawCount } from './simple-lines.js';
import { type Spread, spread } from './stats.js';

type Db = Kysely<Database> | Transaction<Database>;

/** Runs per measurement where one sample per line is not enough (floor, the 20% term). */
const REPEATS = { floor: 5, term: 10 } as const;

export interface FloorRun {
  readonly strategy: string;
  readonly ordinal: number;
  readonly engineMs: number;
  readonly rawMs: number;
  readonly engineHits: number;
  readonly rawHits: number;
}

export interface TermRun {
  readonly term: string;
  readonly hits: number;
  readonly count: Spread;
  readonly page: Spread;
  readonly raw: Spread;
}

export interface PeerRun {
  readonly strategy: string;
  readonly ordinal: number;
  readonly ms: number;
  readonly hits: number;
  /** khub's count + first page for the same line, from the query mix. */
  readonly khubMs: number;
  readonly khubHits: number;
}

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await work();
  return { ms: performance.now() - started, value };
}

const median = (values: readonly number[]) => spread(values).p50;

/** Every line of every strategy, count and first page timed. */
export async function measureMix(db: Db, list: readonly Strategy[], progress: ProgressReporter, phase: string): Promise<LineRun[]> {
  const total = lineCount(list, databaseHistoryEngine(db as Kysely<Database>).parseStrategy);
  const runs: LineRun[] = [];
  for (const strategy of list) {
    await runStrategyTimed(db, strategy, (run) => {
      runs.push(run);
      progress.update(phase, runs.length, total, 'rows');
    });
    // Without a terminal there is no bar: a line per strategy shows the run is alive.
    if (!process.stderr.isTTY) process.stderr.write(`${phase}: ${runs.length} of ${total} lines\n`);
  }
  progress.stop();
  return runs;
}

/** The engine's count against the hand-written raw query, interleaved, median of a few runs each. */
export async function measureFloor(db: Db, dialect: 'sqlite' | 'postgres', runs: readonly LineRun[], progress: ProgressReporter, phase: string): Promise<FloorRun[]> {
  const simple = runs.filter((r): r is LineRun & { simple: SimpleLine; root: QueryNode } => r.simple !== null && r.root !== null && r.hits !== null);
  const floor: FloorRun[] = [];
  for (const run of simple) {
    const root = run.root;
    const engine: number[] = [];
    const raw: number[] = [];
    let hits = { engine: 0, raw: 0 };
    // One untimed run of each warms the caches; then the order alternates, so neither always goes first.
    await countMatches(db, root);
    await rawCount(db, dialect, run.simple);
    for (let i = 0; i < REPEATS.floor; i++) {
      const runEngine = () => timed(() => countMatches(db, root));
      const runRaw = () => timed(() => rawCount(db, dialect, run.simple));
      const [e, r] = i % 2 === 0 ? [await runEngine(), await runRaw()] : await runRaw().then(async (first) => [await runEngine(), first] as const);
      engine.push(e.ms);
      raw.push(r.ms);
      hits = { engine: e.value, raw: r.value };
    }
    floor.push({ strategy: run.strategy, ordinal: run.ordinal, engineMs: median(engine), rawMs: median(raw), engineHits: hits.engine, rawHits: hits.raw });
    progress.update(phase, floor.length, simple.length, 'rows');
  }
  progress.stop();
  return floor;
}

/** The 20% term: count, first page and the raw count, each a few times after one warm-up. */
export async function measureTerm(db: Db, dialect: 'sqlite' | 'postgres', term: string): Promise<TermRun> {
  const root = parseQuery(term).root;
  const simple: SimpleLine = { leaves: [{ fields: ['title', 'abstract', 'keywords', 'meshWords'], tokens: [term], truncated: false }] };
  const samples = { count: [] as number[], page: [] as number[], raw: [] as number[] };
  let hits = 0;
  for (let i = 0; i <= REPEATS.term; i++) {
    const c = await timed(() => countMatches(db, root));
    const p = await timed(() => firstRankedPage(db, root, PAGE_SIZE, { hits: c.value }));
    const r = await timed(() => rawCount(db, dialect, simple));
    hits = c.value;
    if (i === 0) continue;
    samples.count.push(c.ms);
    samples.page.push(p.ms);
    samples.raw.push(r.ms);
  }
  return { term, hits, count: spread(samples.count), page: spread(samples.page), raw: spread(samples.raw) };
}

/** MiniSearch on the simple lines it can run (title/abstract ones), median of a few runs each. */
export function measurePeer(peer: Peer, runs: readonly LineRun[]): PeerRun[] {
  const result: PeerRun[] = [];
  for (const run of runs) {
    if (!run.simple || run.hits === null || run.countMs === null || run.pageMs === null) continue;
    const samples: number[] = [];
    let hits = -1;
    for (let i = 0; i < REPEATS.floor; i++) {
      const started = performance.now();
      const answer = peer.search(run.simple);
      samples.push(performance.now() - started);
      hits = answer?.hits ?? -1;
    }
    if (hits < 0) continue;
    result.push({ strategy: run.strategy, ordinal: run.ordinal, ms: median(samples), hits, khubMs: run.countMs + run.pageMs, khubHits: run.hits });
  }
  return result;
}
