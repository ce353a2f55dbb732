/**
 * MEDLINE tagged text (PubMed's "PubMed" format, `.nbib`): a four-character tag, "- ", the value, and long
 * values wrapped onto continuation lines indented six spaces, as PubMed writes them. Records are separated
 * by a blank line. MEDLINE notation has no descriptor or qualifier ids, so MeSH headings carry names and
 * major-topic stars only.
 */
import type { Author, BibRecord } from '../bib-record.js';
import type { ExportFormat, ExportRecord, RecordWriter } from './export-format.js';
import { MONTH_ABBREVIATIONS, authorInitials, meshHeadingText, oneLine } from './export-fields.js';

/** PubMed's lines are at most 87 characters: the 6-character tag column and 81 of text. */
const TEXT_WIDTH = 81;
const CONTINUATION = '      ';

/** Greedy word wrap; a word longer than the line (a URL) stays whole on a line of its own. */
export function wrapMedline(text: string, width = TEXT_WIDTH): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of oneLine(text).split(' ')) {
    if (line === '') line = word;
    else if (line.length + 1 + word.length <= width) line += ` ${word}`;
    else {
      lines.push(line);
      line = word;
    }
  }
  lines.push(line);
  return lines;
}

function field(tag: string, value: string | null): string {
  if (value === null || oneLine(value) === '') return '';
  const [first, ...rest] = wrapMedline(value);
  return `${tag.padEnd(4)}- ${first}\n${rest.map((line) => `${CONTINUATION}${line}\n`).join('')}`;
}

/** PubMed's DP: "2018 May 17", "2018 May", "2018", or the date as printed when it is not plain ("2015 Winter"). */
export function medlineDate(record: BibRecord): string | null {
  const { year, month, day, text } = record.publicationDate;
  if (text) return text;
  if (year === null) return null;
  const monthName = month === null ? undefined : MONTH_ABBREVIATIONS[month - 1];
  return [String(year), monthName, monthName && day !== null ? String(day) : undefined].filter((part) => part !== undefined).join(' ');
}

/** FAU/AU (or CN for a group), then the author's ORCID and affiliations, which MEDLINE ties to the name before them. */
function authorFields(author: Author): string {
  const affiliations = author.affiliations.map((a) => field('AD', a)).join('');
  if (author.collective) return field('CN', author.collective) + affiliations;
  const family = author.family ?? author.given ?? '';
  const full = author.family && author.given ? `${author.family}, ${author.given}` : family;
  const short = [family, authorInitials(author)].filter((part) => part !== '').join(' ');
  return field('FAU', full) + field('AU', short) + field('AUID', author.orcid ? `ORCID: ${author.orcid}` : null) + affiliations;
}

/** The abstract with each section's label, as PubMed prints structured abstracts ("BACKGROUND: … METHODS: …"). */
function labelledAbstract(record: BibRecord): string | null {
  if (record.abstractSections.length === 0) return record.abstract;
  return record.abstractSections.map((s) => (s.label ? `${s.label}: ${s.text}` : s.text)).join(' ');
}

/** PubMed's SO: "N Engl J Med. 2018 May 17;378(20):1865-1876. doi: 10.1056/nejmoa1715274." */
function sourceLine(record: BibRecord): string | null {
  const journal = record.journal.isoAbbreviation ?? record.journal.title;
  if (!journal) return null;
  let text = `${journal}. ${medlineDate(record) ?? ''}`.trim();
  if (record.volume) text += `;${record.volume}${record.issue ? `(${record.issue})` : ''}`;
  if (record.pages) text += `:${record.pages}`;
  return `${text}.${record.doi ? ` doi: ${record.doi}.` : ''}`;
}

/** One record as MEDLINE tagged text, preceded by the blank line that separates records. */
export function formatMedline(record: BibRecord): string {
  const doi = record.doi ? `${record.doi} [doi]` : null;
  const parts = [
    field('PMID', record.pmid),
    field('IS', record.journal.issn),
    field('VI', record.volume),
    field('IP', record.issue),
    field('DP', medlineDate(record)),
    field('TI', record.title),
    field('PG', record.pages),
    field('LID', doi),
    field('AB', labelledAbstract(record)),
    ...record.authors.map(authorFields),
    ...record.languages.map((language) => field('LA', language)),
    ...record.publicationTypes.map((type) => field('PT', type)),
    field('TA', record.journal.isoAbbreviation),
    field('JT', record.journal.title),
    ...record.mesh.map((heading) => field('MH', meshHeadingText(heading))),
    field('PMC', record.pmcid),
    record.keywords.length > 0 ? field('OTO', 'NOTNLM') : '',
    ...record.keywords.map((keyword) => field('OT', keyword)),
    field('AID', doi),
    field('SO', sourceLine(record)),
  ];
  return `\n${parts.join('')}`;
}

/** Streams records as MEDLINE tagged text. */
export const writeMedline: RecordWriter = async function* (records: AsyncIterable<ExportRecord>) {
  for await (const record of records) yield formatMedline(record);
};

/** MEDLINE tagged text, `.nbib`. */
export const medlineFormat: ExportFormat = {
  id: 'medline',
  label: 'MEDLINE tagged text (PubMed .nbib)',
  contentType: 'text/plain; charset=utf-8',
  extension: 'nbib',
  write: writeMedline,
};
