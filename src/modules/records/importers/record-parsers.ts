/** Which parser reads which format: adding a format is one line here and one name in detect-format.ts. */
import { parseBeirJsonl } from './beir-jsonl.parser.js';
import type { RecordFormat } from './detect-format.js';
import { parseMedlineText } from './medline-text.parser.js';
import type { RecordParser } from './parsed-item.js';
import { parsePubmedXml } from './pubmed-xml.parser.js';
import { parseRis } from './ris.parser.js';

const PARSERS: Record<RecordFormat, RecordParser> = {
  'pubmed-xml': parsePubmedXml,
  medline: parseMedlineText,
  ris: parseRis,
  jsonl: parseBeirJsonl,
};

/** The parser for a format. */
export function parserFor(format: RecordFormat): RecordParser {
  return PARSERS[format];
}
