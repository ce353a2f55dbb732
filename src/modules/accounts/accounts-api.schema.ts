import { z } from 'zod';
import { ACCOUNT_STATUSES, ROLES } from './admin-accounts.schema.js';

const blankToUndefined = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);
const odsCode = z.preprocess(
  blankToUndefined,
  z.string().trim().toUpperCase().regex(/^[A-Z0-9]{3,10}$/, 'Enter an ODS code of 3 to 10 letters and numbers, like RTH').optional(),
);

/** `GET /api/v1/account-statistics` query. */
export const statisticsQuery = z.object({
  organisation: odsCode.describe('ODS code of one organisation; without it, every organisation you may see'),
});

const share = z.number().min(0).nullable();

/** Account figures as the statistics page shows them, unrounded. */
const figuresSchema = z.object({
  accounts: z.number().int().describe('Every account, whatever its status'),
  active: z.number().int().describe('Approved and in date'),
  approvedShare: share.describe('Active accounts as a share (0–1) of all accounts that are not closed; null when there are none'),
  activeLast90Days: z.number().int().describe('Accounts that signed in within the last 90 days'),
  staffWte: z.number().nullable().describe('Whole-time-equivalent staff, when known'),
  accountsPer1000Wte: z.number().nullable().describe('Active accounts per 1,000 WTE staff; null when WTE is not known'),
  shareOfWte: share.describe('Active accounts as a share of WTE staff; null when WTE is not known'),
});

/** `GET /api/v1/account-statistics` answer. */
export const statisticsSchema = z
  .object({
    organisations: z.array(
      figuresSchema.extend({
        organisationId: z.number().int().nullable().describe('Null for accounts with no organisation (platform administrators only)'),
        odsCode: z.string().nullable(),
        name: z.string(),
        regionCode: z.string().nullable(),
      }),
    ),
    totals: figuresSchema.describe('Over the organisations listed; per-WTE figures count only organisations whose WTE is known'),
  })
  .meta({ id: 'AccountStatistics' });

/** `GET /api/v1/accounts` query. */
export const accountsQuery = z.object({
  organisation: odsCode.describe('ODS code of one organisation'),
  status: z.preprocess(blankToUndefined, z.enum(ACCOUNT_STATUSES).optional()).describe('Only accounts with this status'),
  q: z.preprocess(blankToUndefined, z.string().trim().max(200).optional()).describe('Part of the name or email address'),
  page: z.coerce.number().int().min(1).max(100_000).default(1).describe('Page number, 25 accounts a page'),
});

/** An account in API answers (never its password hash or tokens). */
export const accountSchema = z
  .object({
    id: z.number().int(),
    email: z.string(),
    fullName: z.string(),
    jobTitle: z.string(),
    staffGroup: z.string().describe('Staff group code, e.g. nursing_midwifery'),
    status: z.enum(ACCOUNT_STATUSES),
    statusReason: z.string().nullable().describe('Why it is suspended or was not approved'),
    organisation: z.object({ id: z.number().int(), odsCode: z.string(), name: z.string() }).nullable(),
    roles: z.array(z.object({ role: z.enum(ROLES), scopeId: z.string().describe('Service id, organisation id or region code; empty for platform-wide') })),
    expiresAt: z.string().nullable().describe('ISO 8601; when access ends unless eligibility is re-confirmed'),
    lastSignInAt: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'Account' });

/** `GET /api/v1/accounts` answer. */
export const accountListSchema = z.object({
  accounts: z.array(accountSchema),
  total: z.number().int().describe('How many accounts match, across all pages'),
  page: z.number().int(),
  pageSize: z.number().int(),
});

/** `{id}` in `/api/v1/accounts/{id}/…`. */
export const accountParams = z.object({ id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).describe('Account id') });

/** `POST /api/v1/accounts/{id}/suspend` body. */
export const suspendBody = z.object({
  reason: z.string({ error: 'Enter why you are suspending this account' }).trim().min(1, 'Enter why you are suspending this account').max(500, 'The reason must be 500 characters or fewer').describe('Sent to the person and kept in the audit log'),
});

export type ApiAccount = z.output<typeof accountSchema>;
