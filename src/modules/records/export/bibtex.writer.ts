/**
 * BibTeX `@article` entries for LaTeX and reference managers. Special characters are escaped; accented
 * and other non-ASCII letters stay as UTF-8 (biber, BibTeX 0.99d+ with inputenc, and every reference
 * manager read them). Keywords are the author keywords; MeSH headings are not carried.
 */
import type { Author, BibRecord } from '../bib-record.js';
import { citationKeys } from './bibtex-key.js';
import type { ExportFormat, ExportRecord, RecordWriter } from './export-format.js';
import { abstractText, oneLine, recordUrl, splitPages } from './export-fields.js';

const BIBTEX_MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'] as const;

const ESCAPES: Readonly<Record<string, string>> = {
  '\\': '\\textbackslash{}',
  '{': '\\{',
  '}': '\\}',
  '%': '\\%',
  '&': '\\&',
  $: '\\$',
  '#': '\\#',
  _: '\\_',
  '~': '\\textasciitilde{}',
  '^': '\\textasciicircum{}',
};

/** Escapes the characters TeX treats specially: `50% & $5` → `50\% \& \$5`. */
export function escapeBibtex(text: string): string {
  return oneLine(text).replace(/[\\{}%&$#_~^]/g, (c) => ESCAPES[c] ?? c);
}

/** A title with words that carry capitals inside them ("MeSH", "COVID-19", "pH") braced, so styles keep their case. */
export function bibtexTitle(title: string): string {
  return oneLine(title)
    .split(' ')
    .map((word) => (/.\p{Lu}/u.test(word) ? `{${escapeBibtex(word)}}` : escapeBibtex(word)))
    .join(' ');
}

/** "Family, Given"; multi-word family names and group names braced so BibTeX does not split them. */
function bibtexName(author: Author): string | null {
  if (author.collective) return `{${escapeBibtex(author.collective)}}`;
  if (!author.family) return author.given ? `{${escapeBibtex(author.given)}}` : null;
  const family = /\s/.test(author.family.trim()) ? `{${escapeBibtex(author.family)}}` : escapeBibtex(author.family);
  return author.given ? `${family}, ${escapeBibtex(author.given)}` : family;
}

function bibtexPages(pages: string | null): string | null {
  const range = splitPages(pages);
  if (!range) return null;
  return range.end ? `${escapeBibtex(range.start)}--${escapeBibtex(range.end)}` : escapeBibtex(range.start);
}

/** The entry's fields in order, values already escaped; a month is a bare macro (`may`), everything else braced. */
function bibtexFields(record: BibRecord): Array<[string, string]> {
  const authors = record.authors.map(bibtexName).filter((name): name is string => name !== null);
  const month = record.publicationDate.month;
  const plain = (value: string | null): string | null => (value === null || oneLine(value) === '' ? null : escapeBibtex(value));
  const fields: Array<[string, string | null]> = [
    ['author', authors.length > 0 ? authors.join(' and ') : null],
    ['title', record.title ? bibtexTitle(record.title) : null],
    ['journal', plain(record.journal.title ?? record.journal.isoAbbreviation)],
    ['year', record.publicationDate.year === null ? null : String(record.publicationDate.year)],
    ['volume', plain(record.volume)],
    ['number', plain(record.issue)],
    ['pages', bibtexPages(record.pages)],
    ['issn', plain(record.journal.issn)],
    ['doi', plain(record.doi)],
    ['pmid', plain(record.pmid)],
    ['pmcid', plain(record.pmcid)],
    ['url', plain(recordUrl(record))],
    ['language', plain(record.languages.join(', ') || null)],
    ['keywords', plain(record.keywords.join(', ') || null)],
    ['abstract', plain(abstractText(record))],
  ];
  const braced = fields.filter((f): f is [string, string] => f[1] !== null).map(([name, value]): [string, string] => [name, `{${value}}`]);
  const monthMacro = month === null ? undefined : BIBTEX_MONTHS[month - 1];
  if (monthMacro) braced.splice(braced.findIndex(([name]) => name === 'year') + 1, 0, ['month', monthMacro]);
  return braced;
}

/** One `@article{key, …}` entry and a blank line. */
export function formatBibtex(record: BibRecord, key: string): string {
  const body = bibtexFields(record).map(([name, value]) => `  ${name} = ${value},\n`);
  return `@article{${key},\n${body.join('')}}\n\n`;
}

/** Streams records as BibTeX, with citation keys unique within the file. */
export const writeBibtex: RecordWriter = async function* (records: AsyncIterable<ExportRecord>) {
  const keyFor = citationKeys();
  for await (const record of records) yield formatBibtex(record, keyFor(record));
};

/** BibTeX, `.bib`. */
export const bibtexFormat: ExportFormat = {
  id: 'bibtex',
  label: 'BibTeX (LaTeX, JabRef)',
  contentType: 'application/x-bibtex; charset=utf-8',
  extension: 'bib',
  write: writeBibtex,
};
