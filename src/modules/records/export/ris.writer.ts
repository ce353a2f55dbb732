/**
 * RIS, as EndNote, Zotero, Mendeley and RefWorks import it. One `TAG  - value` per line, CRLF line ends
 * (the RIS specification's), each record closed by `ER  - ` and a blank line.
 *
 * Choices where RIS has no single answer (documented in docs/records.md):
 * - MeSH headings go in `MH` lines in MEDLINE notation ("Asthma/*drug therapy"), as Ovid writes them;
 *   `KW` carries the author keywords only, so neither is mistaken for the other on the way back in.
 * - `M3` (type of work) lists the publication types, separated by "; ", as Scopus and Embase use it.
 * - `JF` is the journal's full title and `JA` its ISO abbreviation.
 * - `AN` is the PMID, with `DB  - PubMed` saying so (the source's own id for records that have none);
 *   `C2` is the PMCID, as EndNote's "Journal Article" uses Custom 2.
 * - `AD` lists every author's affiliations once: RIS cannot say whose each one is.
 */
import type { BibRecord } from '../bib-record.js';
import type { ExportFormat, ExportRecord, RecordWriter } from './export-format.js';
import { abstractText, allAffiliations, invertedName, meshHeadingText, oneLine, recordUrl, splitPages } from './export-fields.js';

const EOL = '\r\n';

// RIS reference types for the PubMed publication types that are not journal articles.
const TYPE_BY_PUBLICATION_TYPE: ReadonlyArray<readonly [string, string]> = [
  ['Dataset', 'DATA'],
  ['Congress', 'CPAPER'],
  ['Preprint', 'JOUR'],
];

function risType(record: BibRecord): string {
  const found = TYPE_BY_PUBLICATION_TYPE.find(([publicationType]) => record.publicationTypes.includes(publicationType));
  return found ? found[1] : 'JOUR';
}

const two = (n: number | null): string => (n === null ? '' : String(n).padStart(2, '0'));

/** RIS dates are "YYYY/MM/DD/other": "2018/05/17/", "2018/05//", "2018///". */
export function risDate(record: BibRecord): string | null {
  const { year, month, day } = record.publicationDate;
  if (year === null) return null;
  return `${year}/${two(month)}/${month === null ? '' : two(day)}/`;
}

/** The tags of one record in order; empty values are left out. */
export function risLines(record: BibRecord): Array<[string, string]> {
  const lines: Array<[string, string | null]> = [['TY', risType(record)], ['TI', record.title]];
  for (const author of record.authors) lines.push(['AU', invertedName(author)]);
  for (const affiliation of allAffiliations(record)) lines.push(['AD', affiliation]);
  const pages = splitPages(record.pages);
  lines.push(
    ['AB', abstractText(record)],
    ['PY', risDate(record)],
    // A date that is not plain ("2015 Winter", "1998 Dec-1999 Jan") goes whole into DA, RIS's free-text date.
    ['DA', record.publicationDate.text],
    ['JF', record.journal.title],
    ['JA', record.journal.isoAbbreviation],
    ['SN', record.journal.issn],
    ['VL', record.volume],
    ['IS', record.issue],
    ['SP', pages?.start ?? null],
    ['EP', pages?.end ?? null],
  );
  for (const language of record.languages) lines.push(['LA', language]);
  lines.push(['M3', record.publicationTypes.join('; ')]);
  for (const keyword of record.keywords) lines.push(['KW', keyword]);
  for (const heading of record.mesh) lines.push(['MH', meshHeadingText(heading)]);
  lines.push(['DO', record.doi], ['DB', record.pmid ? 'PubMed' : null], ['AN', record.pmid ?? record.sourceId], ['C2', record.pmcid], ['UR', recordUrl(record)]);
  return lines.filter((line): line is [string, string] => line[1] !== null && oneLine(line[1]) !== '');
}

/** One record as RIS text, ending with `ER  - ` and a blank line. */
export function formatRis(record: BibRecord): string {
  const body = risLines(record).map(([tag, value]) => `${tag}  - ${oneLine(value)}${EOL}`);
  return `${body.join('')}ER  - ${EOL}${EOL}`;
}

/** Streams records as RIS. */
export const writeRis: RecordWriter = async function* (records: AsyncIterable<ExportRecord>) {
  for await (const record of records) yield formatRis(record);
};

/** RIS, `.ris`. */
export const risFormat: ExportFormat = {
  id: 'ris',
  label: 'RIS (EndNote, Zotero, Mendeley, RefWorks)',
  contentType: 'application/x-research-info-systems; charset=utf-8',
  extension: 'ris',
  write: writeRis,
};
