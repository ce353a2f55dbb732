import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { evaluateRun, ndcgAt, rankedDocuments, recallAt } from './relevance-metrics.js';

const judged = (entries: [string, number][]) => new Map(entries);
const close = (actual: number, expected: number) => assert.ok(Math.abs(actual - expected) < 1e-12, `${actual} ≈ ${expected}`);

describe('relevance metrics (trec_eval definitions)', () => {
  it('ranks by score and breaks ties by document id, descending, as trec_eval does', () => {
    assert.deepEqual(rankedDocuments(new Map([['a', 1], ['c', 2], ['b', 1], ['d', 0.5]])), ['c', 'b', 'a', 'd']);
  });

  it('computes nDCG@k with graded gains and a log2(rank + 1) discount', () => {
    // Relevant d1 (grade 2) at rank 2 and d2 (grade 1) at rank 3; ideal puts them at ranks 1 and 2.
    const qrels = judged([['d1', 2], ['d2', 1], ['n', 0]]);
    const dcg = 2 / Math.log2(3) + 1 / Math.log2(4);
    const ideal = 2 / Math.log2(2) + 1 / Math.log2(3);
    close(ndcgAt(10, ['x', 'd1', 'd2'], qrels), dcg / ideal);
    close(ndcgAt(2, ['x', 'd1', 'd2'], qrels), 2 / Math.log2(3) / ideal);
    assert.equal(ndcgAt(10, ['d1', 'd2'], qrels), 1);
    assert.equal(ndcgAt(10, ['n', 'x'], qrels), 0);
  });

  it('computes recall@k over all relevant documents, judged-irrelevant ones not counted', () => {
    const qrels = judged([['d1', 1], ['d2', 1], ['d3', 0]]);
    assert.equal(recallAt(100, ['d3', 'd1'], qrels), 0.5);
    assert.equal(recallAt(1, ['d3', 'd1', 'd2'], qrels), 0);
    assert.equal(recallAt(3, ['d3', 'd1', 'd2'], qrels), 1);
  });

  it('averages over every judged query, scoring a query the run did not answer as zero', () => {
    const qrels = new Map([
      ['q1', judged([['d1', 1]])],
      ['q2', judged([['d2', 1]])],
      ['q3', judged([['d3', 0]])],
    ]);
    const run = new Map([['q1', new Map([['d1', 3.2], ['x', 1]])]]);
    const summary = evaluateRun(qrels, run);
    assert.equal(summary.queries, 2, 'q3 has no relevant document and is not averaged');
    assert.equal(summary.ndcgAt10, 0.5);
    assert.equal(summary.recallAt100, 0.5);
    assert.deepEqual(summary.perQuery.get('q2'), { ndcgAt10: 0, recallAt100: 0 });
  });
});
