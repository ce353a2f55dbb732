import { z } from 'zod';
import { ORGANISATION_TYPES, type OrganisationType } from './organisation.table.js';

/** The type values, as the non-empty tuple z.enum needs (map() forgets that ORGANISATION_TYPES is non-empty). */
export const TYPE_VALUES = ORGANISATION_TYPES.map((t) => t.value) as [OrganisationType, ...OrganisationType[]];
const blankToUndefined = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);

/** UK postcode shape (outward code, space optional, inward code); BFPO and overseas codes are not accepted. */
const POSTCODE_PATTERN = /^[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}$/;

/** Upper-cases a postcode and puts exactly one space before the inward code: `ox39du` → `OX3 9DU`. */
export function normalisePostcode(postcode: string): string {
  const compact = postcode.replace(/\s+/g, '').toUpperCase();
  return `${compact.slice(0, -3)} ${compact.slice(-3)}`;
}

/** An ODS organisation code: letters and digits only, upper-cased (`rth` → `RTH`). */
export const odsCodeField = z
  .string({ error: 'Enter the ODS code' })
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9]{3,10}$/, 'Enter an ODS code of 3 to 10 letters and numbers, like RTH');

export const postcodeField = z
  .string()
  .trim()
  .toUpperCase()
  .regex(POSTCODE_PATTERN, 'Enter a full UK postcode, like OX3 9DU')
  .transform(normalisePostcode);

/** How long members' accounts last before they re-confirm eligibility. */
export const accountExpiryMonthsField = z.coerce
  .number({ error: 'Enter a whole number of months from 1 to 60' })
  .int('Enter a whole number of months from 1 to 60')
  .min(1, 'Enter a whole number of months from 1 to 60')
  .max(60, 'Enter a whole number of months from 1 to 60');

/** A date typed into the three boxes of the NHS.UK date input; all blank means no date. */
const closedOnField = z
  .object({ day: z.string().trim().optional(), month: z.string().trim().optional(), year: z.string().trim().optional() })
  .optional()
  .transform((parts, ctx) => {
    if (!parts || (!parts.day && !parts.month && !parts.year)) return null;
    const iso = `${(parts.year ?? '').padStart(4, '0')}-${(parts.month ?? '').padStart(2, '0')}-${(parts.day ?? '').padStart(2, '0')}`;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(iso) || !isRealDate(iso)) {
      ctx.addIssue({ code: 'custom', message: 'Date closed must be a real date, like 31 3 2024' });
      return z.NEVER;
    }
    return iso;
  });

/** True when `YYYY-MM-DD` names a day that exists (no 30 February). */
export function isRealDate(iso: string): boolean {
  const date = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === iso;
}

/** The organisation form a platform admin fills in to add or edit an organisation. */
export const organisationFormSchema = z.object({
  odsCode: odsCodeField,
  name: z.string({ error: 'Enter the organisation’s name' }).trim().min(1, 'Enter the organisation’s name').max(200, 'Name must be 200 characters or fewer'),
  type: z.enum(TYPE_VALUES, { error: 'Select the type of organisation' }),
  parentOdsCode: z.preprocess(blankToUndefined, odsCodeField.optional()),
  regionCode: z.preprocess(blankToUndefined, z.string().max(10).optional()),
  countyId: z.preprocess(blankToUndefined, z.coerce.number().int().positive().optional()),
  address: z.preprocess(blankToUndefined, z.string().trim().max(500, 'Address must be 500 characters or fewer').optional()),
  postcode: z.preprocess(blankToUndefined, postcodeField.optional()),
  closedOn: closedOnField,
  accountExpiryMonths: accountExpiryMonthsField,
});

export type OrganisationFormInput = z.output<typeof organisationFormSchema>;

/** The account expiry form, which organisation admins may use for their own organisation. */
export const accountExpirySchema = z.object({ accountExpiryMonths: accountExpiryMonthsField });

/**
 * An email domain as people type it: trimmed, lower-cased, an optional leading `@` dropped, and then
 * it must look like a domain (labels of letters, digits and hyphens, and a top-level label of letters).
 */
export const domainField = z
  .string({ error: 'Enter an email domain, like ouh.nhs.uk' })
  .trim()
  .toLowerCase()
  .transform((value) => value.replace(/^@/, ''))
  .pipe(
    z
      .string()
      .min(1, 'Enter an email domain, like ouh.nhs.uk')
      .max(253, 'Domain must be 253 characters or fewer')
      .regex(/^(?!-)[a-z0-9-]{1,63}(?<!-)(\.(?!-)[a-z0-9-]{1,63}(?<!-))*\.[a-z]{2,63}$/, 'Enter an email domain in the correct format, like ouh.nhs.uk'),
  );

export const domainFormSchema = z.object({ domain: domainField });

export const sharedDomainFormSchema = z.object({
  domain: domainField,
  note: z.string({ error: 'Say why this domain is shared' }).trim().min(1, 'Say why this domain is shared').max(200, 'Note must be 200 characters or fewer'),
});

/** The list filters shared by the admin page and the API; unknown or bad values are dropped, never a 500. */
export const organisationListQuerySchema = z.object({
  q: z.string().trim().max(100).optional().catch(undefined),
  region: z.preprocess(blankToUndefined, z.string().max(10).optional()).catch(undefined),
  type: z.preprocess(blankToUndefined, z.enum(TYPE_VALUES).optional()).catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).optional().catch(undefined),
});
