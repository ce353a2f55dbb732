import { TEXT_FIELDS, type TextField, type ValueField } from './ast.js';

/** What a field tag or suffix makes of the words before it. */
export type FieldMeaning =
  /** Words searched in these text fields. */
  | { readonly kind: 'text'; readonly fields: readonly TextField[] }
  /** A subject heading. */
  | { readonly kind: 'heading'; readonly explode: boolean; readonly major: boolean }
  /** A whole value of a record field. */
  | { readonly kind: 'value'; readonly field: ValueField }
  /** A date or range of dates. */
  | { readonly kind: 'date'; readonly field: 'publication' | 'entry' };

export interface FieldCode {
  /** Every spelling, lower case with single spaces; the first is the one printers use. */
  readonly codes: readonly string[];
  readonly meaning: FieldMeaning;
  /** What it searches, in words, for the docs and the help text. */
  readonly help: string;
}

const text = (...fields: TextField[]): FieldMeaning => ({ kind: 'text', fields: normaliseFields(fields) });
const heading = (explode: boolean, major: boolean): FieldMeaning => ({ kind: 'heading', explode, major });
const value = (field: ValueField): FieldMeaning => ({ kind: 'value', field });
const date = (field: 'publication' | 'entry'): FieldMeaning => ({ kind: 'date', field });

/** The default set for a word with no field (the search engine uses it when `fields` is null). */
export const DEFAULT_TEXT_FIELDS: readonly TextField[] = ['title', 'abstract', 'keywords', 'meshWords'];

/** PubMed tags, `[tiab]`, `[Title/Abstract]` … (matched in any case, spaces squeezed). */
export const PUBMED_TAGS: readonly FieldCode[] = [
  { codes: ['ti', 'title'], meaning: text('title'), help: 'title' },
  { codes: ['ab', 'abstract'], meaning: text('abstract'), help: 'abstract' },
  { codes: ['tiab', 'title/abstract'], meaning: text('title', 'abstract', 'keywords'), help: 'title, abstract and author keywords (as PubMed)' },
  { codes: ['tw', 'text word', 'text words'], meaning: text('title', 'abstract', 'keywords', 'meshWords', 'publicationTypes'), help: 'title, abstract, keywords, words of MeSH headings and publication types' },
  { codes: ['all', 'all fields'], meaning: text(...TEXT_FIELDS), help: 'every text field' },
  { codes: ['ot', 'other term', 'kw', 'keyword'], meaning: text('keywords'), help: 'author keywords' },
  // khub keeps no substance list: supplementary concepts and pharmacological actions are looked for in the heading words.
  { codes: ['nm', 'supplementary concept', 'substance name', 'pa', 'pharmacological action'], meaning: text('meshWords'), help: 'words of MeSH headings (khub has no separate substance field)' },
  { codes: ['mh', 'mesh', 'mesh terms'], meaning: heading(true, false), help: 'MeSH heading, exploded' },
  { codes: ['mh:noexp', 'mesh:noexp', 'mesh terms:noexp'], meaning: heading(false, false), help: 'MeSH heading, not exploded' },
  { codes: ['majr', 'mesh major topic'], meaning: heading(true, true), help: 'MeSH heading as a major topic, exploded' },
  { codes: ['majr:noexp', 'mesh major topic:noexp'], meaning: heading(false, true), help: 'MeSH heading as a major topic, not exploded' },
  { codes: ['sh', 'subheading'], meaning: value('subheading'), help: 'MeSH subheading (qualifier) on any heading' },
  { codes: ['pt', 'publication type'], meaning: value('publicationType'), help: 'publication type' },
  { codes: ['au', 'author', 'auth'], meaning: value('author'), help: 'author name ("smith j")' },
  { codes: ['1au', 'author - first'], meaning: value('firstAuthor'), help: 'first author' },
  { codes: ['ta', 'journal', 'jour', 'jt'], meaning: value('journal'), help: 'journal title or abbreviation' },
  { codes: ['la', 'language'], meaning: value('language'), help: 'language of the article' },
  { codes: ['pmid', 'uid'], meaning: value('pmid'), help: 'PubMed id' },
  { codes: ['doi', 'aid'], meaning: value('doi'), help: 'DOI' },
  { codes: ['dp', 'pdat', 'date - publication', 'publication date'], meaning: date('publication'), help: 'publication date or range (2015:2024[dp])' },
  { codes: ['edat', 'date - entry', 'entry date'], meaning: date('entry'), help: 'date the record was added' },
];

/** Ovid suffixes `.ti.`, `.ti,ab.` (each code of a comma list looked up here), and `Heading/`. */
export const OVID_FIELDS: readonly FieldCode[] = [
  { codes: ['ti'], meaning: text('title'), help: 'title' },
  { codes: ['ab'], meaning: text('abstract'), help: 'abstract' },
  { codes: ['tw'], meaning: text('title', 'abstract'), help: 'title and abstract (text word)' },
  // Ovid MEDLINE's `ot` is the title in its original language; khub keeps one title.
  { codes: ['ot'], meaning: text('title'), help: 'original title (searched in the title)' },
  { codes: ['kw'], meaning: text('keywords'), help: 'keyword heading (author keywords)' },
  { codes: ['hw'], meaning: text('meshWords'), help: 'words of subject headings' },
  { codes: ['mp'], meaning: text('title', 'abstract', 'keywords', 'meshWords'), help: 'multi-purpose: title, abstract, keywords and heading words' },
  { codes: ['nm', 'rn'], meaning: text('meshWords'), help: 'substance name / registry number (searched in heading words)' },
  { codes: ['sh'], meaning: heading(false, false), help: 'subject heading, not exploded' },
  { codes: ['pt'], meaning: value('publicationType'), help: 'publication type' },
  { codes: ['au'], meaning: value('author'), help: 'author' },
  { codes: ['jn'], meaning: value('journal'), help: 'journal' },
  { codes: ['lg'], meaning: value('language'), help: 'language' },
  { codes: ['fs'], meaning: value('subheading'), help: 'floating subheading (dt.fs.)' },
  { codes: ['ui'], meaning: value('pmid'), help: 'unique identifier (PubMed id)' },
  { codes: ['do'], meaning: value('doi'), help: 'DOI' },
  { codes: ['yr', 'dp'], meaning: date('publication'), help: 'year of publication' },
  { codes: ['ed'], meaning: date('entry'), help: 'entry date' },
];

const squeeze = (tag: string) => tag.trim().toLowerCase().replace(/\s+/g, ' ').replace(/\s*([/:-])\s*/g, '$1');

function index(table: readonly FieldCode[]): ReadonlyMap<string, FieldCode> {
  const map = new Map<string, FieldCode>();
  for (const entry of table) for (const code of entry.codes) map.set(squeeze(code), entry);
  return map;
}

const PUBMED_INDEX = index(PUBMED_TAGS);
const OVID_INDEX = index(OVID_FIELDS);

/** The PubMed tag written between brackets, in any case and spacing; undefined when unknown. */
export function findPubmedTag(tag: string): FieldCode | undefined {
  return PUBMED_INDEX.get(squeeze(tag));
}

/** One Ovid field code (`ti`, `mp` …). */
export function findOvidField(code: string): FieldCode | undefined {
  return OVID_INDEX.get(code.trim().toLowerCase());
}

/** Field names in TEXT_FIELDS order without repeats, so that equal sets compare equal. */
export function normaliseFields(fields: Iterable<TextField>): readonly TextField[] {
  const wanted = new Set(fields);
  return TEXT_FIELDS.filter((field) => wanted.has(field));
}

/** khub field names written in a canonical `[fields:title,abstract]` tag, in any case. */
export function findTextField(name: string): TextField | undefined {
  const lower = name.trim().toLowerCase();
  return TEXT_FIELDS.find((field) => field.toLowerCase() === lower);
}

export const sameFields = (a: readonly TextField[], b: readonly TextField[]) => a.length === b.length && a.every((field, i) => field === b[i]);

/** Every tag spelling, for "did you mean" suggestions. */
export const ALL_TAG_SPELLINGS: readonly string[] = [...PUBMED_INDEX.keys()];

/**
 * MeSH qualifier abbreviations as Ovid writes them (`exp Dementia/bl`) and their names as PubMed
 * writes them (`dementia/blood[mh]`); printers translate between the two.
 */
export const QUALIFIERS: Readonly<Record<string, string>> = {
  ab: 'abnormalities', ad: 'administration & dosage', ae: 'adverse effects', ag: 'agonists', ah: 'anatomy & histology',
  ai: 'antagonists & inhibitors', an: 'analysis', bi: 'biosynthesis', bl: 'blood', bs: 'blood supply', cf: 'cerebrospinal fluid',
  ch: 'chemistry', ci: 'chemically induced', cl: 'classification', cn: 'congenital', co: 'complications', cs: 'chemical synthesis',
  ct: 'contraindications', cy: 'cytology', de: 'drug effects', df: 'deficiency', dg: 'diagnostic imaging', dh: 'diet therapy',
  di: 'diagnosis', dt: 'drug therapy', du: 'diagnostic use', ec: 'economics', ed: 'education', eh: 'ethnology', em: 'embryology',
  en: 'enzymology', ep: 'epidemiology', es: 'ethics', et: 'etiology', ge: 'genetics', gd: 'growth & development', hi: 'history',
  im: 'immunology', in: 'injuries', ir: 'innervation', is: 'isolation & purification', lj: 'legislation & jurisprudence',
  ma: 'manpower', me: 'metabolism', mi: 'microbiology', mo: 'mortality', mt: 'methods', nu: 'nursing', og: 'organization & administration',
  pa: 'pathology', pc: 'prevention & control', pd: 'pharmacology', pe: 'pharmaceutics', ph: 'physiology', pk: 'pharmacokinetics',
  po: 'poisoning', pp: 'physiopathology', ps: 'parasitology', px: 'psychology', py: 'pathogenicity', ra: 'radiography',
  re: 'radiation effects', rh: 'rehabilitation', ri: 'radionuclide imaging', rt: 'radiotherapy', sc: 'secondary', sd: 'supply & distribution',
  se: 'secretion', sn: 'statistics & numerical data', st: 'standards', su: 'surgery', td: 'trends', th: 'therapy', tm: 'transmission',
  to: 'toxicity', tr: 'transplantation', tu: 'therapeutic use', ul: 'ultrastructure', ur: 'urine', us: 'ultrasonography',
  ut: 'utilization', ve: 'veterinary', vi: 'virology',
};

const QUALIFIER_CODES: ReadonlyMap<string, string> = new Map(Object.entries(QUALIFIERS).map(([code, name]) => [name, code]));

/** The two-letter code for a qualifier written as a name or a code; undefined when unknown. */
export function qualifierCode(qualifier: string): string | undefined {
  const lower = qualifier.trim().toLowerCase().replace(/\band\b/g, '&');
  if (lower in QUALIFIERS) return lower;
  return QUALIFIER_CODES.get(lower);
}
