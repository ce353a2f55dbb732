import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { csvCell, csvLine } from './admin-csv.js';

describe('CSV cells (RFC 4180, with OWASP CSV-injection neutralising)', () => {
  const cases: [string | number | null | undefined, string][] = [
    ['plain', 'plain'],
    ['', ''],
    [null, ''],
    [undefined, ''],
    [42, '42'],
    [-3, '-3'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    [' padded', '" padded"'],
    ['=1+2', "'=1+2"],
    ['+44 1865', "'+44 1865"],
    ['-2', "'-2"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tcmd', "'\tcmd"],
    ['=HYPERLINK("http://x","y")', '"\'=HYPERLINK(""http://x"",""y"")"'],
    ['a=b', 'a=b'],
  ];
  for (const [input, expected] of cases) {
    it(`writes ${JSON.stringify(input)} as ${JSON.stringify(expected)}`, () => {
      assert.equal(csvCell(input), expected);
    });
  }

  it('joins a line with commas and ends it with CRLF', () => {
    assert.equal(csvLine(['a', 1, null, '=x']), "a,1,,'=x\r\n");
  });
});
