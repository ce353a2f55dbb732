import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { PublicationDate } from '../bib-record.js';
import { parsePublicationDate, parseRisDateField, risPublicationDate } from './publication-date.js';

const date = (year: number | null, month: number | null = null, day: number | null = null, text: string | null = null): PublicationDate => ({ year, month, day, text });

describe('MEDLINE DP and free-text dates (PubMed help, "Publication Date [DP]")', () => {
  const cases: [string, PublicationDate][] = [
    ['2017', date(2017)],
    ['2017 Mar', date(2017, 3)],
    ['2017 Mar 15', date(2017, 3, 15)],
    ['2017 March 5', date(2017, 3, 5)],
    ['2017-03-15', date(2017, 3, 15)],
    ['March 2017', date(2017, 3)],
    ['15 March 2017', date(2017, 3, 15)],
    ['2016 Winter', date(2016, null, null, '2016 Winter')],
    ['2016 Jan-Feb', date(2016, null, null, '2016 Jan-Feb')],
    ['1998 Dec-1999 Jan', date(1998, null, null, '1998 Dec-1999 Jan')],
    ['2017 Mar 15-16', date(2017, null, null, '2017 Mar 15-16')],
    ['2017 Marvel', date(2017, null, null, '2017 Marvel')],
    ['', date(null)],
  ];
  for (const [input, expected] of cases) {
    it(`"${input}"`, () => assert.deepEqual(parsePublicationDate(input), expected));
  }
});

describe('RIS date fields ("YYYY/MM/DD/other info", RIS specification; vendor variants)', () => {
  const cases: [string, PublicationDate][] = [
    ['2019///', date(2019)],
    ['2018//', date(2018)],
    ['2019/03/15/', date(2019, 3, 15)],
    ['2018/03//undefined', date(2018, 3)],
    ['2019/03//Spring', date(2019, 3, null, '2019 Spring')],
    ['Apr 19', date(null, 4, 19)],
    ['Sep', date(null, 9)],
    ['2019', date(2019)],
  ];
  for (const [input, expected] of cases) {
    it(`"${input}"`, () => assert.deepEqual(parseRisDateField(input), expected));
  }

  it('takes the year from PY and month and day from the most precise field that agrees', () => {
    assert.deepEqual(risPublicationDate({ py: '2018', da: '2018/09/14/' }), date(2018, 9, 14));
    assert.deepEqual(risPublicationDate({ py: '2017', da: 'Apr 19' }), date(2017, 4, 19));
    assert.deepEqual(risPublicationDate({ y1: '2018//' }), date(2018));
    assert.deepEqual(risPublicationDate({ py: '2020', da: '2019/12/01/' }), date(2020), 'an online date from another year is not the issue date');
    assert.deepEqual(risPublicationDate({}), date(null));
  });
});
