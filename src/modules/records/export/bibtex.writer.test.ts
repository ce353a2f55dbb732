import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { asyncOf, collectText, guidelineUpdateStudy, rhodopsinStudy, sygmaTrial } from '../../../../test/helpers/record-fixtures.js';
import type { BibRecord } from '../bib-record.js';
import { emptyRecord } from '../record-mapping.js';
import { baseCitationKey, citationKeys } from './bibtex-key.js';
import { bibtexTitle, escapeBibtex, formatBibtex, writeBibtex } from './bibtex.writer.js';

const fieldOf = (entry: string, name: string) => new RegExp(`^  ${name} = (.*),$`, 'm').exec(entry)?.[1];

describe('BibTeX writer', () => {
  it('writes an @article entry with authors, journal, month macro, en-dash pages and identifiers', () => {
    const entry = formatBibtex(sygmaTrial, 'OByrne2018Inhaled');
    assert.ok(entry.startsWith('@article{OByrne2018Inhaled,\n'));
    assert.ok(entry.endsWith('\n}\n\n'));
    assert.match(fieldOf(entry, 'author') ?? '', /^\{O'Byrne, Paul M and FitzGerald, J Mark and Bateman, Eric D and .* and Reddel, Helen K\}$/);
    assert.deepEqual(
      ['title', 'journal', 'year', 'month', 'volume', 'number', 'pages', 'issn', 'doi', 'pmid', 'url', 'language'].map((name) => fieldOf(entry, name)),
      ['{Inhaled Combined {Budesonide-Formoterol} as Needed in Mild Asthma.}', '{The New England journal of medicine}', '{2018}', 'may', '{378}', '{20}', '{1865--1876}', '{1533-4406}', '{10.1056/nejmoa1715274}', '{29768149}', '{https://doi.org/10.1056/nejmoa1715274}', '{eng}'],
    );
    assert.match(fieldOf(entry, 'abstract') ?? '', /^\{BACKGROUND: In patients .*β2-agonist.* \(340 μg\)\. CONCLUSIONS: .*NCT02149199 \.\)\.\}$/);
  });

  it('keeps non-ASCII letters as UTF-8 and braces multi-word family names and group authors', () => {
    assert.match(formatBibtex(rhodopsinStudy, 'k'), /author = \{Ramon, Eva and Cordomí, Arnau and Aguilà, Mònica and /);
    assert.match(formatBibtex(rhodopsinStudy, 'k'), /keywords = \{G-protein-coupled Receptor, Light Exposure, .*, Visual Pigments\},/);
    assert.equal(
      fieldOf(formatBibtex(guidelineUpdateStudy, 'k'), 'author'),
      '{{Martinez Garcia}, L and Sanabria, A J and Kotzeva, A and {Diaz del Campo}, P and Alonso-Coello, P and {Updating Guidelines Working Group}}',
    );
  });

  it('escapes every character TeX treats specially', () => {
    assert.equal(escapeBibtex('{a} \\ 50% & $5 #1 snake_case ~x ^y'), '\\{a\\} \\textbackslash{} 50\\% \\& \\$5 \\#1 snake\\_case \\textasciitilde{}x \\textasciicircum{}y');
    const record: BibRecord = { ...emptyRecord('ris', 'x1'), title: 'Costs of 50% & more: {braces} in $ and #tags_', keywords: ['R&D'] };
    const entry = formatBibtex(record, 'k');
    assert.equal(fieldOf(entry, 'title'), '{Costs of 50\\% \\& more: \\{braces\\} in \\$ and \\#tags\\_}');
    assert.equal(fieldOf(entry, 'keywords'), '{R\\&D}');
    const unescaped = entry.replace(/\\[{}]/g, '');
    assert.equal(unescaped.split('{').length, unescaped.split('}').length, 'braces stay balanced');
  });

  it('braces words with inner capitals so styles keep acronyms as written', () => {
    assert.equal(bibtexTitle('MeSH terms for COVID-19 and pH in the ICU'), '{MeSH} terms for {COVID-19} and {pH} in the {ICU}');
  });

  it('gives every entry a key unique within the file, in record order', async () => {
    const text = await collectText(writeBibtex(asyncOf([sygmaTrial, rhodopsinStudy, sygmaTrial, guidelineUpdateStudy, sygmaTrial])));
    assert.deepEqual(
      [...text.matchAll(/^@article\{([^,]+),$/gm)].map((m) => m[1]),
      ['OByrne2018Inhaled', 'Ramon2014Differential', 'OByrne2018Inhaleda', 'MartinezGarcia2015Efficiency', 'OByrne2018Inhaledb'],
    );
  });
});

describe('BibTeX citation keys', () => {
  const record = (overrides: Partial<BibRecord>): BibRecord => ({ ...emptyRecord('x', '1'), ...overrides });
  it('folds accents and drops punctuation', () => {
    const author = { family: 'Ñúñez-Ölçer', given: 'José', initials: 'J', collective: null, affiliations: [] };
    assert.equal(baseCitationKey(record({ authors: [author], title: "¿Él está? A study", publicationDate: { year: 2001, month: null, day: null, text: null } })), 'NunezOlcer2001El');
  });
  it('skips leading stop words in the title and uses a group name when there is no person', () => {
    const group = { family: null, given: null, initials: null, collective: 'COVIDSurg Collaborative', affiliations: [] };
    assert.equal(baseCitationKey(record({ authors: [group], title: 'The effect of delay', publicationDate: { year: 2021, month: null, day: null, text: null } })), 'COVIDSurg2021Effect');
  });
  it('stands in Anon and nd for no author and no year', () => {
    assert.equal(baseCitationKey(record({ title: 'Editorial' })), 'AnonndEditorial');
  });
  it('counts suffixes a…z, then aa', () => {
    const keyFor = citationKeys();
    const keys = Array.from({ length: 28 }, () => keyFor(record({ title: 'Same' })));
    assert.deepEqual([keys[0], keys[1], keys[26], keys[27]], ['AnonndSame', 'AnonndSamea', 'AnonndSamez', 'AnonndSameaa']);
  });
});
