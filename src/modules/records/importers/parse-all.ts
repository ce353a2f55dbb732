/**
 * Runs a parser over a string and collects what it yields: for tests, and for round-trip checks that
 * export records and read them back (import(export(x)) keeps every field the format can carry).
 */
import { Readable } from 'node:stream';
import type { BibRecord } from '../bib-record.js';
import type { ParsedItem, RecordParser } from './parsed-item.js';

/** Options as the import pipeline passes them; `file` defaults to a name that says the text was in memory. */
export interface ParseAllOptions {
  readonly source?: string;
  readonly file?: string;
}

/** Every item the parser yields for this text, in order. */
export async function parseItems(parser: RecordParser, text: string, options: ParseAllOptions = {}): Promise<ParsedItem[]> {
  const items: ParsedItem[] = [];
  const input = Readable.from([Buffer.from(text, 'utf8')]);
  for await (const item of parser(input, { file: options.file ?? '(text)', ...(options.source ? { source: options.source } : {}) })) items.push(item);
  return items;
}

/**
 * The records the parser reads from this text (problems and deletions left out).
 *
 * ### Examples
 * const [record] = await parseAll(parseMedlineText, 'PMID- 1\nTI  - A title.\n');
 * record.title  // 'A title.'
 */
export async function parseAll(parser: RecordParser, text: string, options: ParseAllOptions = {}): Promise<BibRecord[]> {
  const items = await parseItems(parser, text, options);
  return items.flatMap((item) => (item.kind === 'record' ? [item.record] : []));
}
