/**
 * RIS, as Ovid, EBSCOhost, Embase, Scopus, Web of Science, Zotero and EndNote export it: `XX  - value`
 * lines from `TY` to `ER`. Streamed line by line. Tolerated variations: one or two spaces before the
 * hyphen, `ER  -` with or without trailing spaces, CRLF line ends, a byte-order mark, blank lines inside a
 * record, text between records (Ovid numbers each record "1." and follows it with link lines), and
 * continuation lines without a tag (EBSCOhost's copyright lines, Scopus's reference lists, EndNote's
 * one-keyword-a-line `KW` and one-ISSN-a-line `SN`).
 *
 * Field meanings: ris-record-mapping.ts; identifiers and source ids: ris-identifiers.ts.
 */
import { readLines } from './line-reader.js';
import type { ParsedItem, RecordParser } from './parsed-item.js';
import { risRecordToItem } from './ris-record-mapping.js';
import { TaggedRecordBuilder } from './tagged-record.js';

/** "TY  - JOUR", "TY - JOUR", "ER  -", "ER  -  ". */
const TAG_LINE = /^([A-Z][A-Z0-9]) {1,2}-(?: (.*))?$/;
/** Tags whose untagged following lines are further values (EndNote), not a wrapped value. */
const ONE_VALUE_A_LINE = new Set(['KW', 'SN']);

const problem = (line: number, reason: string): ParsedItem => ({ kind: 'problem', position: `line ${line}`, reason });

/**
 * Parses RIS. A record without a title, a record not closed by `ER` (before the next `TY` or the end of
 * the file — a truncated export), and tags outside any record are reported as problems with their line.
 *
 * ### Examples
 * "TY  - JOUR\nTI  - A trial\nAN  - 31234567\nDB  - Ovid MEDLINE(R)\nER  - \n"
 *   → { kind: 'record', position: 'line 1', record: { source: 'pubmed', sourceId: '31234567', title: 'A trial', … } }
 */
export const parseRis: RecordParser = async function* parseRis(input, options) {
  let current: TaggedRecordBuilder | null = null;
  let strayReported = false;
  for await (const lines of readLines(input, options.file)) {
    for (const line of lines) {
      if (line.text.trim() === '') continue;
      const tag = TAG_LINE.exec(line.text);
      const name = tag?.[1];
      const value = (tag?.[2] ?? '').trim();
      if (name === 'TY') {
        if (current) yield problem(current.line, `record not closed by "ER  -" before the next record at line ${line.number}`);
        current = new TaggedRecordBuilder(line.number);
        current.add(name, value);
        strayReported = false;
      } else if (name === 'ER') {
        if (current) yield risRecordToItem(current.build(), options);
        current = null;
      } else if (name && current) {
        current.add(name, value);
      } else if (name) {
        // A tag outside TY…ER: its record lost its TY line. Reported once for the run of lines.
        if (!strayReported) yield problem(line.number, `"${name}  -" outside a record (no "TY  -" line before it)`);
        strayReported = true;
      } else if (current) {
        const last = current.lastTag();
        if (last && ONE_VALUE_A_LINE.has(last)) current.add(last, line.text);
        else current.extend(line.text);
      }
      // Untagged text between records (Ovid's "1." and link lines) is not part of any record.
    }
  }
  if (current) yield problem(current.line, 'record not closed by "ER  -" before the end of the file (the file may be truncated)');
};
