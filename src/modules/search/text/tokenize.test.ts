import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import SQLite from 'better-sqlite3';
import { fieldPositions, MAX_OCCURRENCES } from './document.js';
import { wordTokens } from './pattern.js';
import { normaliseText, prefixEnd, tokenize } from './tokenize.js';

describe('tokenize', () => {
  it('folds case and accents and splits on everything but letters and digits', () => {
    assert.deepEqual(tokenize('COVID-19 in Pre-test Ångström, naïve ﬁbre ²'), ['covid', '19', 'in', 'pre', 'test', 'angstrom', 'naive', 'fibre', '2']);
    assert.deepEqual(tokenize("O'Brien’s x-ray"), ['o', 'brien', 's', 'x', 'ray']);
    assert.deepEqual(tokenize(' -- '), []);
  });

  it('cuts tokens to 200 characters', () => {
    assert.equal(tokenize('a'.repeat(250))[0]?.length, 200);
  });

  it('splits and folds exactly as SQLite FTS5 unicode61 re-splits its output, for every code point', () => {
    const db = new SQLite(':memory:');
    db.exec(`create virtual table t using fts5(a, tokenize = 'unicode61 remove_diacritics 0'); create virtual table v using fts5vocab(t, 'instance');`);
    const insert = db.prepare('insert into t (rowid, a) values (?, ?)');
    const expected = new Map<number, string>();
    db.transaction(() => {
      for (let cp = 0x80; cp <= 0x3ffff; cp++) {
        if (cp >= 0xd800 && cp <= 0xdfff) continue;
        const tokens = tokenize(`x${String.fromCodePoint(cp)}x`);
        const text = tokens.join(' ');
        expected.set(cp, text);
        insert.run(cp, text);
      }
    })();
    const got = new Map<number, string[]>();
    for (const row of db.prepare('select doc, term from v order by doc, offset').iterate() as Iterable<{ doc: number; term: string }>) {
      got.set(row.doc, [...(got.get(row.doc) ?? []), row.term]);
    }
    const differ = [...expected].filter(([cp, text]) => (got.get(cp) ?? []).join(' ') !== text).map(([cp]) => cp.toString(16));
    assert.deepEqual(differ, []);
  });

  it('gives the end of a prefix range', () => {
    assert.equal(prefixEnd('smith '), 'smith!');
    assert.equal(prefixEnd(''), '\u{10FFFF}');
    assert.equal(normaliseText('ΟΔΟΣ'), 'οδοσ');
  });
});

describe('wordTokens', () => {
  const lit = (text: string) => ({ kind: 'literal' as const, text });
  it('tokenises query words like text, wildcards staying with the token they touch', () => {
    assert.deepEqual(wordTokens({ parts: [lit('Pre-Test')] }), [{ kind: 'exact', token: 'pre' }, { kind: 'exact', token: 'test' }]);
    assert.deepEqual(wordTokens({ parts: [lit('covid-1'), { kind: 'any', max: null }] }), [{ kind: 'exact', token: 'covid' }, { kind: 'prefix', prefix: '1' }]);
    assert.deepEqual(wordTokens({ parts: [lit('heart-'), { kind: 'any', max: null }] }), [{ kind: 'exact', token: 'heart' }]);
    assert.deepEqual(wordTokens({ parts: [lit('"')] }), []);
    const [pattern] = wordTokens({ parts: [lit('H'), { kind: 'optional' }, lit('ematuria')] });
    assert.ok(pattern?.kind === 'wildcard' && pattern.regex.test('haematuria') && pattern.regex.test('hematuria') && !pattern.regex.test('hxxematuria'));
    const [limited] = wordTokens({ parts: [lit('therap'), { kind: 'any', max: 2 }] });
    assert.ok(limited?.kind === 'wildcard' && limited.regex.test('therapy') && !limited.regex.test('therapies') && limited.literalPrefix === 'therap');
  });
});

describe('fieldPositions', () => {
  it('puts a blank position between values, so no phrase spans two', () => {
    assert.deepEqual(fieldPositions(['Smith JA', '', 'Jones B']), ['smith', 'ja', null, 'jones', 'b']);
  });

  it('blanks occurrences of a token past the limit, keeping the positions of the rest', () => {
    const positions = fieldPositions([`${'the '.repeat(MAX_OCCURRENCES + 2)}end`]);
    assert.equal(positions.filter((t) => t === 'the').length, MAX_OCCURRENCES);
    assert.deepEqual(positions.slice(MAX_OCCURRENCES - 1), ['the', null, null, 'end']);
  });
});
