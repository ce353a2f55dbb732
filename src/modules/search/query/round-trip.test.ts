import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { parseQuery } from './parser.js';
import { printCanonical } from './print-canonical.js';
import { parseStrategy } from './strategy.js';
import { stripSpans } from './strip.js';
import { queryArbitrary } from '../../../../test/helpers/query/ast-arbitrary.js';
import { clefStrategies, sysrevQueries } from '../../../../test/helpers/query/real-strategies.js';

function roundTrip(text: string) {
  const first = parseQuery(text).root;
  const canonical = printCanonical(first).text;
  let again;
  try {
    again = parseQuery(canonical).root;
  } catch (error) {
    throw new Error(`canonical form ${canonical} of ${text} does not parse: ${(error as Error).message}`);
  }
  return { first, canonical, again };
}

describe('canonical form round trip', () => {
  it('parses back to the same tree for any tree (random trees, tricky characters)', () => {
    fc.assert(
      fc.property(queryArbitrary(), (tree) => {
        const canonical = printCanonical(tree).text;
        assert.deepEqual(stripSpans(parseQuery(canonical).root), stripSpans(tree), canonical);
      }),
      { numRuns: 2000 },
    );
  });

  it('parses back to the same tree for every search line of the real strategies', () => {
    let checked = 0;
    for (const { query } of [...clefStrategies(), ...sysrevQueries()]) {
      for (const line of parseStrategy(query)) {
        if (line.kind !== 'query') continue;
        const { first, again, canonical } = roundTrip(line.text);
        assert.deepEqual(stripSpans(again), stripSpans(first), canonical);
        checked += 1;
      }
    }
    assert.ok(checked > 1400, `only ${checked} lines checked`);
  });

  it('brackets every operator and spells out every field', () => {
    const cases: [string, string][] = [
      ['a AND b OR c', '((a AND b) OR c)'],
      ['children OR adolescents AND obesity', '(children OR (adolescents AND obesity))'],
      ['(pain adj3 back).ti,ab.', '(pain NEAR/2 back)[fields:title,abstract]'],
      ['therap*[tiab]', 'therap*[fields:title,abstract,keywords]'],
      ['exp Dementia/bl, cf [Blood, Cerebrospinal Fluid]', '"Dementia/bl/cf"[mh]'],
      ['*Positron-Emission Tomography/', '"Positron-Emission Tomography"[majr:noexp]'],
      ['limit 6 to (english language and humans and yr="2015-2024")', 'limit (#6) to (la="english" and humans and yr="2015-2024")'],
      ['"covid 19" OR 2019[dp] OR smith j*[au]', '("covid 19" OR 2019[dp] OR "smith j*"[au])'],
      ['heart AND "19"', '(heart AND "19")'],
      ['or/1-3', '(#1 OR #2 OR #3)'],
    ];
    for (const [input, expected] of cases) assert.equal(printCanonical(parseQuery(input).root).text, expected, input);
  });
});
