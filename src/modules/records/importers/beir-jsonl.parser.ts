/**
 * BEIR-style JSONL, the corpus format of IR test collections (SciFact, NFCorpus, TREC-COVID …): one JSON
 * object a line with `_id`, `title`, `text` and optional `metadata`. Streamed line by line.
 * Format: https://github.com/beir-cellar/beir/wiki/Load-your-custom-dataset
 */
import { z } from 'zod';
import type { BibRecord } from '../bib-record.js';
import { emptyRecord, normaliseDoi } from '../record-mapping.js';
import { readLines } from './line-reader.js';
import type { ParsedItem, RecordParser } from './parsed-item.js';

const DEFAULT_SOURCE = 'beir';

/** Ids that name the article elsewhere; TREC-COVID and others carry them in `metadata`. */
const metadataSchema = z.looseObject({
  pmid: z.union([z.string(), z.number()]).optional(),
  pubmed_id: z.union([z.string(), z.number()]).optional(),
  doi: z.string().optional(),
  url: z.string().optional(),
});

const documentSchema = z.object({
  _id: z.union([z.string().trim().min(1, { error: 'must not be empty' }), z.number().transform(String)], { error: 'must be a non-empty string or a number' }),
  // Some BEIR corpora (MS MARCO, ArguAna) have documents without titles; the text is what is searched.
  title: z.string().nullish().transform((title) => title?.trim() ?? ''),
  text: z.string().nullish().transform((text) => text?.trim() ?? ''),
  metadata: metadataSchema.nullish(),
});

type Metadata = z.infer<typeof metadataSchema>;

function idsOf(metadata: Metadata | null | undefined): Pick<BibRecord, 'pmid' | 'doi'> {
  const pmid = String(metadata?.pmid ?? metadata?.pubmed_id ?? '').trim();
  return { pmid: /^\d{1,9}$/.test(pmid) ? pmid : null, doi: normaliseDoi(metadata?.doi) ?? normaliseDoi(metadata?.url) };
}

function describe(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join('.') || 'line'} ${issue.message}`).join('; ');
}

function itemOf(text: string, number: number, source: string): ParsedItem {
  const position = `line ${number}`;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { kind: 'problem', position, reason: `not valid JSON: ${reason}` };
  }
  const parsed = documentSchema.safeParse(json);
  if (!parsed.success) return { kind: 'problem', position, reason: describe(parsed.error) };
  const { _id: id, title, text: body, metadata } = parsed.data;
  if (title === '' && body === '') return { kind: 'problem', position, reason: `document ${id} has neither title nor text` };
  const record: BibRecord = { ...emptyRecord(source, id), ...idsOf(metadata), title, abstract: body || null };
  return { kind: 'record', record, position };
}

/**
 * Parses BEIR JSONL. Records are stored under `source` (default `beir`, e.g. `--source beir-scifact`) with
 * `_id` as their id and `text` as the abstract; a PMID or DOI in `metadata` is kept for de-duplication. A
 * line that is not JSON, or lacks `_id`, is reported with its line number and skipped.
 *
 * ### Examples
 * '{"_id": "4983", "title": "Microstructural development…", "text": "Alterations of…"}'
 *   → { kind: 'record', position: 'line 1', record: { source: 'beir', sourceId: '4983', abstract: 'Alterations of…', … } }
 */
export const parseBeirJsonl: RecordParser = async function* parseBeirJsonl(input, options) {
  const source = options.source ?? DEFAULT_SOURCE;
  for await (const lines of readLines(input, options.file)) {
    for (const line of lines) {
      if (line.text.trim() === '') continue;
      yield itemOf(line.text, line.number, source);
    }
  }
};
