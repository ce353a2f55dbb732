import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { laterWordStarts, normaliseTerm, prefixEnd } from './term-normalise.js';

describe('normaliseTerm', () => {
  const cases: [string, string][] = [
    ['Heart Attack', 'heart attack'],
    ['HEART ATTACK', 'heart attack'],
    ['heart-attack', 'heart attack'],
    ['  heart   attack. ', 'heart attack'],
    ['Infarction, Myocardial', 'infarction myocardial'],
    ["Alzheimer's Disease", 'alzheimers disease'],
    ['Sjögren’s Syndrome', 'sjogrens syndrome'],
    ['A-23187', 'a 23187'],
    ['Diabetes Mellitus, Non-Insulin-Dependent', 'diabetes mellitus non insulin dependent'],
    ['(—)', ''],
  ];
  for (const [input, expected] of cases) {
    it(`turns ${JSON.stringify(input)} into ${JSON.stringify(expected)}`, () => assert.equal(normaliseTerm(input), expected));
  }
});

describe('laterWordStarts', () => {
  it('gives the term from each later word on', () => assert.deepEqual(laterWordStarts('acute myocardial infarction'), ['myocardial infarction', 'infarction']));
  it('gives nothing for one word', () => assert.deepEqual(laterWordStarts('neoplasms'), []));
});

describe('prefixEnd', () => {
  it('bumps the last character, so the range holds exactly the strings with that prefix', () => {
    assert.equal(prefixEnd('myocard'), 'myocare');
    assert.equal(prefixEnd('C04.557.'), 'C04.557/');
    const inside = ['myocard', 'myocardial', 'myocard zzz'];
    const outside = ['myocar', 'myocare', 'myocb', 'n'];
    for (const s of inside) assert.ok(s >= 'myocard' && s < prefixEnd('myocard'), s);
    for (const s of outside) assert.ok(!(s >= 'myocard' && s < prefixEnd('myocard')), s);
  });
});
