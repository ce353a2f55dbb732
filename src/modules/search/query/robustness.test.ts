import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { QuerySyntaxError } from './errors.js';
import { MAX_BRACKET_DEPTH, MAX_OPERATOR_DEPTH, parseQuery } from './parser.js';
import { printCanonical } from './print-canonical.js';
import { printOvid } from './print-ovid.js';
import { printPubmed } from './print-pubmed.js';
import { parseStrategy } from './strategy.js';

/** Pieces of syntax, so that random input often gets deep into the parser rather than failing at once. */
const FRAGMENTS = [
  '(', ')', ' ', ' AND ', ' or ', ' NOT ', 'and', '"', '\u201c', '\u201d', '[', ']', '[tiab]', '[mh]', '[mh:noexp]', '[tiab:~3]', '[dp]', '[au]',
  '[fields:title]', '.ti,ab.', '.tw.', '.mp.', '.fs.', '.yr.', '.ed.', '/', '/dt', 'exp ', '*', '$', '$3', '#', '#1', '?', ':', 'adj3', ' adj ',
  'NEAR/2', 'limit ', ' to ', 'or/1-5', 'and/3,4', '1', '12a', 'A', 'heart', 'attack', 'back pain', '2015:2024', '\\', '\n', ',', '.', '=', '"x"',
  '(442)', 'yr="2015-2024"', 'english language', 'Total references = 3', '[mp=title]', '[Drug Therapy]',
];

function onlySyntaxErrors(text: string): void {
  try {
    const parsed = parseQuery(text);
    // Whatever parses must also print in every syntax.
    printCanonical(parsed.root);
    printPubmed(parsed.root);
    printOvid(parsed.root);
  } catch (error) {
    if (!(error instanceof QuerySyntaxError)) throw error;
    assert.ok(error.offset >= 0 && error.offset <= text.length, `offset ${error.offset} outside the text`);
    assert.ok(error.line >= 1 && error.column >= 1);
  }
}

/** The fastest of a few runs, in milliseconds (the minimum is the least disturbed by other work). */
function fastest(run: () => void, times = 5): number {
  let best = Infinity;
  for (let i = 0; i < times; i += 1) {
    const started = process.hrtime.bigint();
    run();
    best = Math.min(best, Number(process.hrtime.bigint() - started) / 1e6);
  }
  return best;
}

function parseOrSyntaxError(text: string): void {
  try {
    parseQuery(text);
  } catch (error) {
    if (!(error instanceof QuerySyntaxError)) throw error;
  }
}

describe('parser robustness', () => {
  it('throws nothing but QuerySyntaxError for random text', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 80 }), onlySyntaxErrors), { numRuns: 3000 });
  });

  it('throws nothing but QuerySyntaxError for random mixtures of syntax', () => {
    fc.assert(fc.property(fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 40 }).map((parts) => parts.join('')), onlySyntaxErrors), { numRuns: 5000 });
  });

  it('never throws from parseStrategy, whatever the lines', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...FRAGMENTS, '\n', '\n1a\n', 'Population: ', 'OR '), { maxLength: 60 }), (parts) => {
        for (const line of parseStrategy(parts.join(''))) assert.ok(['query', 'comment', 'invalid'].includes(line.kind));
      }),
      { numRuns: 2000 },
    );
  });

  it(`refuses brackets nested deeper than ${MAX_BRACKET_DEPTH} with a clear error, even 10,000 deep`, () => {
    const deep = (n: number) => `${'('.repeat(n)}heart${')'.repeat(n)}`;
    assert.equal(parseQuery(deep(MAX_BRACKET_DEPTH)).root.kind, 'term');
    assert.throws(() => parseQuery(deep(10_000)), (error: unknown) => error instanceof QuerySyntaxError && error.message === `Brackets are nested more than ${MAX_BRACKET_DEPTH} deep` && error.offset === MAX_BRACKET_DEPTH);
    assert.throws(() => parseQuery('('.repeat(10_000)), QuerySyntaxError);
  });

  it(`refuses operator chains that nest more than ${MAX_OPERATOR_DEPTH} deep, and keeps long flat ones`, () => {
    assert.throws(() => parseQuery(`${'a NOT '.repeat(MAX_OPERATOR_DEPTH + 1)}a`), /nests more than 500 operators deep/);
    assert.throws(() => parseQuery(`${'a[ti] AND b[ti] OR '.repeat(MAX_OPERATOR_DEPTH)}c[ti]`), /nests more than 500 operators deep/);
    const flat = parseQuery(`${'a OR '.repeat(50_000)}a`).root;
    assert.equal(flat.kind === 'or' ? flat.children.length : 0, 50_001);
  });

  it('fails cleanly on long runs of operators, quotes, dollars and brackets', () => {
    for (const text of ['AND '.repeat(50_000), '"'.repeat(100_001), '$'.repeat(100_000), '['.repeat(100_000), ']'.repeat(10), '\\'.repeat(99_999), 'adj3 '.repeat(20_000), '#'.repeat(50_000)]) {
      assert.throws(() => parseQuery(text), QuerySyntaxError, text.slice(0, 10));
    }
  });

  it('takes time in proportion to the length of the query (four times the input takes well under sixteen times as long)', () => {
    const shapes: [string, (n: number) => string][] = [
      ['PubMed ORs', (n) => Array.from({ length: n }, (_, i) => `term${i}[tiab]`).join(' OR ')],
      ['Ovid phrases', (n) => `(${Array.from({ length: n }, (_, i) => `word${i}$`).join(' ')}).ti,ab.`],
      ['proximity chain', (n) => Array.from({ length: n }, (_, i) => `w${i}`).join(' adj3 ')],
      ['bare words', (n) => Array.from({ length: n }, (_, i) => `w${i}`).join(' ') + '[tiab]'],
      ['nested groups', (n) => Array.from({ length: n / 10 }, () => '((a OR b) AND (c OR "d e"))').join(' OR ')],
      ['quotes', (n) => '"a" '.repeat(n)],
      ['broken tag', (n) => `heart[${'x'.repeat(n * 5)}`],
      ['limits', (n) => Array.from({ length: n / 5 }, (_, i) => `limit ${i} to humans`).join(' OR ')],
    ];
    // Quadrupling the input: linear parsing takes about 4x as long, quadratic 16x. A machine busy with
    // other work can distort one measurement, so the best of three attempts is judged, against 8x.
    for (const [name, make] of shapes) {
      const [small, large] = [make(10_000), make(40_000)];
      parseOrSyntaxError(small);
      const ratios: number[] = [];
      for (let attempt = 0; attempt < 3 && !ratios.some((r) => r < 8); attempt += 1) {
        ratios.push(fastest(() => parseOrSyntaxError(large)) / Math.max(fastest(() => parseOrSyntaxError(small)), 0.05));
      }
      assert.ok(ratios.some((r) => r < 8), `${name}: four times the input multiplied the time by ${ratios.map((r) => r.toFixed(2)).join(', ')}`);
    }
  });
});
