import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { Sequence } from '../engine/resolved.js';
import { tsqueryLeaf } from './postgres.js';

const words = (...tokens: string[]): Sequence[] => tokens.map((token) => [{ kind: 'exact', token }]);
const distances = (tsquery: string) => tsquery.match(/<\d+>/g)?.length ?? 0;

it('writes a proximity of two ORs of words once per distance, not once per pair of words', () => {
  const small = tsqueryLeaf({ kind: 'near', fields: ['title'], operands: [words('knee'), words('pain')], maxBetween: 3 });
  const wide = tsqueryLeaf({
    kind: 'near',
    fields: ['title'],
    operands: [[...words('knee', 'hip', 'ankle', 'wrist'), [{ kind: 'prefix', prefix: 'should' }]], words('pain', 'ache', 'stiffness')],
    maxBetween: 3,
  });
  // Four distances in each order, and the overlap (both on one position).
  assert.equal(distances(small), 9);
  assert.equal(distances(wide), 9);
  assert.match(wide, /\('ti:knee' \| 'ti:hip' \| 'ti:ankle' \| 'ti:wrist' \| 'ti:should':\*\)/);
});

it('keeps an alternative of several tokens as its own phrase beside the grouped words', () => {
  const tsquery = tsqueryLeaf({
    kind: 'near',
    fields: ['abstract'],
    operands: [[...words('pain', 'ache'), [{ kind: 'exact', token: 'low' }, { kind: 'exact', token: 'back' }]], words('chronic')],
    maxBetween: 0,
  });
  assert.match(tsquery, /\(\('ab:pain' \| 'ab:ache'\)\) <1> \('ab:chronic'\)/);
  assert.match(tsquery, /\('ab:low' <-> 'ab:back'\) <1> \('ab:chronic'\)/);
});
