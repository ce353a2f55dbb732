import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { countyKey, parseOdsLine } from './ods-row.parser.js';
import { odsNameToTitleCase } from './organisation-name.js';

/** A 27-column ODS line with these values in the first columns (quoted as ODS publishes them). */
function odsLine(values: Partial<Record<number, string>>): string {
  return Array.from({ length: 27 }, (_, i) => `"${values[i] ?? ''}"`).join(',');
}

const TRUST = { 0: 'RTH', 1: 'OXFORD UNIVERSITY HOSPITALS NHS FOUNDATION TRUST', 2: 'Y59', 3: 'QU9', 4: 'JOHN RADCLIFFE HOSPITAL', 5: 'HEADLEY WAY', 7: 'OXFORD', 8: 'OXFORDSHIRE', 9: 'OX3 9DU', 10: '20060401' };

describe('ODS line parser (headerless etr.csv / etrust.csv layout)', () => {
  it('reads an organisation row: code, name, grouping, parent, address, county, postcode and dates', () => {
    const result = parseOdsLine(odsLine(TRUST), 7);
    assert.deepEqual(result, {
      kind: 'organisation',
      record: {
        line: 7,
        odsCode: 'RTH',
        name: 'OXFORD UNIVERSITY HOSPITALS NHS FOUNDATION TRUST',
        nationalGrouping: 'Y59',
        parentCode: 'QU9',
        address: 'JOHN RADCLIFFE HOSPITAL, HEADLEY WAY, OXFORD, OXFORDSHIRE',
        countyText: 'OXFORDSHIRE',
        postcode: 'OX3 9DU',
        openedOn: '2006-04-01',
        closedOn: null,
      },
    });
  });

  it('treats a 5-character code as a site to skip, not an organisation or an error', () => {
    assert.deepEqual(parseOdsLine(odsLine({ ...TRUST, 0: 'RTH08' }), 2), { kind: 'site', code: 'RTH08' });
  });

  it('normalises the postcode and reads a close date', () => {
    const result = parseOdsLine(odsLine({ ...TRUST, 9: 'ox39du', 11: '20220331' }), 1);
    assert.equal(result.kind, 'organisation');
    if (result.kind === 'organisation') {
      assert.equal(result.record.postcode, 'OX3 9DU');
      assert.equal(result.record.closedOn, '2022-03-31');
    }
  });

  it('handles quoted commas and doubled quotes with a real CSV parser', () => {
    const line = odsLine({ ...TRUST, 1: 'BARKING, HAVERING AND REDBRIDGE ""BHR"" TRUST' });
    const result = parseOdsLine(line, 1);
    assert.equal(result.kind === 'organisation' && result.record.name, 'BARKING, HAVERING AND REDBRIDGE "BHR" TRUST');
  });

  const rejections: [string, string, { field: string; message: string }[]][] = [
    ['too few columns', '"RTH","NAME"', [{ field: 'row', message: 'expected at least 12 columns, found 2' }]],
    ['an unclosed quote', '"RTH","NAME', [{ field: 'row', message: 'a quoted value is not closed' }]],
    ['text after a closing quote', '"RTH"x,"NAME"', [{ field: 'row', message: 'a quoted value has text after its closing quote' }]],
    ['a 4-character code', odsLine({ ...TRUST, 0: 'RTHX' }), [{ field: 'code', message: 'must be a 3-character organisation code or a 5-character site code' }]],
    ['a blank name', odsLine({ ...TRUST, 1: ' ' }), [{ field: 'name', message: 'is blank' }]],
    ['a bad postcode', odsLine({ ...TRUST, 9: 'NOT A POSTCODE' }), [{ field: 'postcode', message: 'is not a UK postcode' }]],
    ['an open date in the wrong format', odsLine({ ...TRUST, 10: '01/04/2006' }), [{ field: 'open date', message: 'must be a date written YYYYMMDD, or blank' }]],
    ['a close date that does not exist', odsLine({ ...TRUST, 11: '20230230' }), [{ field: 'close date', message: 'is not a real date' }]],
  ];
  for (const [name, line, problems] of rejections) {
    it(`rejects ${name}, saying which field and why`, () => {
      assert.deepEqual(parseOdsLine(line, 12), { kind: 'rejected', line: 12, problems });
    });
  }

  it('lists every problem on a line at once', () => {
    const result = parseOdsLine(odsLine({ ...TRUST, 1: '', 9: 'X', 10: 'soon' }), 3);
    assert.equal(result.kind, 'rejected');
    if (result.kind === 'rejected') assert.deepEqual(result.problems.map((p) => p.field), ['name', 'postcode', 'open date']);
  });
});

describe('county matching', () => {
  it('ignores case and spacing', () => {
    assert.equal(countyKey('  GREATER   MANCHESTER '), 'greater manchester');
  });

  it('maps former postal counties that lie (almost) wholly in one ceremonial county', () => {
    assert.equal(countyKey('MIDDLESEX'), 'greater london');
    assert.equal(countyKey('NORTH HUMBERSIDE'), 'east riding of yorkshire');
    assert.equal(countyKey('Isles of Scilly'), 'cornwall');
  });

  it('leaves split former counties unmapped', () => {
    assert.equal(countyKey('AVON'), 'avon');
    assert.equal(countyKey('CLEVELAND'), 'cleveland');
  });
});

describe('ODS names in title case', () => {
  const cases: [string, string][] = [
    ['OXFORD UNIVERSITY HOSPITALS NHS FOUNDATION TRUST', 'Oxford University Hospitals NHS Foundation Trust'],
    ['UNIVERSITY HOSPITALS OF NORTH MIDLANDS NHS TRUST', 'University Hospitals of North Midlands NHS Trust'],
    ["KING'S COLLEGE HOSPITAL NHS FOUNDATION TRUST", "King's College Hospital NHS Foundation Trust"],
    ['BARKING, HAVERING AND REDBRIDGE UNIVERSITY HOSPITALS NHS TRUST', 'Barking, Havering and Redbridge University Hospitals NHS Trust'],
    ['THE NEWCASTLE UPON TYNE HOSPITALS NHS FOUNDATION TRUST', 'The Newcastle upon Tyne Hospitals NHS Foundation Trust'],
    ['STOKE-ON-TRENT CCG', 'Stoke-on-Trent CCG'],
    ['MANCHESTER UNIVERSITY HOSPITAL NHS FT (HQ)', 'Manchester University Hospital NHS FT (HQ)'],
    ['2GETHER NHS FOUNDATION TRUST', '2gether NHS Foundation Trust'],
    ['Already Mixed Case Ltd', 'Already Mixed Case Ltd'],
  ];
  for (const [input, expected] of cases) {
    it(`${input} → ${expected}`, () => assert.equal(odsNameToTitleCase(input), expected));
  }
});
