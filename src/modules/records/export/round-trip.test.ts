/**
 * import(export(x)) keeps every field the format can carry. Each format's losses are spelled out in
 * `carried*` below and nowhere else: everything not listed there must come back exactly.
 *
 * | Format | Cannot carry |
 * | --- | --- |
 * | MEDLINE | MeSH descriptor and qualifier ids; NLM categories of abstract sections (the labels are kept) |
 * | RIS | the above; the source of a PubMed record; whose affiliation is whose (all come back, on the first author); initials apart from given names; pages in MEDLINE's abbreviated form (they come back in full) |
 * | CSL-JSON | affiliations, MeSH, publication types, abstract sections, languages after the first |
 *
 * No text format keeps a line break inside a value: each writer turns it into a space (tested with each writer).
 */
import assert from 'node:assert/strict';
import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { resolve } from 'node:path';
import { describe, it } from 'node:test';
import { sharedDataPath } from '../../../../test/helpers/shared-data.js';
import { sampleRecords } from '../../../../test/helpers/record-fixtures.js';
import type { AbstractSection, Author, BibRecord, MeshHeading } from '../bib-record.js';
import { parseMedlineText } from '../importers/medline-text.parser.js';
import { parseAll, parseItems } from '../importers/parse-all.js';
import type { RecordParser } from '../importers/parsed-item.js';
import { parsePubmedXml } from '../importers/pubmed-xml.parser.js';
import { parseRis } from '../importers/ris.parser.js';
import { emptyRecord } from '../record-mapping.js';
import { toCslItem } from './csl-item.js';
import { cslItemToRecord } from './csl-item.schema.js';
import { splitPages } from './export-fields.js';
import { formatMedline } from './medline.writer.js';
import { formatRis } from './ris.writer.js';

const SAMPLES = sharedDataPath('medline-samples');
const MEDLINE_TEXT_SAMPLE = resolve(SAMPLES, 'mesh-papers.medline.txt.gz');
const XML_SAMPLE = resolve(SAMPLES, 'medline16n0902.xml.gz');

/** Records besides the real ones: a non-PubMed record, an ORCID, a seasonal date, a hostile title. */
const extraRecords: BibRecord[] = [
  {
    ...emptyRecord('pubmed', '30000001'),
    pmid: '30000001',
    title: 'Costs: 50% of $5 & {x} "quoted", <b>tag</b> — a Spanish review.',
    authors: [{ family: 'Núñez', given: 'José Luis', initials: 'JL', collective: null, affiliations: ['Hospital Universitario, Málaga, Spain.'], orcid: '0000-0002-1825-0097' }],
    journal: { title: 'Revista española', isoAbbreviation: 'Rev Esp', issn: '0034-9887' },
    volume: '12',
    issue: 'Suppl 2',
    pages: 'S12-5',
    publicationDate: { year: 2016, month: null, day: null, text: '2016 Winter' },
    languages: ['spa', 'eng'],
    publicationTypes: ['Journal Article', 'Review'],
    keywords: ['síndrome', 'R&D'],
  },
];

const records = [...sampleRecords, ...extraRecords];

const withoutIds = (mesh: readonly MeshHeading[]): MeshHeading[] => mesh.map((h) => ({ ...h, ui: null, qualifiers: h.qualifiers.map((q) => ({ ...q, ui: null })) }));
const labelled = (sections: readonly AbstractSection[]) => sections.map(({ label, text }) => ({ label, text }));
const fullPages = (pages: string | null) => {
  const range = splitPages(pages);
  return range ? [range.start, range.end].filter(Boolean).join('-') : null;
};

/** What MEDLINE tagged text carries of a record. */
function carriedByMedline(record: BibRecord) {
  return { ...record, mesh: withoutIds(record.mesh), abstractSections: labelled(record.abstractSections) };
}

/**
 * What RIS carries of a record. The importer files a RIS copy of a PubMed record under the RIS source as
 * `pmid:<PMID>` (so it never overwrites PubMed's own, fuller record): its PMID comes back, not its source.
 */
function carriedByRis(record: BibRecord) {
  const person = ({ family, given, collective }: Author) => ({ family, given, collective });
  const { source, sourceId, ...rest } = carriedByMedline(record);
  return {
    ...rest,
    ...(record.pmid ? {} : { source, sourceId }),
    authors: record.authors.map(person),
    affiliations: [...new Set(record.authors.flatMap((a) => a.affiliations))].sort(),
    pages: fullPages(record.pages),
  };
}

/** What CSL-JSON carries of a record. */
function carriedByCsl(record: BibRecord) {
  const person = ({ family, given, collective }: Author) => ({ family, given, collective });
  return { ...record, authors: record.authors.map(person), mesh: [], abstractSections: [], publicationTypes: [], languages: record.languages.slice(0, 1) };
}

async function readAll(parser: RecordParser, file: string): Promise<BibRecord[]> {
  const out: BibRecord[] = [];
  const input = file.endsWith('.gz') ? createReadStream(file).pipe(createGunzip()) : createReadStream(file);
  for await (const item of parser(input, { file })) if (item.kind === 'record') out.push(item.record);
  return out;
}

describe('round trip: MEDLINE tagged text', () => {
  it('gives back every field of the sample records, ORCID and seasonal dates included', async () => {
    const back = await parseAll(parseMedlineText, records.map(formatMedline).join(''));
    assert.deepEqual(back.map(carriedByMedline), records.map(carriedByMedline));
  });

  it('reports a record without a PMID rather than dropping it silently (MEDLINE records start with PMID)', async () => {
    const items = await parseItems(parseMedlineText, formatMedline({ ...emptyRecord('beir-scifact', '4983'), title: 'T' }));
    assert.deepEqual(items.map((item) => item.kind), ['problem']);
  });

  it('gives back all 284 records of a real PubMed .nbib export exactly', async () => {
    const originals = await readAll(parseMedlineText, MEDLINE_TEXT_SAMPLE);
    assert.equal(originals.length, 284);
    assert.deepEqual(await parseAll(parseMedlineText, originals.map(formatMedline).join('')), originals);
  });

  it('gives back the 604 records of a real MEDLINE XML file', async () => {
    const originals = await readAll(parsePubmedXml, XML_SAMPLE);
    const back = await parseAll(parseMedlineText, originals.map(formatMedline).join(''));
    // Two readings of the MEDLINE importer, not losses of the format, are left out here: it finds sections
    // again only by the labels it knows ("PATIENT(S)" is not one; the abstract text is compared whole
    // below), and it reads only ASCII capitals as initials, so "AU  - Lim do Y" and "AU  - Yağan Ö" lose them.
    const comparable = (record: BibRecord, original: BibRecord) => ({
      ...carriedByMedline(record),
      abstractSections: [],
      authors: record.authors.map((a, i) => ({ ...a, initials: /[^A-Z]/.test(original.authors[i]?.initials ?? '') ? null : a.initials })),
    });
    assert.equal(back.length, 604);
    assert.deepEqual(
      back.map((record, i) => comparable(record, originals[i] ?? record)),
      originals.map((record) => comparable(record, record)),
    );
    assert.deepEqual(back.map((r) => r.abstract), originals.map((r) => r.abstract));
  });
});

describe('round trip: RIS', () => {
  it('gives back every field RIS can carry of the sample records', async () => {
    const back = await parseAll(parseRis, records.map(formatRis).join(''));
    assert.deepEqual(back.map(carriedByRis), records.map(carriedByRis));
  });

  it('keeps the source id of a record without a PMID when read back under its source', async () => {
    const record: BibRecord = {
      ...emptyRecord('beir-scifact', '4983'),
      title: 'Microstructural development of human newborn cerebral white matter',
      doi: '10.1203/00006450-199910000-00007',
      publicationTypes: ['Journal Article'],
    };
    const [back] = await parseAll(parseRis, formatRis(record), { source: 'beir-scifact' });
    assert.deepEqual(back && carriedByRis(back), carriedByRis(record));
  });

  it('gives back what RIS can carry of a real PubMed .nbib export and a real MEDLINE XML file', async () => {
    for (const originals of [await readAll(parseMedlineText, MEDLINE_TEXT_SAMPLE), await readAll(parsePubmedXml, XML_SAMPLE)]) {
      const back = await parseAll(parseRis, originals.map(formatRis).join(''));
      // RIS has no tag for group authors; the importer knows a group by its words ("… Study Group"), so
      // "Gruppo Tecnico PASSI" comes back as a person. Names are compared as printed; sections as above.
      const name = (a: Author) => a.collective ?? [a.given, a.family].filter(Boolean).join(' ');
      const comparable = (record: BibRecord) => ({ ...carriedByRis(record), abstractSections: [], authors: record.authors.map(name) });
      assert.deepEqual(back.map(comparable), originals.map(comparable));
    }
  });
});

describe('round trip: CSL-JSON', () => {
  const viaCsl = (record: BibRecord): BibRecord => {
    const result = cslItemToRecord(JSON.parse(JSON.stringify(toCslItem(record))));
    assert.ok(result.ok, result.ok ? '' : result.reason);
    return result.record;
  };

  it('gives back every field CSL can carry of the sample records', () => {
    assert.deepEqual(records.map(viaCsl).map(carriedByCsl), records.map(carriedByCsl));
  });

  it('gives back what CSL can carry of a real MEDLINE XML file', async () => {
    const originals = await readAll(parsePubmedXml, XML_SAMPLE);
    // CSL has one comma-separated keyword string, so a keyword's own commas ("Epileptogenesis,") split it.
    const comparable = (record: BibRecord) => ({ ...carriedByCsl(record), keywords: record.keywords.join(', ').split(/\s*,\s*/).filter(Boolean) });
    assert.deepEqual(originals.map(viaCsl).map(comparable), originals.map(comparable));
  });
});
