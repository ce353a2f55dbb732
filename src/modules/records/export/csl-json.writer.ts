/**
 * CSL-JSON: one JSON array of CSL items, written an item at a time so the array is never built in memory.
 */
import { toCslItem } from './csl-item.js';
import type { ExportFormat, ExportRecord, RecordWriter } from './export-format.js';

/** Streams records as a JSON array of CSL items, one item a line (`[]` when there are none). */
export const writeCslJson: RecordWriter = async function* (records: AsyncIterable<ExportRecord>) {
  let first = true;
  for await (const record of records) {
    yield `${first ? '[\n' : ',\n'}${JSON.stringify(toCslItem(record))}`;
    first = false;
  }
  yield first ? '[]\n' : '\n]\n';
};

/** CSL-JSON, `.json`. */
export const cslJsonFormat: ExportFormat = {
  id: 'csl-json',
  label: 'CSL-JSON (citation processors, Zotero, Pandoc)',
  contentType: 'application/vnd.citationstyles.csl+json; charset=utf-8',
  extension: 'json',
  write: writeCslJson,
};
