import assert from 'node:assert/strict';
import { createReadStream, readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { describe, it, before } from 'node:test';
import { sharedDataPath } from '../../../../test/helpers/shared-data.js';
import { createGunzip } from 'node:zlib';
import type { BibRecord } from '../bib-record.js';
import { parseMedlineText } from './medline-text.parser.js';
import { parseAll, parseItems } from './parse-all.js';
import { ImportFileError, type ParsedItem } from './parsed-item.js';

const SAMPLE = sharedDataPath('medline-samples', 'mesh-papers.medline.txt.gz');

async function collect(input: NodeJS.ReadableStream, file: string): Promise<ParsedItem[]> {
  const items: ParsedItem[] = [];
  for await (const item of parseMedlineText(input, { file })) items.push(item);
  return items;
}

describe('MEDLINE tagged text: a real PubMed export (mesh-papers.medline.txt.gz, 284 records)', () => {
  const records = new Map<string, BibRecord>();
  let items: ParsedItem[] = [];

  before(async () => {
    items = await collect(createReadStream(SAMPLE).pipe(createGunzip()), 'mesh-papers.medline.txt');
    for (const item of items) if (item.kind === 'record') records.set(item.record.sourceId, item.record);
  });

  const record = (pmid: string): BibRecord => {
    const found = records.get(pmid);
    assert.ok(found, `PMID ${pmid} was read`);
    return found;
  };

  it('reads every record, each under source pubmed with its PMID, and reports no problems', () => {
    assert.equal(items.length, 284);
    assert.deepEqual(items.filter((item) => item.kind !== 'record'), []);
    assert.equal(records.size, 284);
    assert.ok([...records.values()].every((r) => r.source === 'pubmed' && r.pmid === r.sourceId));
    assert.deepEqual([items[0]?.position, items[1]?.position], ['line 2', 'line 87']);
  });

  it('keeps the first record as PubMed printed it, joining continuation lines', () => {
    const r = record('28422961');
    assert.equal(r.title, 'Characterization of the mechanism of drug-drug interactions from PubMed using MeSH terms.');
    assert.match(r.abstract ?? '', /^Identifying drug-drug interaction \(DDI\) is an important topic.*will become more accurate\.$/);
    assert.deepEqual(r.abstractSections, []);
    assert.equal(r.doi, '10.1371/journal.pone.0173548');
    assert.equal(r.pmcid, 'PMC5396881');
    assert.deepEqual(r.journal, { title: 'PloS one', isoAbbreviation: 'PLoS One', issn: '1932-6203' });
    assert.deepEqual([r.volume, r.issue, r.pages], ['12', '4', 'e0173548']);
    assert.deepEqual(r.publicationDate, { year: 2017, month: null, day: null, text: null });
    assert.deepEqual([r.languages, r.publicationTypes], [['eng'], ['Journal Article']]);
  });

  it('gives each author their initials from AU and the affiliations that follow them', () => {
    const authors = record('28422961').authors;
    assert.deepEqual(authors.map((a) => [a.family, a.given, a.initials]), [
      ['Lu', 'Yin', 'Y'], ['Figler', 'Bryan', 'B'], ['Huang', 'Hong', 'H'], ['Tu', 'Yi-Cheng', 'YC'], ['Wang', 'Ju', 'J'], ['Cheng', 'Feng', 'F'],
    ]);
    assert.deepEqual(authors[3]?.affiliations, ['Department of Computer Science and Engineering, University of South Florida, Tampa, Florida, United States of America.']);
    assert.deepEqual(authors[5]?.affiliations, [
      'Department of Pharmaceutical Science, College of Pharmacy, University of South Florida, Tampa, Florida, United States of America.',
      'Department of Epidemiology and Biostatistics, College of Public Health, University of South Florida, Tampa, United States of America.',
    ]);
  });

  it('reads MeSH headings with major topics on descriptors and on qualifiers', () => {
    const mesh = record('28422961').mesh;
    assert.equal(mesh.length, 8);
    assert.deepEqual(mesh.find((h) => h.name === 'Drug Interactions'), { ui: null, name: 'Drug Interactions', major: true, qualifiers: [] });
    assert.deepEqual(mesh.find((h) => h.name === 'PubMed'), { ui: null, name: 'PubMed', major: false, qualifiers: [{ ui: null, name: 'statistics & numerical data', major: true }] });
    assert.deepEqual(mesh.find((h) => h.name === 'Cytochrome P-450 Enzyme System')?.qualifiers, [{ ui: null, name: 'metabolism', major: false }]);
  });

  it('splits a structured abstract into its labelled sections with NLM categories', () => {
    const sections = record('28412964').abstractSections;
    assert.deepEqual(sections.map((s) => [s.label, s.nlmCategory]), [
      ['BACKGROUND', 'BACKGROUND'], ['METHODS', 'METHODS'], ['RESULTS', 'RESULTS'], ['CONCLUSIONS', 'CONCLUSIONS'], ['AVAILABILITY', 'UNASSIGNED'],
    ]);
    assert.match(sections[0]?.text ?? '', /^MeSH indexing is the task .* BioASQ was recently organized\.$/);
    assert.equal(sections[4]?.text, 'http://www.ncbi.nlm.nih.gov/CBBresearch/Lu/Demo/MeSHNow/ .');
    assert.match(record('28412964').abstract ?? '', /^BACKGROUND: MeSH indexing .* CONCLUSIONS: We conclude .* AVAILABILITY: http/);
  });

  it('adds a group author (CN) and leaves investigators (FIR/IR) out', () => {
    const r = record('19712211');
    assert.deepEqual(r.authors.map((a) => a.family ?? a.collective), ['McKibbon', 'Wilczynski', 'Haynes', 'Hedges Team']);
    assert.deepEqual(r.authors[3], { family: null, given: null, initials: null, collective: 'Hedges Team', affiliations: [] });
    assert.deepEqual(r.abstractSections.map((s) => s.label), ['BACKGROUND', 'OBJECTIVE', 'METHODS', 'RESULTS', 'CONCLUSION']);
    assert.deepEqual([r.journal.issn, r.pages, r.publicationDate.month], ['1471-1834', '187-202', 9]);
    assert.equal(r.doi, '10.1111/j.1471-1842.2008.00827.x');
  });

  it("keeps an author's ORCID from AUID", () => {
    assert.equal(record('28028289').authors[0]?.orcid, '0000-0002-8559-8640');
  });

  it('keeps a date range as printed, with its year', () => {
    assert.deepEqual(record('26757323').publicationDate, { year: 2016, month: null, day: null, text: '2016 Jan-Feb' });
  });

  it('keeps language codes and bracketed translated titles as given', () => {
    const r = record('17333910');
    assert.deepEqual(r.languages, ['chi']);
    assert.equal(r.title, '[Construction and application of learning science related phenotype ontology].');
    assert.deepEqual(r.publicationDate, { year: 2007, month: 2, day: null, text: null });
  });
});

describe('MEDLINE tagged text: edge cases', () => {
  it('reads records that follow each other without a blank line, with CRLF endings and a byte-order mark', async () => {
    const text = '\uFEFFPMID- 101\r\nTI  - First.\r\nPMID- 102\r\nTI  - Second title that runs\r\n      on to a second line.\r\n';
    const items = await parseItems(parseMedlineText, text);
    assert.deepEqual(items.map((i) => (i.kind === 'record' ? [i.position, i.record.sourceId, i.record.title] : i)), [
      ['line 1', '101', 'First.'],
      ['line 3', '102', 'Second title that runs on to a second line.'],
    ]);
  });

  it('reads an older record: AU without FAU, an article affiliation before the authors, a cross-year date', async () => {
    const text = ['PMID- 1234567', 'TI  - An older record.', 'AD  - Department of Medicine, Example Hospital.', 'AU  - Smith JA', 'AU  - van der Berg P', 'DP  - 1998 Dec-1999 Jan', 'IS  - 0000-0019 (Print)', 'LID - 10.1000/XYZ.123 [doi]', 'AID - S0000-0000(98)00001-1 [pii]'].join('\n');
    const [item] = await parseItems(parseMedlineText, text);
    assert.equal(item?.kind, 'record');
    const r = item.kind === 'record' ? item.record : undefined;
    assert.deepEqual(r?.authors.map((a) => [a.family, a.given, a.initials, a.affiliations]), [
      ['Smith', null, 'JA', ['Department of Medicine, Example Hospital.']],
      ['van der Berg', null, 'P', []],
    ]);
    assert.deepEqual(r?.publicationDate, { year: 1998, month: null, day: null, text: '1998 Dec-1999 Jan' });
    assert.deepEqual([r?.doi, r?.journal.issn], ['10.1000/xyz.123', '0000-0019']);
  });

  it('uses the book title (BTI) for a whole book, and as the "journal" of a chapter', async () => {
    const text = 'PMID- 20301331\nBTI - Example GeneReviews\nDP  - 1993\n\nPMID- 20301332\nTI  - A chapter\nBTI - Example GeneReviews\n';
    const records = await parseAll(parseMedlineText, text);
    assert.deepEqual(records.map((r) => [r.title, r.journal.title]), [['Example GeneReviews', null], ['A chapter', 'Example GeneReviews']]);
  });

  it('uses the title in its own language (TT) when an article has no English title', async () => {
    const [record] = await parseAll(parseMedlineText, 'PMID- 9\nTT  - Titre en français.\nLA  - fre\n');
    assert.equal(record?.title, 'Titre en français.');
  });

  it('reports a record without a PMID, with a PMID that is not a number, or without a title, at its first line', async () => {
    const text = ['TI  - No PMID here.', '', 'PMID- 12x4', 'TI  - Odd PMID.', '', 'PMID- 555', 'AB  - An abstract but no title.', '', 'PMID- 556', 'TI  - Fine.'].join('\n');
    const items = await parseItems(parseMedlineText, text);
    assert.deepEqual(items.map((i) => [i.kind, i.position, i.kind === 'problem' ? i.reason : i.kind === 'record' ? i.record.sourceId : '']), [
      ['problem', 'line 1', 'no PMID (a MEDLINE record starts with "PMID- ")'],
      ['problem', 'line 3', 'PMID "12x4" is not a number'],
      ['problem', 'line 6', 'PMID 555 has no title (TI)'],
      ['record', 'line 9', '556'],
    ]);
  });

  it('reports text outside any record once per run of lines', async () => {
    const items = await parseItems(parseMedlineText, 'Exported from somewhere\nmore header text\nPMID- 7\nTI  - Seven.\n');
    assert.deepEqual(items.map((i) => [i.kind, i.position]), [['problem', 'line 1'], ['record', 'line 3']]);
  });

  it('stops with an ImportFileError naming the file when the gzip data is truncated', async () => {
    const truncated = readFileSync(SAMPLE).subarray(0, 20_000);
    const input = Readable.from([truncated]).pipe(createGunzip());
    await assert.rejects(collect(input, 'cut.nbib.gz'), (error: unknown) => {
      assert.ok(error instanceof ImportFileError);
      assert.equal(error.file, 'cut.nbib.gz');
      assert.match(error.message, /^cut\.nbib\.gz: reading stopped after line \d+: unexpected end of file$/);
      return true;
    });
  });
});
