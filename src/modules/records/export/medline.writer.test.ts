import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { asyncOf, collectText, guidelineUpdateStudy, rhodopsinStudy, sygmaTrial } from '../../../../test/helpers/record-fixtures.js';
import type { BibRecord } from '../bib-record.js';
import { emptyRecord } from '../record-mapping.js';
import { formatMedline, medlineDate, wrapMedline, writeMedline } from './medline.writer.js';

/** Each field of the text with its continuation lines joined, as [tag, value]. */
function fields(text: string): Array<[string, string]> {
  const result: Array<[string, string]> = [];
  for (const line of text.split('\n')) {
    const last = result[result.length - 1];
    if (line.startsWith('      ') && last) last[1] += ` ${line.trim()}`;
    else if (line !== '') result.push([line.slice(0, 4).trim(), line.slice(6)]);
  }
  return result;
}

const valuesOf = (text: string, tag: string) => fields(text).filter(([t]) => t === tag).map(([, value]) => value);

describe('MEDLINE writer', () => {
  it('starts each record with a blank line and PMID, and pads tags to four characters', () => {
    const text = formatMedline(sygmaTrial);
    assert.ok(text.startsWith('\nPMID- 29768149\nIS  - 1533-4406\nVI  - 378\nIP  - 20\nDP  - 2018 May 17\n'));
    assert.match(text, /\nTI {2}- Inhaled Combined Budesonide-Formoterol as Needed in Mild Asthma\.\n/);
    assert.match(text, /\nPG {2}- 1865-1876\nLID - 10\.1056\/nejmoa1715274 \[doi\]\n/);
  });

  it('wraps long values at 87 columns with six-space continuation lines, losing nothing', () => {
    const text = formatMedline(sygmaTrial);
    const lines = text.split('\n');
    assert.ok(lines.every((line) => line.length <= 87), 'no line is longer than PubMed writes them');
    assert.ok(lines.filter((line) => line.startsWith('      ')).length > 20);
    const abstract = sygmaTrial.abstractSections.map((s) => `${s.label}: ${s.text}`).join(' ');
    assert.deepEqual(valuesOf(text, 'AB'), [abstract]);
  });

  it('keeps a word longer than a line whole', () => {
    const url = `https://example.org/${'a'.repeat(100)}`;
    assert.deepEqual(wrapMedline(`see ${url} here`), ['see', url, 'here']);
  });

  it('writes authors as FAU, AU and their AD lines, a group as CN, and MeSH with its stars', () => {
    const text = formatMedline(guidelineUpdateStudy);
    const tagged = fields(text).filter(([tag]) => ['FAU', 'AU', 'AD', 'CN'].includes(tag));
    assert.deepEqual(tagged.slice(6, 12), [
      ['FAU', 'Kotzeva, A'],
      ['AU', 'Kotzeva A'],
      ['AD', 'Agency for Health Quality and Assessment of Catalonia (AQuAS), Barcelona, Spain. akotzeva@gencat.cat.'],
      ['AD', 'CIBER of Epidemiology and Public Health (CIBERESP), Barcelona, Spain. akotzeva@gencat.cat.'],
      ['FAU', 'Diaz del Campo, P'],
      ['AU', 'Diaz del Campo P'],
    ]);
    assert.deepEqual(tagged.at(-1), ['CN', 'Updating Guidelines Working Group']);
    assert.deepEqual(valuesOf(text, 'MH'), [
      'Feasibility Studies',
      'Humans',
      'Information Storage and Retrieval/*methods',
      '*MEDLINE',
      '*Medical Subject Headings',
      'Practice Guidelines as Topic/*standards',
      '*PubMed',
      'Reproducibility of Results',
    ]);
    assert.deepEqual([valuesOf(text, 'TA'), valuesOf(text, 'JT'), valuesOf(text, 'PMC')], [['BMC Med Res Methodol'], ['BMC medical research methodology'], ['PMC4521498']]);
    assert.deepEqual(valuesOf(text, 'SO'), ['BMC Med Res Methodol. 2015 Jul 31;15:57. doi: 10.1186/s12874-015-0058-2.']);
  });

  it('writes non-ASCII names as UTF-8, keywords as OT, qualifiers with their own stars and an ORCID as AUID', () => {
    const orcid = { ...rhodopsinStudy, authors: rhodopsinStudy.authors.map((a, i) => (i === 0 ? { ...a, orcid: '0000-0002-1825-0097' } : a)) };
    const text = formatMedline(orcid);
    assert.deepEqual(valuesOf(text, 'FAU').slice(1, 3), ['Cordomí, Arnau', 'Aguilà, Mònica']);
    assert.deepEqual(valuesOf(text, 'AUID'), ['ORCID: 0000-0002-1825-0097']);
    assert.deepEqual(valuesOf(text, 'OTO'), ['NOTNLM']);
    assert.equal(valuesOf(text, 'OT').length, 9);
    assert.ok(valuesOf(text, 'MH').includes('Rhodopsin/*chemistry/genetics/metabolism'));
    assert.deepEqual(valuesOf(text, 'PG'), ['35918-28'], 'pages as PubMed prints them');
  });

  it('streams records separated by blank lines', async () => {
    const text = await collectText(writeMedline(asyncOf([sygmaTrial, rhodopsinStudy, guidelineUpdateStudy])));
    assert.equal(text.match(/\n\nPMID- /g)?.length ?? 0, 2);
    assert.ok(text.startsWith('\nPMID- 29768149\n'));
  });
});

describe('MEDLINE dates (DP)', () => {
  const record = (year: number | null, month: number | null, day: number | null, text: string | null): BibRecord => ({ ...emptyRecord('x', '1'), publicationDate: { year, month, day, text } });
  for (const [parts, expected] of [
    [[2018, 5, 17, null], '2018 May 17'],
    [[2014, 12, null, null], '2014 Dec'],
    [[2017, null, null, null], '2017'],
    [[2016, null, null, '2016 Winter'], '2016 Winter'],
    [[null, null, null, null], null],
  ] as const) {
    it(`${JSON.stringify(parts)} → ${String(expected)}`, () => assert.equal(medlineDate(record(parts[0], parts[1], parts[2], parts[3])), expected));
  }
});
