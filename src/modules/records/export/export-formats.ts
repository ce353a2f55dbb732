/**
 * Every export format khub offers, by its `--format` id: the command line and the pages both list these.
 */
import { bibtexFormat } from './bibtex.writer.js';
import { referenceFormats } from './citation.writer.js';
import { cslJsonFormat } from './csl-json.writer.js';
import { csvFormat } from './csv.writer.js';
import type { ExportFormat } from './export-format.js';
import { medlineFormat } from './medline.writer.js';
import { risFormat } from './ris.writer.js';

/** All formats in the order people are offered them. */
export const EXPORT_FORMATS: readonly ExportFormat[] = [risFormat, medlineFormat, bibtexFormat, csvFormat, cslJsonFormat, ...referenceFormats];

/** The format with this id, or undefined. */
export function findExportFormat(id: string): ExportFormat | undefined {
  return EXPORT_FORMATS.find((format) => format.id === id);
}
