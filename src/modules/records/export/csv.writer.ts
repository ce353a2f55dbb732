/**
 * CSV for spreadsheets and reports: a header row, then one row per record (RFC 4180: CRLF line ends,
 * fields quoted when they hold a comma, quote or line break). Multi-valued fields are joined with "; ".
 * The file starts with a UTF-8 byte-order mark so Excel reads accented names correctly, and each field's
 * line breaks are collapsed to spaces so one record is always one line.
 */
import type { BibRecord } from '../bib-record.js';
import { type ExportFormat, type ExportRecord, type RecordWriter, isStoredRecord } from './export-format.js';
import { abstractText, allAffiliations, invertedName, meshHeadingText, oneLine, recordUrl } from './export-fields.js';

type Cell = string | number | null;

const COLUMNS: ReadonlyArray<readonly [string, (record: ExportRecord) => Cell]> = [
  ['khub_id', (r) => (isStoredRecord(r) ? r.id : null)],
  ['source', (r) => r.source],
  ['source_id', (r) => r.sourceId],
  ['pmid', (r) => r.pmid],
  ['doi', (r) => r.doi],
  ['pmcid', (r) => r.pmcid],
  ['title', (r) => r.title],
  ['authors', (r) => joined(r.authors.map(invertedName))],
  ['affiliations', (r) => joined(allAffiliations(r))],
  ['journal', (r) => r.journal.title],
  ['journal_abbreviation', (r) => r.journal.isoAbbreviation],
  ['issn', (r) => r.journal.issn],
  ['volume', (r) => r.volume],
  ['issue', (r) => r.issue],
  ['pages', (r) => r.pages],
  ['year', (r) => r.publicationDate.year],
  ['month', (r) => r.publicationDate.month],
  ['day', (r) => r.publicationDate.day],
  ['date_text', (r) => r.publicationDate.text],
  ['languages', (r) => joined(r.languages)],
  ['publication_types', (r) => joined(r.publicationTypes)],
  ['mesh', (r) => joined(r.mesh.map(meshHeadingText))],
  ['keywords', (r) => joined(r.keywords)],
  ['abstract', (r) => abstractText(r)],
  ['url', (r) => recordUrl(r)],
  ['added_at', (r) => (isStoredRecord(r) ? r.addedAt : null)],
  ['updated_at', (r) => (isStoredRecord(r) ? r.updatedAt : null)],
];

/** The header row's column names, in order. */
export const CSV_COLUMNS: readonly string[] = COLUMNS.map(([name]) => name);

function joined(values: ReadonlyArray<string | null>): string | null {
  const present = values.filter((v): v is string => v !== null && v !== '');
  return present.length > 0 ? present.join('; ') : null;
}

/**
 * One field: a text a spreadsheet would run as a formula (starting = + - @, tab or CR) gets a leading
 * apostrophe (OWASP's CSV-injection advice), then RFC 4180 quoting where needed.
 */
export function csvCell(value: Cell): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  // Collapsing whitespace first also removes a leading tab or CR, which spreadsheets would act on.
  const collapsed = oneLine(value);
  const text = /^[=+\-@\t\r]/.test(collapsed) ? `'${collapsed}` : collapsed;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One record's row, with its CRLF. */
export function csvRow(record: BibRecord): string {
  return `${COLUMNS.map(([, cell]) => csvCell(cell(record))).join(',')}\r\n`;
}

/** Streams records as CSV: byte-order mark and header first, then a row per record. */
export const writeCsv: RecordWriter = async function* (records: AsyncIterable<ExportRecord>) {
  yield `\uFEFF${CSV_COLUMNS.join(',')}\r\n`;
  for await (const record of records) yield csvRow(record);
};

/** CSV, `.csv`. */
export const csvFormat: ExportFormat = {
  id: 'csv',
  label: 'CSV (spreadsheets)',
  contentType: 'text/csv; charset=utf-8',
  extension: 'csv',
  write: writeCsv,
};
