/**
 * Tells a records file's format from its first bytes (after gunzip), never from its name: the same
 * export arrives as `.txt`, `.nbib`, `.ris` or with no extension at all.
 */

/** The record formats khub imports; `--format` takes these names. */
export const RECORD_FORMATS = ['pubmed-xml', 'medline', 'ris', 'jsonl'] as const;

export type RecordFormat = (typeof RECORD_FORMATS)[number];

/** How many bytes of decompressed text detection looks at. */
export const DETECTION_BYTES = 8192;

/** A tagged-format line: MEDLINE `PMID- 123` / `FAU - Smith, J`, RIS `TY  - JOUR`. */
const TAG_LINE = /^([A-Z][A-Z0-9]{1,3}) *- /;

function firstTag(lines: readonly string[]): RecordFormat | undefined {
  for (const line of lines) {
    const tag = TAG_LINE.exec(line)?.[1];
    // A file's first record starts with its identifying tag; header lines some vendors add come before.
    if (tag === 'PMID') return 'medline';
    if (tag === 'TY') return 'ris';
  }
  return undefined;
}

/**
 * The format of a file whose text starts with `head`, or undefined when it is none khub knows.
 *
 * ### Examples
 * detectRecordFormat('<?xml version="1.0"?>\n<PubmedArticleSet>')  →  'pubmed-xml'
 * detectRecordFormat('\nPMID- 29768149\nOWN - NLM')                 →  'medline'
 * detectRecordFormat('TY  - JOUR\nTI  - …')                         →  'ris'
 * detectRecordFormat('{"_id": "4983", "title": …}')                  →  'jsonl'
 */
export function detectRecordFormat(head: string): RecordFormat | undefined {
  const text = head.replace(/^\uFEFF/, '').trimStart();
  if (text.startsWith('<')) return 'pubmed-xml';
  if (text.startsWith('{')) return 'jsonl';
  return firstTag(text.split(/\r?\n/));
}

/** Narrows a `--format` value, so the command line can reject an unknown one by name. */
export function isRecordFormat(value: string): value is RecordFormat {
  return (RECORD_FORMATS as readonly string[]).includes(value);
}
