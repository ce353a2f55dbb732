import assert from 'node:assert/strict';
import { it } from 'node:test';
import { editDistance } from './edit-distance.js';

/** The textbook definition (full table, no early stop), to check the fast one against. */
function reference(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const row = d[i] as number[];
      const up = d[i - 1] as number[];
      row[j] = Math.min(up[j] as number, row[j - 1] as number) + 1;
      row[j] = Math.min(row[j] as number, (up[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) row[j] = Math.min(row[j] as number, ((d[i - 2] as number[])[j - 2] as number) + 1);
    }
  }
  return (d[a.length] as number[])[b.length] as number;
}

it('counts insertions, deletions, substitutions and swaps of neighbours as one each', () => {
  assert.equal(editDistance('diabtees', 'diabetes', 2), 1);
  assert.equal(editDistance('astma', 'asthma', 2), 1);
  assert.equal(editDistance('asthmaa', 'asthma', 2), 1);
  assert.equal(editDistance('insulim', 'insulin', 2), 1);
  assert.equal(editDistance('diabetis', 'diabetes', 2), 1);
  assert.equal(editDistance('hypertension', 'hypertension', 2), 0);
});

it('agrees with the full-table definition up to the limit, and says "more" beyond it', () => {
  const words = ['diabetes', 'diabetic', 'dibetes', 'iadbetes', 'asthma', 'ashtma', 'a', '', 'abc', 'cab', 'insulin', 'insulins', 'ca', 'ac'];
  for (const a of words) {
    for (const b of words) {
      for (const max of [0, 1, 2, 3]) assert.equal(editDistance(a, b, max), Math.min(reference(a, b), max + 1), `${a} → ${b} within ${max}`);
    }
  }
});
