/** The search benchmark's tables, printed as Markdown (pasted as is into docs/performance.md). */
import type { FloorRun, PeerRun, TermRun } from './measure.js';
import { type LineRun, PAGE_SIZE } from './query-mix.js';
import { count, ms, ratio, spread, spreadCells, table } from './stats.js';

/** Everything measured for one backend at one size. */
export interface BackendResult {
  readonly size: number;
  /** sqlite, postgres (RUM), postgres (GIN). */
  readonly backend: string;
  readonly prepareSeconds: number;
  readonly lines: readonly LineRun[];
  readonly floor: readonly FloorRun[];
  readonly term: TermRun;
}

export interface PeerResult {
  readonly size: number;
  readonly indexSeconds: number;
  readonly heapMb: number;
  readonly runs: readonly PeerRun[];
  readonly term: { readonly ms: ReturnType<typeof spread>; readonly hits: number } | null;
}

const timedLines = (r: BackendResult) => r.lines.filter((l) => l.countMs !== null && l.pageMs !== null);

export function mixTable(results: readonly BackendResult[]): string {
  const rows = results.map((r) => {
    const timed = timedLines(r);
    const refused = r.lines.filter((l) => l.refused !== null).length;
    return [count(r.size), r.backend, count(timed.length), count(refused), ...spreadCells(spread(timed.map((l) => l.countMs ?? 0))), ...spreadCells(spread(timed.map((l) => l.pageMs ?? 0)))];
  });
  return table(['records', 'backend', 'lines timed', 'refused', 'count p50 ms', 'p95', 'max', `first page (${PAGE_SIZE}) p50 ms`, 'p95', 'max'], rows, [0, 2, 3, 4, 5, 6, 7, 8, 9]);
}

/** Engine time over raw time summed over the simple lines: the overhead weighted by where the time goes. */
const totalRatio = (r: BackendResult) => r.floor.reduce((sum, f) => sum + f.engineMs, 0) / Math.max(r.floor.reduce((sum, f) => sum + f.rawMs, 0), 1e-6);

export function floorTable(results: readonly BackendResult[]): string {
  const rows = results.map((r) => {
    const ratios = r.floor.map((f) => f.engineMs / Math.max(f.rawMs, 1e-6));
    const mismatches = r.floor.filter((f) => f.engineHits !== f.rawHits).length;
    const engine = spread(r.floor.map((f) => f.engineMs));
    const raw = spread(r.floor.map((f) => f.rawMs));
    const perLine = spread(ratios);
    return [count(r.size), r.backend, count(r.floor.length), ms(engine.p50), ms(engine.p95), ms(raw.p50), ms(raw.p95), ratio(perLine.p50), ratio(perLine.p95), ratio(engine.p95 / raw.p95), ratio(totalRatio(r)), String(mismatches)];
  });
  return table(
    ['records', 'backend', 'simple lines', 'engine p50 ms', 'engine p95', 'raw p50 ms', 'raw p95', 'ratio p50 (per line)', 'ratio p95 (per line)', 'p95/p95', 'total/total', 'count differs'],
    rows,
    [0, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11],
  );
}

export function termTable(results: readonly BackendResult[]): string {
  const rows = results.map((r) => [count(r.size), r.backend, `${r.term.term} (${((100 * r.term.hits) / r.size).toFixed(1)}%)`, ...spreadCells(r.term.count), ...spreadCells(r.term.page), ms(r.term.raw.p50)]);
  return table(['records', 'backend', 'term (share of records)', 'count p50 ms', 'p95', 'max', 'first page p50 ms', 'p95', 'max', 'raw count p50 ms'], rows, [0, 3, 4, 5, 6, 7, 8, 9]);
}

export function peerTable(peers: readonly PeerResult[]): string {
  const rows = peers.map((p) => {
    const mini = spread(p.runs.map((r) => r.ms));
    const khub = spread(p.runs.map((r) => r.khubMs));
    const same = p.runs.filter((r) => r.hits === r.khubHits).length;
    return [count(p.size), count(p.runs.length), ...spreadCells(mini), ...spreadCells(khub), `${same} of ${p.runs.length}`, p.term ? `${ms(p.term.ms.p50)} / ${ms(p.term.ms.p95)}` : '–', p.indexSeconds.toFixed(1), Math.round(p.heapMb).toString()];
  });
  return table(
    ['records', 'lines', 'MiniSearch p50 ms', 'p95', 'max', 'khub SQLite count+page p50 ms', 'p95', 'max', 'same hit count', '20% term p50 / p95 ms', 'index s', 'index heap MB'],
    rows,
    [0, 1, 2, 3, 4, 5, 6, 7, 9, 10, 11],
  );
}

/** Refused lines grouped by reason, each group with its lines (strategy #ordinal). */
export function refusedList(result: BackendResult): string {
  const groups = new Map<string, LineRun[]>();
  for (const line of result.lines) if (line.refused !== null) groups.set(line.refused, [...(groups.get(line.refused) ?? []), line]);
  const sorted = [...groups].sort((a, b) => b[1].length - a[1].length);
  return sorted.map(([reason, lines]) => `- ${lines.length} × ${reason}: ${lines.map((l) => `${l.strategy} #${l.ordinal}`).join(', ')}`).join('\n');
}

/** The slowest lines (count + page), to see what a p95 is made of. */
export function slowest(result: BackendResult, n = 8): string {
  const lines = [...timedLines(result)].sort((a, b) => (b.countMs ?? 0) + (b.pageMs ?? 0) - ((a.countMs ?? 0) + (a.pageMs ?? 0))).slice(0, n);
  const shorten = (text: string) => (text.length > 90 ? `${text.slice(0, 87)}…` : text).replace(/\|/g, '\\|').replace(/\s+/g, ' ');
  return table(
    ['line', 'hits', 'count ms', 'page ms', 'text'],
    lines.map((l) => [`${l.strategy} #${l.ordinal}`, count(l.hits ?? 0), ms(l.countMs ?? 0), ms(l.pageMs ?? 0), shorten(l.text)]),
    [1, 2, 3],
  );
}

/** The issue's targets, checked on one backend's figures. */
export function targets(result: BackendResult): string {
  const timed = timedLines(result);
  const countP95 = spread(timed.map((l) => l.countMs ?? 0)).p95;
  const pageP95 = spread(timed.map((l) => l.pageMs ?? 0)).p95;
  const overhead = spread(result.floor.map((f) => f.engineMs / Math.max(f.rawMs, 1e-6))).p50;
  const verdict = (ok: boolean) => (ok ? 'met' : 'MISSED');
  return [
    `- hit count p95 ≤ 200 ms: ${ms(countP95)} ms — ${verdict(countP95 <= 200)}`,
    `- first ranked page p95 ≤ 150 ms: ${ms(pageP95)} ms (mix), ${ms(result.term.page.p95)} ms (20% term) — ${verdict(pageP95 <= 150 && result.term.page.p95 <= 150)}`,
    `- overhead over the raw query ≤ 1.2×: per-line median ratio ${ratio(overhead)} — ${verdict(overhead <= 1.2)}; total time ratio ${ratio(totalRatio(result))} — ${verdict(totalRatio(result) <= 1.2)}`,
  ].join('\n');
}
