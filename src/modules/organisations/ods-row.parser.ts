import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import { isRealDate, normalisePostcode } from './organisation.schema.js';

/**
 * Pure parsing of one line of an ODS "standard" headerless CSV (`etr.csv`, `etrust.csv`, and the other
 * 27-column ODS extracts): no files, no database. Column positions are those NHS Digital publishes.
 */
export const ODS_COLUMNS = {
  code: 0,
  name: 1,
  nationalGrouping: 2,
  highLevelHealthGeography: 3,
  /** Address lines 1–5; line 5 usually holds the county. */
  addressLines: [4, 5, 6, 7, 8],
  county: 8,
  postcode: 9,
  openDate: 10,
  closeDate: 11,
} as const;

/** Columns up to the close date must be present; later ones (contacts, flags) are not used. */
const MIN_COLUMNS = ODS_COLUMNS.closeDate + 1;

/** An organisation row, checked and tidied, ready to be matched against the database. */
export interface OdsOrganisationRecord {
  /** The line of the file it came from. */
  readonly line: number;
  readonly odsCode: string;
  readonly name: string;
  /** The NHS England region (from 2020, Y56–Y63) or an older grouping such as Y54; null when blank. */
  readonly nationalGrouping: string | null;
  /** The organisation above it in ODS (an ICB or STP code such as QOP); null when blank. */
  readonly parentCode: string | null;
  readonly address: string | null;
  readonly countyText: string | null;
  readonly postcode: string | null;
  /** YYYY-MM-DD. */
  readonly openedOn: string | null;
  /** YYYY-MM-DD. */
  readonly closedOn: string | null;
}

/** What is wrong with one line, by field. */
export interface OdsRowProblem {
  readonly field: string;
  readonly message: string;
}

export type OdsRowResult =
  | { readonly kind: 'organisation'; readonly record: OdsOrganisationRecord }
  /** A 5-character site code (a hospital or clinic of a trust): not an organisation, counted and skipped. */
  | { readonly kind: 'site'; readonly code: string }
  | { readonly kind: 'rejected'; readonly line: number; readonly problems: readonly OdsRowProblem[] };

const optionalText = z.string().trim().transform((value) => (value === '' ? null : value));
const groupingCode = z.string().trim().regex(/^([A-Z0-9]{3})?$/, 'must be a 3-character code or blank').transform((v) => v || null);
const odsDate = z
  .string()
  .trim()
  .regex(/^(\d{8})?$/, 'must be a date written YYYYMMDD, or blank')
  .transform((value) => (value === '' ? null : `${value.slice(0, 4)}-${value.slice(4, 6)}-${value.slice(6, 8)}`))
  .refine((iso) => iso === null || isRealDate(iso), 'is not a real date');

/** One organisation row after it has been picked out of its columns. */
const odsRowSchema = z.object({
  code: z.string().trim().regex(/^[A-Z0-9]{3}$/, 'must be a 3-character organisation code or a 5-character site code'),
  name: z.string().trim().min(1, 'is blank').max(200, 'is longer than 200 characters'),
  'national grouping': groupingCode,
  'high level health geography': groupingCode,
  address: z.string().max(500, 'is longer than 500 characters').transform((v) => v || null),
  county: optionalText,
  postcode: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^([A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2})?$/, 'is not a UK postcode')
    .transform((v) => (v === '' ? null : normalisePostcode(v))),
  'open date': odsDate,
  'close date': odsDate,
});

const CSV_MESSAGES: Record<string, string> = {
  CSV_INVALID_CLOSING_QUOTE: 'a quoted value has text after its closing quote',
  CSV_QUOTE_NOT_CLOSED: 'a quoted value is not closed',
};

/** Splits one CSV line into fields with a real CSV parser (quotes, doubled quotes, commas inside quotes). */
export function splitCsvLine(text: string): { ok: true; fields: string[] } | { ok: false; message: string } {
  try {
    // Without `columns`, csv-parse returns one array of strings per record.
    const [fields] = parse(text, { relax_column_count: true }) as string[][];
    return { ok: true, fields: fields ?? [] };
  } catch (error) {
    const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
    return { ok: false, message: CSV_MESSAGES[code] ?? (error instanceof Error ? error.message : String(error)) };
  }
}

function column(fields: readonly string[], index: number): string {
  return fields[index] ?? '';
}

/** Reads one line of an ODS file: an organisation, a site to skip, or a rejected line with its problems. */
export function parseOdsLine(text: string, line: number): OdsRowResult {
  const split = splitCsvLine(text);
  if (!split.ok) return { kind: 'rejected', line, problems: [{ field: 'row', message: split.message }] };
  const { fields } = split;
  if (fields.length < MIN_COLUMNS) {
    return { kind: 'rejected', line, problems: [{ field: 'row', message: `expected at least ${MIN_COLUMNS} columns, found ${fields.length}` }] };
  }
  const code = column(fields, ODS_COLUMNS.code).trim();
  if (/^[A-Z0-9]{5}$/.test(code)) return { kind: 'site', code };
  const result = odsRowSchema.safeParse({
    code,
    name: column(fields, ODS_COLUMNS.name),
    'national grouping': column(fields, ODS_COLUMNS.nationalGrouping),
    'high level health geography': column(fields, ODS_COLUMNS.highLevelHealthGeography),
    address: ODS_COLUMNS.addressLines.map((i) => column(fields, i).trim()).filter(Boolean).join(', '),
    county: column(fields, ODS_COLUMNS.county),
    postcode: column(fields, ODS_COLUMNS.postcode),
    'open date': column(fields, ODS_COLUMNS.openDate),
    'close date': column(fields, ODS_COLUMNS.closeDate),
  });
  if (!result.success) {
    return { kind: 'rejected', line, problems: result.error.issues.map((i) => ({ field: i.path.map(String).join('.') || 'row', message: i.message })) };
  }
  const row = result.data;
  return {
    kind: 'organisation',
    record: {
      line,
      odsCode: row.code,
      name: row.name,
      nationalGrouping: row['national grouping'],
      parentCode: row['high level health geography'],
      address: row.address,
      countyText: row.county,
      postcode: row.postcode,
      openedOn: row['open date'],
      closedOn: row['close date'],
    },
  };
}

/**
 * Former postal counties that ODS still uses, mapped to the ceremonial county that now holds (almost
 * all of) them. Avon and Cleveland were split between counties, so they stay unmatched.
 */
const COUNTY_ALIASES: Readonly<Record<string, string>> = {
  middlesex: 'greater london',
  'north humberside': 'east riding of yorkshire',
  'south humberside': 'lincolnshire',
  'isles of scilly': 'cornwall',
  durham: 'county durham',
};

/** The key a county's text is matched by: lower case, single spaces, former postal names mapped. */
export function countyKey(text: string): string {
  const key = text.trim().toLowerCase().replace(/\s+/g, ' ');
  return COUNTY_ALIASES[key] ?? key;
}
