import { z } from 'zod';
import { type Validated, issuesToFieldErrors } from '../../platform/forms/validation.js';
import type { FieldError } from '../../platform/http/errors.js';
import { parsePostcode } from './geo.js';
import type { LibraryChanges } from './library-update.service.js';
import type { SiteChanges } from './library-site-update.service.js';
import type { Library, LibrarySite } from './library.service.js';
import { type OpeningSpan, WEEKDAYS, formatDaySpans, parseDaySpans } from './opening-hours.js';

/** The edit form offers this many empty contact rows below the existing ones. */
export const SPARE_CONTACT_ROWS = 2;
export const MAX_CONTACTS = 20;

type Body = Record<string, unknown>;

// NUL characters are dropped: PostgreSQL cannot store text holding one, and nobody types them.
const text = (body: Body, name: string) => (typeof body[name] === 'string' ? (body[name] as string).replaceAll('\0', '') : '');
const optional = (max: number, label: string) =>
  z
    .string()
    .trim()
    .max(max, `${label} must be ${max.toLocaleString('en-GB')} characters or fewer`)
    .transform((s) => (s === '' ? null : s));

const serviceSchema = z.object({
  name: z.string().trim().min(1, 'Enter the name of the library service').max(200, 'The name must be 200 characters or fewer'),
  description: optional(4000, 'The description'),
  whoMayUse: optional(2000, 'Who may use it'),
  collections: optional(2000, 'Collections'),
  specialisms: optional(2000, 'Specialisms'),
  interlendingNetwork: optional(200, 'The interlending network'),
  website: optional(500, 'The website').refine((s) => s === null || /^https?:\/\/[^\s.]+\.\S+$/i.test(s), 'Enter a web address that starts with https://, like https://library.example.nhs.uk'),
});

/** Checkboxes arrive as nothing, one value or several. */
function checked(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return typeof value === 'string' ? [value] : [];
}

function contactRows(body: Body): { role: string; email: string; phone: string }[] {
  const rows: { role: string; email: string; phone: string }[] = [];
  for (let n = 1; n <= MAX_CONTACTS + SPARE_CONTACT_ROWS; n += 1) {
    if (!(`contact-${n}-role` in body)) break;
    rows.push({ role: text(body, `contact-${n}-role`).trim(), email: text(body, `contact-${n}-email`).trim(), phone: text(body, `contact-${n}-phone`).trim() });
  }
  return rows;
}

function readContacts(body: Body, errors: FieldError[]): LibraryChanges['contacts'] {
  const contacts: { role: string; email: string | null; phone: string | null }[] = [];
  for (const [index, row] of contactRows(body).entries()) {
    const n = index + 1;
    if (row.role === '' && row.email === '' && row.phone === '') continue;
    if (row.role === '') errors.push({ field: `contact-${n}-role`, message: `Enter the role of contact ${n}, like Head of service` });
    else if (row.role.length > 100) errors.push({ field: `contact-${n}-role`, message: `The role of contact ${n} must be 100 characters or fewer` });
    if (row.email !== '' && !z.email().safeParse(row.email).success) errors.push({ field: `contact-${n}-email`, message: `Enter the email address of contact ${n} in the correct format, like library@example.nhs.uk` });
    if (row.phone.length > 40) errors.push({ field: `contact-${n}-phone`, message: `The phone number of contact ${n} must be 40 characters or fewer` });
    contacts.push({ role: row.role, email: row.email || null, phone: row.phone || null });
  }
  if (contacts.length > MAX_CONTACTS) errors.push({ field: 'contact-1-role', message: `Give at most ${MAX_CONTACTS} contacts` });
  return contacts;
}

/** The service form as changes for the update service, or every problem by field. */
export function readServiceForm(body: Body): Validated<LibraryChanges> {
  const base = serviceSchema.safeParse({
    name: text(body, 'name'),
    description: text(body, 'description'),
    whoMayUse: text(body, 'whoMayUse'),
    collections: text(body, 'collections'),
    specialisms: text(body, 'specialisms'),
    interlendingNetwork: text(body, 'interlendingNetwork'),
    website: text(body, 'website'),
  });
  const errors = base.success ? [] : issuesToFieldErrors(base.error.issues);
  const contacts = readContacts(body, errors);
  if (!base.success || errors.length > 0) return { ok: false, errors };
  return { ok: true, data: { ...base.data, contacts, servicesOffered: checked(body.servicesOffered), verified: body.verified === 'yes' } };
}

/** The service form's values: the entry as it is, or what was just submitted. */
export function serviceFormValues(library: Library, body?: Body) {
  const source = body ?? {
    name: library.name,
    description: library.description ?? '',
    whoMayUse: library.whoMayUse ?? '',
    collections: library.collections ?? '',
    specialisms: library.specialisms ?? '',
    interlendingNetwork: library.interlendingNetwork ?? '',
    website: library.website ?? '',
    servicesOffered: library.servicesOffered.map((s) => s.code),
  };
  const contacts = body ? contactRows(body) : library.contacts.map((c) => ({ role: c.role, email: c.email ?? '', phone: c.phone ?? '' }));
  const spare = Math.max(0, Math.min(SPARE_CONTACT_ROWS, MAX_CONTACTS - contacts.length));
  const rows = body ? contacts : [...contacts, ...Array.from({ length: spare }, () => ({ role: '', email: '', phone: '' }))];
  return { values: source, servicesOffered: checked(source.servicesOffered), contacts: rows.map((c, i) => ({ ...c, n: i + 1 })) };
}

const siteSchema = z.object({
  name: z.string().trim().min(1, 'Enter the name of the site').max(200, 'The name must be 200 characters or fewer'),
  address: optional(500, 'The address'),
  postcode: z
    .string()
    .transform((s) => {
      const parsed = parsePostcode(s);
      return parsed.kind === 'postcode' ? parsed.postcode : s.trim() === '' ? null : undefined;
    })
    .refine((s) => s !== undefined, 'Enter a full postcode, like OX3 9DU')
    .transform((s) => s ?? null),
  countyId: z
    .string()
    .transform((s) => (s === '' ? null : Number(s)))
    .refine((n) => n === null || (Number.isInteger(n) && n > 0), 'Select a county from the list'),
  bankHolidayNotes: optional(500, 'The bank holiday note'),
});

/** The site form as changes for the site update service, or every problem by field (each day's hours its own). */
export function readSiteForm(body: Body): Validated<SiteChanges> {
  const base = siteSchema.safeParse({ name: text(body, 'name'), address: text(body, 'address'), postcode: text(body, 'postcode'), countyId: text(body, 'county'), bankHolidayNotes: text(body, 'bankHolidayNotes') });
  const errors = base.success ? [] : issuesToFieldErrors(base.error.issues).map((e) => (e.field === 'countyId' ? { ...e, field: 'county' } : e));
  const openingHours: OpeningSpan[] = [];
  for (const day of WEEKDAYS) {
    const result = parseDaySpans(text(body, `hours-${day.short.toLowerCase()}`), day.number);
    if (result.ok) openingHours.push(...result.spans);
    else errors.push({ field: `hours-${day.short.toLowerCase()}`, message: `${day.long}: ${result.message}` });
  }
  if (!base.success || errors.length > 0) return { ok: false, errors };
  return { ok: true, data: { ...base.data, openingHours, access247: body.access247 === 'yes', staffedOnBankHolidays: body.staffedOnBankHolidays === 'yes' } };
}

/** The site form's values: the site as it is, what was just submitted, or (no site) an empty form for a new one. */
export function siteFormValues(site: LibrarySite | undefined, body?: Body) {
  if (body) return { ...body, access247: body.access247 === 'yes', staffedOnBankHolidays: body.staffedOnBankHolidays === 'yes' };
  if (!site) return { access247: false, staffedOnBankHolidays: false };
  const hours = Object.fromEntries(WEEKDAYS.map((d) => [`hours-${d.short.toLowerCase()}`, formatDaySpans(site.openingHours, d.number)]));
  const { access247, staffedOnBankHolidays } = site;
  return { name: site.name, address: site.address ?? '', postcode: site.postcode ?? '', countyName: site.county, bankHolidayNotes: site.bankHolidayNotes ?? '', access247, staffedOnBankHolidays, ...hours };
}
