import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { delaySeconds } from './throttle.js';

describe('sign-in delays', () => {
  const cases: [number, number, number][] = [
    [1, 3, 0],
    [3, 3, 0],
    [4, 3, 1],
    [5, 3, 2],
    [8, 3, 16],
    [20, 3, 900],
    [200, 3, 900],
    [20, 20, 0],
    [21, 20, 1],
  ];
  for (const [failures, free, expected] of cases) {
    it(`waits ${expected} s after ${failures} failures with ${free} free tries`, () => {
      assert.equal(delaySeconds(failures, free), expected);
    });
  }
});
