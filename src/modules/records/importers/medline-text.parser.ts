/**
 * PubMed's MEDLINE tagged text (the `.nbib` / "PubMed format" export, `.txt`): one field a line as
 * `TAG - value` with the tag padded to four characters, continuation lines indented by six spaces,
 * records separated by blank lines (or a new `PMID-`). Streamed line by line.
 *
 * Tags: https://pubmed.ncbi.nlm.nih.gov/help/#pubmed-format
 */
import { readLines } from './line-reader.js';
import { medlineRecordToItem } from './medline-record-mapping.js';
import type { ParsedItem, RecordParser } from './parsed-item.js';
import { TaggedRecordBuilder } from './tagged-record.js';

/** "PMID- 123", "TI  - Title", "FAU - Lu, Yin", "AB  -" (empty); never an indented line. */
const TAG_LINE = /^([A-Z][A-Z0-9]{1,3}) *-(?: (.*))?$/;

function lineProblem(number: number, text: string): ParsedItem {
  const shown = text.length > 60 ? `${text.slice(0, 60)}…` : text;
  return { kind: 'problem', position: `line ${number}`, reason: `not a MEDLINE tag line and not inside a record: "${shown}"` };
}

/**
 * Parses MEDLINE tagged text. Every record is stored under source `pubmed` with its PMID as source id, so
 * a `.nbib` export updates the same rows as PubMed XML and the E-utilities client. A record without a PMID
 * or a title is reported as a problem at its first line and skipped.
 *
 * ### Examples
 * "PMID- 28412964\nTI  - MeSH Now: automatic MeSH indexing…\nDP  - 2017 Apr 17\n"
 *   → { kind: 'record', position: 'line 1', record: { source: 'pubmed', sourceId: '28412964', … } }
 */
export const parseMedlineText: RecordParser = async function* parseMedlineText(input, options) {
  let current: TaggedRecordBuilder | null = null;
  let strayReported = false;
  for await (const lines of readLines(input, options.file)) {
    for (const line of lines) {
      if (line.text.trim() === '') {
        if (current) yield medlineRecordToItem(current.build());
        current = null;
        continue;
      }
      const tag = TAG_LINE.exec(line.text);
      if (!tag) {
        if (current?.extend(line.text)) continue;
        // Report a run of stray lines once, at its first line, rather than line by line.
        if (!strayReported) yield lineProblem(line.number, line.text.trim());
        strayReported = true;
        continue;
      }
      strayReported = false;
      const name = tag[1] ?? '';
      if (name === 'PMID' && current && !current.isEmpty) {
        yield medlineRecordToItem(current.build());
        current = null;
      }
      current ??= new TaggedRecordBuilder(line.number);
      current.add(name, tag[2] ?? '');
    }
  }
  if (current) yield medlineRecordToItem(current.build());
};
