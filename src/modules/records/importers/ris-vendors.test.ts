import assert from 'node:assert/strict';
import { createReadStream } from 'node:fs';
import { before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { BibRecord } from '../bib-record.js';
import type { ParsedItem } from './parsed-item.js';
import { parseRis } from './ris.parser.js';

/** The fixtures are invented records laid out as each vendor exports them (fixtures/ris/*.ris). */
async function fixtureRecords(name: string): Promise<{ records: BibRecord[]; problems: ParsedItem[] }> {
  const items: ParsedItem[] = [];
  const input = createReadStream(fileURLToPath(new URL(`./fixtures/ris/${name}`, import.meta.url)));
  for await (const item of parseRis(input, { file: name })) items.push(item);
  return { records: items.flatMap((i) => (i.kind === 'record' ? [i.record] : [])), problems: items.filter((i) => i.kind !== 'record') };
}

const people = (record: BibRecord | undefined) => record?.authors.map((a) => [a.family, a.given, a.initials, a.affiliations.length]);

describe('RIS from Ovid (numbered records, ID, T1/A1/Y1/N2, M2 affiliations, DOI as a URL)', () => {
  let records: BibRecord[] = [];
  before(async () => ({ records } = await fixtureRecords('ovid-medline.ris')));

  it('takes the PMID from the Ovid link of a MEDLINE record even without a DB line', () => {
    assert.deepEqual(records.map((r) => [r.source, r.sourceId]), [['ris', 'pmid:31234567'], ['ris', 'pmid:30987654'], ['ris', 'embase:2001234567']]);
  });

  it("reads Ovid's tags and gives each author the M2 affiliation that starts with their name", () => {
    const [r] = records;
    assert.equal(r?.doi, '10.1000/jpnp.2019.0042');
    assert.deepEqual(r?.journal, { title: 'Journal of perioperative nursing practice', isoAbbreviation: 'J Perioper Nurs Pract', issn: '1745-0012' });
    assert.deepEqual([r?.pages, r?.publicationDate.year], ['211-219', 2019]);
    assert.deepEqual(people(r), [['Okafor', 'Chidi', 'C', 1], ['Lindqvist', 'Anna M', 'AM', 1], ['de la Cruz', 'Maria', 'M', 1]]);
    assert.equal(r?.authors[2]?.affiliations[0], 'School of Healthcare, University of Example, Leeds, United Kingdom.');
  });

  it('splits a structured abstract Ovid joined with "., "', () => {
    const sections = records[0]?.abstractSections ?? [];
    assert.deepEqual(sections.map((s) => s.label), ['BACKGROUND', 'METHODS', 'RESULTS', 'CONCLUSIONS']);
    assert.equal(sections[0]?.text, 'Day-case hernia repair is common, but contact with patients after discharge varies widely between units.');
  });

  it('reads MeSH headings from MH with bracketed qualifier names', () => {
    assert.deepEqual(records[1]?.mesh.slice(0, 3), [
      { ui: null, name: 'Asthma', major: true, qualifiers: [{ ui: null, name: 'drug therapy', major: false }] },
      { ui: null, name: 'Child', major: false, qualifiers: [] },
      { ui: null, name: 'Health Education', major: false, qualifiers: [{ ui: null, name: 'methods', major: true }] },
    ]);
    assert.deepEqual(records[1]?.languages, ['eng']);
  });

  it('links Embase\'s "(Family, Family) affiliation" lines to the authors they name', () => {
    const embase = records[2];
    assert.deepEqual(people(embase), [['Behan', null, 'L', 1], ['Rubbo', null, 'B', 1], ['Lucas', null, 'JS', 1]]);
    assert.equal(embase?.authors[2]?.affiliations[0], 'School of Applied Psychology, University College Example, Cork, Ireland');
    assert.deepEqual(embase?.abstractSections.map((s) => [s.label, s.nlmCategory]), [
      ['Background', 'BACKGROUND'], ['Method(s)', 'METHODS'], ['Result(s)', 'RESULTS'], ['Conclusion(s)', 'CONCLUSIONS'],
    ]);
    assert.deepEqual(embase?.publicationTypes, ['Conference Abstract']);
  });
});

describe('RIS from EBSCOhost (DB codes, untagged copyright lines, ISSNs without hyphens)', () => {
  let records: BibRecord[] = [];
  before(async () => ({ records } = await fixtureRecords('ebsco.ris')));

  it('prefixes a CINAHL accession number with its database code and reads MEDLINE and U2 PMIDs, keeping the copies under the RIS source', () => {
    assert.deepEqual(records.map((r) => [r.source, r.sourceId]), [['ris', 'rzh:141234567'], ['ris', 'pmid:31300001'], ['ris', 'pmid:29876543']]);
  });

  it("removes EBSCOhost's provenance note and copyright trailer from the abstract", () => {
    assert.equal(records[0]?.abstract, 'Aim: To describe how often care is missed on acute medical wards and how this varies with staffing. Design: Cross-sectional survey of 1,120 registered nurses in 46 hospitals. Results: Care was missed on one shift in three.');
    assert.deepEqual(records[0]?.abstractSections.map((s) => [s.label, s.nlmCategory]), [['Aim', 'OBJECTIVE'], ['Design', 'METHODS'], ['Results', 'RESULTS']]);
  });

  it('reads the journal, a hyphenless ISSN, the month of "2020/03//" and CINAHL headings as keywords', () => {
    const [r] = records;
    assert.deepEqual(r?.journal, { title: 'Journal of Advanced Nursing (Example-Blackwell)', isoAbbreviation: null, issn: '0309-2402' });
    assert.deepEqual(r?.publicationDate, { year: 2020, month: 3, day: null, text: null });
    assert.deepEqual(r?.keywords, ['Nursing Staff, Hospital -- Supply and Distribution', 'Missed Nursing Care', 'Cross Sectional Studies']);
    assert.deepEqual([records[1]?.pages, records[2]?.pages], ['e029999', 'S10-S16']);
  });
});

describe('RIS from Embase.com (U2 Embase id, C5 PMID, Emtree keywords)', () => {
  let records: BibRecord[] = [];
  before(async () => ({ records } = await fixtureRecords('embase.ris')));

  it('takes the Medline PMID from C5 and otherwise uses the Embase id', () => {
    assert.deepEqual(records.map((r) => [r.source, r.sourceId]), [['ris', 'pmid:33456789'], ['ris', 'embase:L2019876543']]);
  });

  it('links named affiliations and keeps the corresponding address on the first author', () => {
    const [r] = records;
    assert.deepEqual(people(r), [['Adeyemi', null, 'A', 2], ['Kowalczyk', null, 'M', 1], ['Fraser', null, 'I', 1]]);
    assert.equal(r?.authors[1]?.affiliations[0], 'Bristol Medical School, University of Example, Bristol, United Kingdom');
    assert.deepEqual([r?.journal.issn, r?.issue, r?.pages, r?.doi], ['1468-2834', 'SUPPL 1', 'i12-i13', '10.1000/ageing/afab030.12']);
    assert.deepEqual(r?.keywords.slice(0, 3), ['anticoagulant agent', 'aged', '*cerebrovascular accident']);
  });
});

describe('RIS from Scopus (byte-order mark, CRLF, EID link, C7 article number, reference lists in N1)', () => {
  let records: BibRecord[] = [];
  let problems: ParsedItem[] = [];
  before(async () => ({ records, problems } = await fixtureRecords('scopus.ris')));

  it('uses the EID as the id, never a PMID quoted in the reference list, and C2 as the PubMed id', () => {
    assert.deepEqual(problems, []);
    assert.deepEqual(records.map((r) => [r.source, r.sourceId, r.pmid]), [['ris', 'scopus:2-s2.0-85130000001', null], ['ris', 'pmid:34900001', '34900001']]);
  });

  it('reads the article number as pages, abbreviated source title and author affiliations', () => {
    const [r] = records;
    assert.equal(r?.title, 'Machine learning triage of referral letters in a regional rheumatology service');
    assert.deepEqual([r?.pages, r?.journal.isoAbbreviation, r?.journal.issn, r?.languages], ['rkac041', 'Rheumatol. Adv. Pract.', '2514-1775', ['eng']]);
    assert.deepEqual(people(r), [['Nakamura', 'H.', 'H', 2], ['Osei', 'K.A.', 'KA', 0], ['Fitzgerald', 'L.-M.', 'LM', 0]]);
  });
});

describe('RIS from Zotero (T2/J2, DA with slashes, Extra in M2, ISO 639-1 languages)', () => {
  let records: BibRecord[] = [];
  let problems: ParsedItem[] = [];
  before(async () => ({ records, problems } = await fixtureRecords('zotero.ris')));

  it('reads the PMID and PMCID Zotero keeps in Extra, and the full date from DA', () => {
    const [r] = records;
    assert.deepEqual([r?.source, r?.sourceId, r?.pmcid, r?.doi], ['ris', 'pmid:30200001', 'PMC6100001', '10.1000/aet.2018.0558']);
    assert.deepEqual(r?.publicationDate, { year: 2018, month: 9, day: 14, text: null });
    assert.deepEqual(r?.journal, { title: 'Archives of Example Toxicology', isoAbbreviation: 'Arch Ex Toxicol', issn: '1432-0703' });
  });

  it('takes the DOI from a doi.org link and a locale as a language, and makes no publication type up from TY', () => {
    const conference = records[1];
    assert.deepEqual([conference?.sourceId, conference?.doi, conference?.languages, conference?.publicationTypes], ['doi:10.1000/ehlc.2021.7', '10.1000/ehlc.2021.7', ['eng'], []]);
    assert.deepEqual(conference?.publicationDate, { year: 2021, month: 5, day: null, text: null });
  });

  it('reports an item without a title at its TY line', () => {
    assert.deepEqual(problems, [{ kind: 'problem', position: 'line 38', reason: 'no title (TI or T1)' }]);
  });
});

describe('RIS from EndNote (alphabetical tags, DP NLM, AN as PMID, C2 PMCID, one value a line, ID record numbers)', () => {
  let records: BibRecord[] = [];
  before(async () => ({ records } = await fixtureRecords('endnote.ris')));

  it('reads a PubMed-derived record by its AN, never by EndNote\'s own ID', () => {
    assert.deepEqual(records.map((r) => [r.source, r.sourceId]), [['ris', 'pmid:28900001'], ['ris', 'doi:10.1000/jrs.2015.0042'], ['ris', 'id:14']]);
  });

  it('combines DA "Apr 19" with PY, and reads keywords and ISSNs given one to a line', () => {
    const [r] = records;
    assert.deepEqual(r?.publicationDate, { year: 2017, month: 4, day: 19, text: null });
    assert.deepEqual([r?.pmcid, r?.journal.issn, r?.keywords], ['PMC5600001', '1932-6203', ['Humans', 'Adolescent', '*Smoking Cessation']]);
    assert.deepEqual(people(r), [['MacLeod', 'Fiona', 'F', 1], ['Ahmed', 'Bilal', 'B', 0]]);
  });

  it('keeps a page range written whole in SP and reads a group as a collective author', () => {
    assert.equal(records[1]?.pages, '123-130');
    assert.deepEqual(records[2]?.authors, [{ family: null, given: null, initials: null, collective: 'Health Libraries Working Group', affiliations: [] }]);
    assert.deepEqual(records[2]?.publicationTypes, []);
  });
});
