import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import { asyncOf, collectText, guidelineUpdateStudy, rhodopsinStudy, sygmaTrial } from '../../../../test/helpers/record-fixtures.js';
import type { BibRecord, StoredRecord } from '../bib-record.js';
import { emptyRecord } from '../record-mapping.js';
import { CSV_COLUMNS, csvCell, writeCsv } from './csv.writer.js';

async function rows(records: readonly BibRecord[]): Promise<Array<Record<string, string>>> {
  const text = await collectText(writeCsv(asyncOf(records)));
  return parse(text, { bom: true, columns: true, record_delimiter: '\r\n' }) as Array<Record<string, string>>; // columns: true gives one object per row
}

describe('CSV writer', () => {
  it('writes a byte-order mark, a header and one CRLF row per record', async () => {
    const text = await collectText(writeCsv(asyncOf([sygmaTrial, rhodopsinStudy, guidelineUpdateStudy])));
    assert.ok(text.startsWith(`\uFEFF${CSV_COLUMNS.join(',')}\r\n`));
    assert.equal(text.split('\r\n').length, 1 + 3 + 1, 'header, three rows, and the empty text after the last CRLF');
  });

  it('reads back with a standard CSV parser, multi-valued fields joined with "; "', async () => {
    const [sygma, rhodopsin, guideline] = await rows([sygmaTrial, rhodopsinStudy, guidelineUpdateStudy]);
    assert.equal(sygma?.title, sygmaTrial.title);
    assert.equal(sygma?.authors?.split('; ')[0], "O'Byrne, Paul M");
    assert.equal(sygma?.mesh?.split('; ').length, 23);
    assert.ok(sygma?.mesh?.includes('Asthma/*drug therapy'));
    assert.equal(sygma?.abstract?.startsWith('BACKGROUND: In patients with mild asthma'), true);
    assert.deepEqual([sygma?.year, sygma?.month, sygma?.day, sygma?.khub_id, sygma?.added_at], ['2018', '5', '17', '', '']);
    assert.equal(rhodopsin?.authors?.split('; ')[2], 'Aguilà, Mònica');
    assert.equal(rhodopsin?.keywords, rhodopsinStudy.keywords.join('; '));
    assert.equal(rhodopsin?.publication_types, "Journal Article; Research Support, Non-U.S. Gov't");
    assert.equal(guideline?.authors?.split('; ').at(-1), 'Updating Guidelines Working Group');
    assert.equal(guideline?.affiliations?.split('; ').length, 7, 'each affiliation once');
  });

  it('fills khub_id, added_at and updated_at for stored records', async () => {
    const stored: StoredRecord = { ...sygmaTrial, id: 42, addedAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-02-01T00:00:00.000Z', duplicateGroupId: null };
    const [row] = await rows([stored]);
    assert.deepEqual([row?.khub_id, row?.added_at, row?.updated_at], ['42', '2026-01-01T00:00:00.000Z', '2026-02-01T00:00:00.000Z']);
  });

  it('quotes commas, quotes and line breaks as RFC 4180 says, keeping one record to a line', async () => {
    const record: BibRecord = { ...emptyRecord('ris', 'q1'), title: 'He said "no", then\r\nleft', abstract: 'Line one\nline two' };
    const text = await collectText(writeCsv(asyncOf([record])));
    assert.match(text, /,"He said ""no"", then left",/);
    assert.equal(text.split('\r\n').length, 3);
    const [row] = await rows([record]);
    assert.deepEqual([row?.title, row?.abstract], ['He said "no", then left', 'Line one line two']);
  });

  it('defuses cells a spreadsheet would run as formulas', async () => {
    for (const [value, expected] of [
      ['=HYPERLINK("http://evil.example","x")', `"'=HYPERLINK(""http://evil.example"",""x"")"`],
      ['+1+2', "'+1+2"],
      ['-2+3', "'-2+3"],
      ['@SUM(A1)', "'@SUM(A1)"],
      ['\t=1+1', "'=1+1"],
      ['\r=1+1', "'=1+1"],
      ['safe - text = fine', 'safe - text = fine'],
    ] as const) {
      assert.equal(csvCell(value), expected, value);
    }
    const [row] = await rows([{ ...emptyRecord('ris', 'f1'), title: '=cmd|" /C calc"!A0' }]);
    assert.equal(row?.title, `'=cmd|" /C calc"!A0`);
  });

  it('writes only the header when there are no records', async () => {
    assert.equal(await collectText(writeCsv(asyncOf([]))), `\uFEFF${CSV_COLUMNS.join(',')}\r\n`);
  });
});
