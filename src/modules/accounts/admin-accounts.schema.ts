import { z } from 'zod';
import type { Role } from '../../platform/auth/roles.js';
import { NotFoundError } from '../../platform/http/errors.js';
import { ACCOUNT_STATUS_LABELS } from './account.js';

const blankToUndefined = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);

/** Every account status, in the order filters offer them. */
export const ACCOUNT_STATUSES = Object.keys(ACCOUNT_STATUS_LABELS) as [keyof typeof ACCOUNT_STATUS_LABELS, ...(keyof typeof ACCOUNT_STATUS_LABELS)[]];
/** Every role beyond member, in the order forms offer them. */
export const ROLES: [Role, ...Role[]] = ['librarian', 'service_manager', 'org_admin', 'regional_lead', 'platform_admin'];

/** The account finder's filters; a filter that makes no sense is ignored rather than refused (it is a search page). */
export const accountSearchSchema = z.object({
  q: z.preprocess(blankToUndefined, z.string().trim().max(200).optional()).catch(undefined),
  organisation: z.preprocess(blankToUndefined, z.coerce.number().int().positive().optional()).catch(undefined),
  status: z.preprocess(blankToUndefined, z.enum(ACCOUNT_STATUSES).optional()).catch(undefined),
  role: z.preprocess(blankToUndefined, z.enum(ROLES).optional()).catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
});

export type AccountSearchInput = z.output<typeof accountSearchSchema>;

const accountIdParams = z.object({ id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) });

/** The account id in a route's path; anything else is a page that does not exist. */
export function accountIdFrom(params: unknown): number {
  const parsed = accountIdParams.safeParse(params);
  if (!parsed.success) throw new NotFoundError();
  return parsed.data.id;
}

/** Suspending needs a reason: the person is told it, and it goes in the audit log. */
export const suspendSchema = z.object({
  reason: z
    .string({ error: 'Enter why you are suspending this account' })
    .trim()
    .min(1, 'Enter why you are suspending this account')
    .max(500, 'The reason must be 500 characters or fewer'),
});

/** Moving names the destination by ODS code, which admins know and which stays short however many organisations there are. */
export const moveSchema = z.object({
  odsCode: z
    .string({ error: 'Enter the ODS code of the organisation to move this account to' })
    .trim()
    .toUpperCase()
    .regex(/^[A-Z0-9]{3,10}$/, 'Enter an ODS code of 3 to 10 letters and numbers, like RTH'),
});

const REGION_CODE = /^[A-Z]\d{2}$/;
const ODS_CODE = /^[A-Z0-9]{3,10}$/;

/**
 * A role to grant and what it is held over, as an admin types it: a library service's id number (library
 * services are not in khub yet, so it is checked only for shape), an organisation's ODS code (blank: the
 * person's own organisation), a region code, or nothing for a platform administrator.
 */
export const grantRoleSchema = z
  .object({
    role: z.enum(ROLES, { error: 'Select a role' }),
    scope: z.preprocess((v) => (typeof v === 'string' ? v.trim().toUpperCase() : ''), z.string().max(20, 'The scope must be 20 characters or fewer')),
  })
  .superRefine((value, ctx) => {
    const problem = scopeProblem(value.role, value.scope);
    if (problem) ctx.addIssue({ code: 'custom', path: ['scope'], message: problem });
  });

function scopeProblem(role: Role, scope: string): string | undefined {
  if (role === 'platform_admin') return undefined;
  if (role === 'regional_lead') return REGION_CODE.test(scope) ? undefined : 'Enter the region code, like Y56 for London';
  if (role === 'org_admin') return scope === '' || ODS_CODE.test(scope) ? undefined : 'Enter the organisation’s ODS code, like RTH, or leave it blank for the person’s own organisation';
  return /^[1-9]\d{0,11}$/.test(scope) ? undefined : 'Enter the library service’s id number, like 12';
}

export type GrantRoleInput = z.output<typeof grantRoleSchema>;

/** A role to remove, exactly as it is held (the scope as stored: service id, organisation id, region code, or blank). */
export const removeRoleSchema = z.object({
  role: z.enum(ROLES, { error: 'Select a role' }),
  scopeId: z.preprocess((v) => (typeof v === 'string' ? v : ''), z.string().max(20)),
});

export type RemoveRoleInput = z.output<typeof removeRoleSchema>;
