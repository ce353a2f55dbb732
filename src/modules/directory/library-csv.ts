import { z } from 'zod';
import type { FieldError } from '../../platform/http/errors.js';
import { parsePostcode } from './geo.js';
import { type OpeningSpan, parseOpeningHours } from './opening-hours.js';

/**
 * The library directory's CSV layout: one row per site, the service's own columns repeated on each of
 * its sites' rows (a service with no sites yet has one row with the site columns empty). Lists inside a
 * cell are separated by `;`; a contact is `role|email|phone`.
 */
export const LIBRARY_CSV_COLUMNS = [
  'service_key',
  'service_name',
  'description',
  'organisations',
  'services_offered',
  'who_may_use',
  'collections',
  'specialisms',
  'interlending_network',
  'website',
  'contacts',
  'last_verified_on',
  'last_verified_by',
  'site_key',
  'site_name',
  'address',
  'postcode',
  'county',
  'region',
  'staffed_hours',
  'access_24_7',
  'bank_holiday_notes',
  'latitude',
  'longitude',
] as const;

export type LibraryCsvColumn = (typeof LIBRARY_CSV_COLUMNS)[number];
/** The columns that describe the service: every row of one service must agree on them. */
export const SERVICE_COLUMNS: readonly LibraryCsvColumn[] = LIBRARY_CSV_COLUMNS.slice(0, 13);

const optional = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `must be at most ${max} characters`)
    .transform((s) => (s === '' ? null : s));
const list = (item: z.ZodType<string, string>) =>
  z
    .string()
    .transform((s) => s.split(';').map((p) => p.trim()).filter((p) => p !== ''))
    .pipe(z.array(item));
const KEY = /^[a-z0-9][a-z0-9._-]{0,79}$/;
const key = z.string().trim().toLowerCase().regex(KEY, 'must be 1–80 letters, digits, dots, dashes or underscores');

export const contactSchema = z.object({
  role: z.string().trim().min(1, 'a contact needs a role').max(100),
  email: z.email('is not an email address').nullable(),
  phone: z.string().trim().max(40).nullable(),
});
export type LibraryContact = z.infer<typeof contactSchema>;

const contacts = z.string().transform((text, ctx) => {
  const parsed: LibraryContact[] = [];
  for (const entry of text.split(';').map((p) => p.trim()).filter((p) => p !== '')) {
    const [role = '', email = '', phone = ''] = entry.split('|').map((p) => p.trim());
    const result = contactSchema.safeParse({ role, email: email || null, phone: phone || null });
    if (result.success) parsed.push(result.data);
    else ctx.addIssue({ code: 'custom', message: `"${entry}": ${result.error.issues.map((i) => i.message).join('; ')} (write role|email|phone)` });
  }
  return parsed;
});

const isoDate = z
  .string()
  .trim()
  .transform((s) => (s === '' ? null : s))
  .refine((s) => s === null || (/^\d{4}-\d{2}-\d{2}$/.test(s) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s)), 'must be a date as YYYY-MM-DD');

const coordinate = (limit: number) =>
  z
    .string()
    .trim()
    .transform((s) => (s === '' ? null : Number(s)))
    .refine((n) => n === null || (Number.isFinite(n) && Math.abs(n) <= limit), `must be a number between -${limit} and ${limit}`);

const yesNo = z
  .string()
  .trim()
  .toLowerCase()
  .refine((s) => ['', 'yes', 'no', 'true', 'false', '1', '0', 'y', 'n'].includes(s), 'must be yes or no')
  .transform((s) => ['yes', 'true', '1', 'y'].includes(s));

const postcode = z
  .string()
  .transform((s) => {
    const parsed = parsePostcode(s);
    return parsed.kind === 'postcode' ? parsed.postcode : s.trim() === '' ? null : undefined;
  })
  .refine((s) => s !== undefined, 'is not a full UK postcode')
  .transform((s) => s ?? null);

/** Staffed hours in the compact syntax (`Mon-Fri 08:30-17:00; Sat 09:00-12:00`), read into spans. */
const openingHours = z
  .string()
  .max(500, 'must be at most 500 characters')
  .transform((text, ctx): OpeningSpan[] => {
    const parsed = parseOpeningHours(text);
    if (parsed.ok) return parsed.spans;
    ctx.addIssue({ code: 'custom', message: `${parsed.message} (write days and times, like Mon-Fri 08:30-17:00; Sat 09:00-12:00)` });
    return z.NEVER;
  });

/** One CSV row, checked and normalised (trimmed; empty cells become null or empty lists). */
export const libraryCsvRowSchema = z
  .object({
    service_key: key,
    service_name: z.string().trim().min(1, 'is required').max(200),
    description: optional(4000),
    organisations: list(z.string().toUpperCase().regex(/^[A-Z0-9]{3,10}$/, 'must be ODS codes separated by ;')),
    services_offered: list(z.string().toLowerCase().regex(/^[a-z0-9_]{1,40}$/, 'must be service codes separated by ;')),
    who_may_use: optional(2000),
    collections: optional(2000),
    specialisms: optional(2000),
    interlending_network: optional(200),
    website: optional(500).refine((s) => s === null || /^https?:\/\/\S+$/i.test(s), 'must start with http:// or https://'),
    contacts,
    last_verified_on: isoDate,
    last_verified_by: optional(200),
    site_key: z.string().trim().toLowerCase().refine((s) => s === '' || KEY.test(s), 'must be 1–80 letters, digits, dots, dashes or underscores'),
    site_name: optional(200),
    address: optional(500),
    postcode,
    county: optional(100),
    region: optional(100),
    staffed_hours: openingHours,
    access_24_7: yesNo,
    bank_holiday_notes: optional(500),
    latitude: coordinate(90),
    longitude: coordinate(180),
  })
  .superRefine((row, ctx) => {
    if (row.site_key !== '' && !row.site_name) ctx.addIssue({ code: 'custom', path: ['site_name'], message: 'is required when site_key is given' });
    if (row.site_key === '' && (row.site_name || row.postcode || row.address)) ctx.addIssue({ code: 'custom', path: ['site_key'], message: 'is required for a site' });
    if ((row.latitude === null) !== (row.longitude === null)) ctx.addIssue({ code: 'custom', path: [row.latitude === null ? 'latitude' : 'longitude'], message: 'give both latitude and longitude, or neither' });
  });

export type LibraryCsvRow = z.output<typeof libraryCsvRowSchema>;

/** Checks one row; problems name the CSV column. */
export function parseLibraryCsvRow(record: Readonly<Record<string, string>>): { ok: true; row: LibraryCsvRow } | { ok: false; problems: FieldError[] } {
  const result = libraryCsvRowSchema.safeParse(record);
  if (result.success) return { ok: true, row: result.data };
  return { ok: false, problems: result.error.issues.map((issue) => ({ field: String(issue.path[0] ?? 'row'), message: issue.message })) };
}

/** Quotes a CSV cell when it needs it (RFC 4180), and defuses cells a spreadsheet would run as a formula. */
export function csvCell(value: string | number | null): string {
  let text = value === null ? '' : String(value);
  if (/^[=+\-@]/.test(text) && typeof value === 'string') text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Undoes `csvCell`'s formula guard, so an exported file imports back unchanged. */
export function uncsvCell(text: string): string {
  return text.replace(/^'(?=[=+\-@])/, '');
}
