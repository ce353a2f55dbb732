import assert from 'node:assert/strict';
import { createReadStream } from 'node:fs';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { parseAll, parseItems } from './parse-all.js';
import type { ParsedItem } from './parsed-item.js';
import { parseRis } from './ris.parser.js';

async function parseFixture(name: string): Promise<ParsedItem[]> {
  const items: ParsedItem[] = [];
  const input = createReadStream(fileURLToPath(new URL(`./fixtures/ris/${name}`, import.meta.url)));
  for await (const item of parseRis(input, { file: name })) items.push(item);
  return items;
}

const summary = (items: ParsedItem[]) => items.map((i) => [i.kind, i.position, i.kind === 'problem' ? i.reason : i.kind === 'record' ? i.record.title : '']);

describe('RIS: format variations', () => {
  it('reads tags with one or two spaces before the hyphen and ER with or without trailing spaces', async () => {
    const text = 'TY - JOUR\nTI - One space\nER -\nTY  - JOUR\nTI  - Two spaces\nER  -  \n';
    assert.deepEqual((await parseAll(parseRis, text)).map((r) => r.title), ['One space', 'Two spaces']);
  });

  it('joins untagged lines to the field before them, but takes each untagged KW and SN line as a further value', async () => {
    const text = ['TY  - JOUR', 'TI  - A title', 'AB  - First paragraph.', '', 'Second paragraph.', 'KW  - Humans', 'Adolescent', 'SN  - 1932-6203 (Electronic)', '1932-6203 (Linking)', 'ER  - '].join('\n');
    const [record] = await parseAll(parseRis, text);
    assert.equal(record?.abstract, 'First paragraph. Second paragraph.');
    assert.deepEqual(record?.keywords, ['Humans', 'Adolescent']);
    assert.equal(record?.journal.issn, '1932-6203');
  });

  it('splits keywords and languages given several to a line', async () => {
    const [record] = await parseAll(parseRis, 'TY  - JOUR\nTI  - T\nKW  - asthma; inhalers;  adherence\nLA  - English; French\nER  - \n');
    assert.deepEqual([record?.keywords, record?.languages], [['asthma', 'inhalers', 'adherence'], ['eng', 'fre']]);
  });

  it('ignores text between records', async () => {
    const items = await parseItems(parseRis, '1. \nTY  - JOUR\nTI  - T\nER  - \n\nLink to the full text: http://example.org\n');
    assert.deepEqual(summary(items), [['record', 'line 2', 'T']]);
  });

  it('gives the same record the same hash id however often it is exported, and a different one when it differs', async () => {
    const text = (title: string) => `TY  - JOUR\nTI  - ${title}\nAU  - Smith, J\nPY  - 2020\nER  - \n`;
    const [a] = await parseAll(parseRis, text('A study of things'));
    const [b] = await parseAll(parseRis, text('A STUDY of things.'));
    const [c] = await parseAll(parseRis, text('A study of other things'));
    assert.match(a?.sourceId ?? '', /^hash:[0-9a-f]{20}$/);
    assert.equal(a?.sourceId, b?.sourceId);
    assert.notEqual(a?.sourceId, c?.sourceId);
  });

  it('stores a record without a PMID under the source it is given, or ris', async () => {
    const text = 'TY  - JOUR\nTI  - T\nDO  - 10.1000/X\nER  - \n';
    assert.deepEqual((await parseAll(parseRis, text)).map((r) => [r.source, r.sourceId]), [['ris', 'doi:10.1000/x']]);
    assert.deepEqual((await parseAll(parseRis, text, { source: 'cinahl' })).map((r) => r.source), ['cinahl']);
  });

  it('reads an Ovid MEDLINE record that went through Zotero: PMID from the link, journal codes in IS ignored', async () => {
    const text = ['TY  - JOUR', 'TI  - Wildfire smoke and diabetes admissions.', 'AU  - Zhang, Yiwen', 'T2  - Diabetes care', 'DA  - 2024/03//undefined', 'PY  - 2024', 'IS  - eag, 7805975', 'J2  - Diabetes Care', 'SN  - 1935-5548', 'DB  - Ovid MEDLINE(R) Epub Ahead of Print', 'L2  - http://ovidsp.ovid.com/ovidweb.cgi?T=JS&PAGE=reference&D=medp&NEWS=N&AN=39012781', 'ER  - '].join('\n');
    const [record] = await parseAll(parseRis, text);
    assert.deepEqual([record?.source, record?.sourceId, record?.issue, record?.publicationDate.month], ['ris', 'pmid:39012781', null, 3]);
  });

  it('reads a Web of Science accession number as the source id', async () => {
    const [record] = await parseAll(parseRis, 'TY  - JOUR\nTI  - Bibliometric mapping\nAN  - WOS:000654321000012\nER  - \n');
    assert.equal(record?.sourceId, 'WOS:000654321000012');
  });
});

describe('RIS: malformed records (fixtures/ris/malformed.ris)', () => {
  it('reads the good records and reports each bad one with its line and reason', async () => {
    assert.deepEqual(summary(await parseFixture('malformed.ris')), [
      ['record', 'line 1', 'A complete record'],
      ['problem', 'line 7', 'record not closed by "ER  -" before the next record at line 10'],
      ['problem', 'line 10', 'no title (TI or T1)'],
      ['problem', 'line 14', '"AU  -" outside a record (no "TY  -" line before it)'],
      ['record', 'line 17', 'Another complete record'],
      ['problem', 'line 20', 'record not closed by "ER  -" before the end of the file (the file may be truncated)'],
    ]);
  });
});
