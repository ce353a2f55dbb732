import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { asyncOf, collectText, rhodopsinStudy, sygmaTrial } from '../../../../test/helpers/record-fixtures.js';
import type { BibRecord } from '../bib-record.js';
import { emptyRecord } from '../record-mapping.js';
import { splitPages } from './export-fields.js';
import { formatRis, writeRis } from './ris.writer.js';

const tagsOf = (text: string, tag: string) => text.split('\r\n').filter((line) => line.startsWith(`${tag}  - `)).map((line) => line.slice(6));

describe('RIS writer', () => {
  it('writes a PubMed record with every field RIS can carry, CRLF line ends and ER closing it', () => {
    const text = formatRis(sygmaTrial);
    const lines = text.split('\r\n');
    assert.equal(lines[0], 'TY  - JOUR');
    assert.equal(lines[1], 'TI  - Inhaled Combined Budesonide-Formoterol as Needed in Mild Asthma.');
    assert.deepEqual(tagsOf(text, 'AU').slice(0, 2), ["O'Byrne, Paul M", 'FitzGerald, J Mark']);
    assert.equal(tagsOf(text, 'AU').length, 10);
    assert.equal(tagsOf(text, 'AD').length, 1, 'the shared affiliation is written once');
    assert.match(tagsOf(text, 'AB')[0] ?? '', /^BACKGROUND: In patients with mild asthma, as-needed use of an inhaled glucocorticoid plus a fast-acting β2-agonist/);
    assert.deepEqual(
      ['PY', 'JF', 'JA', 'SN', 'VL', 'IS', 'SP', 'EP', 'LA', 'DO', 'DB', 'AN', 'UR'].map((tag) => tagsOf(text, tag)),
      [['2018/05/17/'], ['The New England journal of medicine'], ['N Engl J Med'], ['1533-4406'], ['378'], ['20'], ['1865'], ['1876'], ['eng'], ['10.1056/nejmoa1715274'], ['PubMed'], ['29768149'], ['https://doi.org/10.1056/nejmoa1715274']],
    );
    assert.deepEqual(tagsOf(text, 'M3'), ["Clinical Trial, Phase III; Comparative Study; Journal Article; Multicenter Study; Randomized Controlled Trial; Research Support, Non-U.S. Gov't"]);
    assert.ok(tagsOf(text, 'MH').includes('Asthma/*drug therapy'));
    assert.ok(tagsOf(text, 'MH').includes('Bronchodilator Agents/*administration & dosage/adverse effects'));
    assert.equal(tagsOf(text, 'MH').length, 23);
    assert.deepEqual(tagsOf(text, 'KW'), [], 'MeSH headings are not keywords');
    assert.ok(text.endsWith('ER  - \r\n\r\n'));
    assert.ok(!/[^\r]\n/.test(text), 'every line ends with CRLF');
  });

  it('writes keywords as KW, the PMCID as C2 and non-ASCII names as UTF-8', () => {
    const text = formatRis(rhodopsinStudy);
    assert.deepEqual(tagsOf(text, 'AU').slice(1, 3), ['Cordomí, Arnau', 'Aguilà, Mònica']);
    assert.equal(tagsOf(text, 'KW').length, 9);
    assert.deepEqual(tagsOf(text, 'C2'), ['PMC4276860']);
    assert.deepEqual([tagsOf(text, 'SP'), tagsOf(text, 'EP')], [['35918'], ['35928']], 'the abbreviated last page is written in full');
  });

  it('uses the source id as accession number for a record without a PMID, and leaves out what it does not have', () => {
    const record: BibRecord = { ...emptyRecord('beir-scifact', '4983'), title: 'Microstructural development\nof human brain', publicationDate: { year: 2006, month: null, day: null, text: null } };
    assert.equal(formatRis(record), ['TY  - JOUR', 'TI  - Microstructural development of human brain', 'PY  - 2006///', 'AN  - 4983', 'ER  - ', '', ''].join('\r\n'));
  });

  it('streams one record after another', async () => {
    const text = await collectText(writeRis(asyncOf([sygmaTrial, rhodopsinStudy])));
    assert.equal(text.match(/^TY {2}- /gm)?.length, 2);
    assert.equal(text.match(/^ER {2}- \r$/gm)?.length, 2);
  });
});

describe('RIS dates', () => {
  const dateLines = (year: number | null, month: number | null, day: number | null, text: string | null) => {
    const ris = formatRis({ ...emptyRecord('x', '1'), title: 'T', publicationDate: { year, month, day, text } });
    return ris.split('\r\n').filter((line) => /^(PY|DA)/.test(line));
  };
  for (const [parts, expected] of [
    [[2018, 5, 17, null], ['PY  - 2018/05/17/']],
    [[2018, 5, null, null], ['PY  - 2018/05//']],
    [[2018, null, null, null], ['PY  - 2018///']],
    [[2015, null, null, '2015 Winter'], ['PY  - 2015///', 'DA  - 2015 Winter']],
    [[1998, null, null, '1998 Dec-1999 Jan'], ['PY  - 1998///', 'DA  - 1998 Dec-1999 Jan']],
    [[null, null, null, 'in press'], ['DA  - in press']],
  ] as const) {
    it(`${JSON.stringify(parts)} → ${expected.join(' + ')}`, () => assert.deepEqual(dateLines(parts[0], parts[1], parts[2], parts[3]), expected));
  }
});

describe('page ranges', () => {
  for (const [pages, expected] of [
    ['1865-1876', { start: '1865', end: '1876' }],
    ['1865-76', { start: '1865', end: '1876' }],
    ['35918-28', { start: '35918', end: '35928' }],
    ['98-102', { start: '98', end: '102' }],
    ['S12-5', { start: 'S12', end: 'S15' }],
    ['e1002', { start: 'e1002', end: null }],
    ['1-5, 7', { start: '1-5, 7', end: null }],
    ['', null],
  ] as const) {
    it(`"${pages}" → ${JSON.stringify(expected)}`, () => assert.deepEqual(splitPages(pages), expected));
  }
});
