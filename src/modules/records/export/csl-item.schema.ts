/**
 * CSL-JSON items back into records: the reverse of `toCslItem`, validated with zod, so khub's own CSL-JSON
 * (and a reference manager's) can be read back. What CSL cannot carry (affiliations, MeSH, structured
 * abstract sections, publication types) comes back empty.
 */
import { z } from 'zod';
import type { Author, BibRecord } from '../bib-record.js';
import { emptyRecord, normaliseDoi } from '../record-mapping.js';
import { authorInitials } from './export-fields.js';
import { languageCode } from './language-codes.js';

const text = z.union([z.string(), z.number()]).transform(String);
const name = z.union([
  z.object({ literal: z.string().min(1) }),
  z.object({ family: z.string().min(1), given: z.string().optional() }),
]);

/** The CSL fields khub reads; anything else in an item is ignored. */
export const cslItemSchema = z.object({
  id: text,
  type: z.string().optional(),
  title: z.string().min(1, 'an item needs a title'),
  author: z.array(name).optional(),
  'container-title': z.string().optional(),
  'container-title-short': z.string().optional(),
  ISSN: z.string().optional(),
  volume: text.optional(),
  issue: text.optional(),
  page: text.optional(),
  issued: z.object({ 'date-parts': z.array(z.array(z.coerce.number().int())).optional(), raw: z.string().optional() }).optional(),
  DOI: z.string().optional(),
  PMID: text.optional(),
  PMCID: z.string().optional(),
  abstract: z.string().optional(),
  language: z.string().optional(),
  keyword: z.string().optional(),
});

type CslInput = z.infer<typeof cslItemSchema>;

function toAuthor(value: z.infer<typeof name>): Author {
  if ('literal' in value) return { family: null, given: null, initials: null, collective: value.literal, affiliations: [] };
  const given = value.given ?? null;
  const person: Author = { family: value.family, given, initials: null, collective: null, affiliations: [] };
  return { ...person, initials: authorInitials(person) || null };
}

/** "pubmed:29768149" → ["pubmed", "29768149"]; an id without a source prefix belongs to `fallbackSource`. */
function sourceOf(item: CslInput, fallbackSource: string): [string, string] {
  if (item.PMID) return ['pubmed', item.PMID];
  const colon = item.id.indexOf(':');
  return colon > 0 ? [item.id.slice(0, colon), item.id.slice(colon + 1)] : [fallbackSource, item.id];
}

function fromItem(item: CslInput, fallbackSource: string): BibRecord {
  const [source, sourceId] = sourceOf(item, fallbackSource);
  const [year, month, day] = item.issued?.['date-parts']?.[0] ?? [];
  return {
    ...emptyRecord(source, sourceId),
    pmid: item.PMID ?? null,
    doi: normaliseDoi(item.DOI),
    pmcid: item.PMCID ?? null,
    title: item.title,
    abstract: item.abstract ?? null,
    authors: (item.author ?? []).map(toAuthor),
    journal: { title: item['container-title'] ?? null, isoAbbreviation: item['container-title-short'] ?? null, issn: item.ISSN ?? null },
    volume: item.volume ?? null,
    issue: item.issue ?? null,
    pages: item.page ?? null,
    publicationDate: { year: year ?? null, month: month ?? null, day: day ?? null, text: item.issued?.raw ?? null },
    languages: item.language ? [languageCode(item.language)] : [],
    keywords: item.keyword ? item.keyword.split(/\s*,\s*/).filter((k) => k !== '') : [],
  };
}

/** One CSL item as a record, or the reason it is not one ("title: an item needs a title"). */
export function cslItemToRecord(item: unknown, options: { source?: string } = {}): { ok: true; record: BibRecord } | { ok: false; reason: string } {
  const parsed = cslItemSchema.safeParse(item);
  if (!parsed.success) {
    const reason = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'item'}: ${issue.message}`).join('; ');
    return { ok: false, reason };
  }
  return { ok: true, record: fromItem(parsed.data, options.source ?? 'csl-json') };
}
