/**
 * Relevance measures with trec_eval's definitions (as pytrec_eval and the BEIR papers compute them),
 * so khub's figures compare with published ones: documents are ranked by score, ties broken by
 * document id in descending order, as trec_eval does; gains are the judged relevance grades.
 */

/** query id → document id → relevance grade (0 = judged not relevant). */
export type Qrels = ReadonlyMap<string, ReadonlyMap<string, number>>;

/** query id → document id → score (higher is better). */
export type Run = ReadonlyMap<string, ReadonlyMap<string, number>>;

/** The run's documents for one query in trec_eval order. */
export function rankedDocuments(scores: ReadonlyMap<string, number>): string[] {
  return [...scores.entries()]
    .sort(([idA, a], [idB, b]) => (b !== a ? b - a : idB < idA ? -1 : idB > idA ? 1 : 0))
    .map(([id]) => id);
}

/** trec_eval `ndcg_cut.k`: DCG over the top k (gain = grade, discount log2(rank + 1)) over the ideal DCG. */
export function ndcgAt(k: number, ranked: readonly string[], judged: ReadonlyMap<string, number>): number {
  let dcg = 0;
  ranked.slice(0, k).forEach((id, index) => {
    const gain = judged.get(id) ?? 0;
    if (gain > 0) dcg += gain / Math.log2(index + 2);
  });
  const ideal = [...judged.values()]
    .filter((grade) => grade > 0)
    .sort((a, b) => b - a)
    .slice(0, k)
    .reduce((sum, grade, index) => sum + grade / Math.log2(index + 2), 0);
  return ideal === 0 ? 0 : dcg / ideal;
}

/** trec_eval `recall.k`: relevant documents in the top k over all relevant documents. */
export function recallAt(k: number, ranked: readonly string[], judged: ReadonlyMap<string, number>): number {
  const relevant = [...judged.values()].filter((grade) => grade > 0).length;
  if (relevant === 0) return 0;
  const found = ranked.slice(0, k).filter((id) => (judged.get(id) ?? 0) > 0).length;
  return found / relevant;
}

export interface RelevanceSummary {
  /** Queries averaged over: every judged query with at least one relevant document, answered or not. */
  readonly queries: number;
  readonly ndcgAt10: number;
  readonly recallAt100: number;
  readonly perQuery: ReadonlyMap<string, { readonly ndcgAt10: number; readonly recallAt100: number }>;
}

/**
 * Means over the judged queries. A query the run has no answer for scores 0 (trec_eval `-c`); without
 * that, a system could raise its average by answering fewer queries.
 */
export function evaluateRun(qrels: Qrels, run: Run): RelevanceSummary {
  const perQuery = new Map<string, { ndcgAt10: number; recallAt100: number }>();
  for (const [queryId, judged] of qrels) {
    if (![...judged.values()].some((grade) => grade > 0)) continue;
    const ranked = rankedDocuments(run.get(queryId) ?? new Map());
    perQuery.set(queryId, { ndcgAt10: ndcgAt(10, ranked, judged), recallAt100: recallAt(100, ranked, judged) });
  }
  const mean = (pick: (m: { ndcgAt10: number; recallAt100: number }) => number) =>
    perQuery.size === 0 ? 0 : [...perQuery.values()].reduce((sum, m) => sum + pick(m), 0) / perQuery.size;
  return { queries: perQuery.size, ndcgAt10: mean((m) => m.ndcgAt10), recallAt100: mean((m) => m.recallAt100), perQuery };
}
