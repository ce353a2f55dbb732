import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { initialsOf, parseAuthorName } from './author-names.js';
import { languageCode, languageCodes } from './language-codes.js';
import { parseMeshHeading } from './mesh-heading.js';

describe('author names as the text formats print them', () => {
  const cases: [string, [string | null, string | null, string | null, string | null]][] = [
    ['Lu, Yin', ['Lu', 'Yin', 'Y', null]],
    ['Tu, Yi-Cheng', ['Tu', 'Yi-Cheng', 'YC', null]],
    ['Smith, J.A.', ['Smith', 'J.A.', 'JA', null]],
    ['Smith, JA', ['Smith', 'JA', 'JA', null]],
    ['Smith, John, Jr.', ['Smith', 'John', 'J', null]],
    ['Tu YC', ['Tu', null, 'YC', null]],
    ['van der Berg P', ['van der Berg', null, 'P', null]],
    ['Lucas J.S.', ['Lucas', null, 'JS', null]],
    ['Madonna', ['Madonna', null, null, null]],
    ['W. Zhang', ['Zhang', 'W.', 'W', null]],
    ['Koç Ş', ['Koç', null, 'Ş', null]],
    ['Иванова АМ', ['Иванова', null, 'АМ', null]],
    ['Gruppo Tecnico PASSI', [null, null, null, 'Gruppo Tecnico PASSI']],
    ['World Health Organization', [null, null, null, 'World Health Organization']],
    ['WHO', [null, null, null, 'WHO']],
    ['COVID-19 Study Group', [null, null, null, 'COVID-19 Study Group']],
    ['ALLHAT Officers', [null, null, null, 'ALLHAT Officers']],
    ['Hedges Team', [null, null, null, 'Hedges Team']],
  ];
  for (const [input, [family, given, initials, collective]] of cases) {
    it(`"${input}"`, () => {
      const author = parseAuthorName(input);
      assert.deepEqual([author?.family, author?.given, author?.initials, author?.collective], [family, given, initials, collective]);
    });
  }

  it('derives initials as PubMed does and gives nothing for an empty name', () => {
    assert.deepEqual([initialsOf('Robert Brian'), initialsOf('Micheline S Z S'), initialsOf(null)], ['RB', 'MSZS', null]);
    assert.equal(parseAuthorName('  '), null);
  });
});

describe('MeSH headings as MEDLINE and Ovid print them', () => {
  it('marks major topics on the descriptor and on each qualifier', () => {
    assert.deepEqual(parseMeshHeading('Diabetes Mellitus, Type 2/*drug therapy/genetics'), {
      ui: null, name: 'Diabetes Mellitus, Type 2', major: false,
      qualifiers: [{ ui: null, name: 'drug therapy', major: true }, { ui: null, name: 'genetics', major: false }],
    });
    assert.deepEqual(parseMeshHeading('*Medical Subject Headings'), { ui: null, name: 'Medical Subject Headings', major: true, qualifiers: [] });
    assert.deepEqual(parseMeshHeading('*Asthma/dt [Drug Therapy]')?.qualifiers, [{ ui: null, name: 'drug therapy', major: false }]);
    assert.equal(parseMeshHeading('*'), null);
  });
});

describe('languages as ISO 639-2 codes', () => {
  it('maps names, ISO 639-1 codes and locales, and keeps three-letter codes and unknown names as given', () => {
    assert.deepEqual(['English', 'french', 'de', 'en-GB', 'eng', 'FRE', 'Klingon', ' '].map(languageCode), ['eng', 'fre', 'ger', 'eng', 'eng', 'fre', 'Klingon', null]);
    assert.deepEqual(languageCodes(['English; French', 'eng']), ['eng', 'fre']);
    assert.equal(languageCode('constructor'), 'constructor');
  });
});
