import type { AccountStatus } from '../../platform/auth/roles.js';
import type { UserAccountRow } from './user.table.js';

/** An account as pages and services see it (never the password hash). */
export interface Account {
  id: number;
  email: string;
  fullName: string;
  jobTitle: string;
  staffGroup: string;
  organisationId: number | null;
  status: AccountStatus;
  statusReason: string | null;
  emailVerifiedAt: string | null;
  eligibilityConfirmedAt: string | null;
  expiresAt: string | null;
  suspendedAt: string | null;
  deletionDueAt: string | null;
  lastSignInAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export function userRowToAccount(row: UserAccountRow): Account {
  return {
    id: row.id,
    email: row.email,
    fullName: row.full_name,
    jobTitle: row.job_title,
    staffGroup: row.staff_group,
    organisationId: row.organisation_id,
    status: row.status,
    statusReason: row.status_reason,
    emailVerifiedAt: row.email_verified_at,
    eligibilityConfirmedAt: row.eligibility_confirmed_at,
    expiresAt: row.expires_at,
    suspendedAt: row.suspended_at,
    deletionDueAt: row.deletion_due_at,
    lastSignInAt: row.last_sign_in_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export const ACCOUNT_STATUS_LABELS: Readonly<Record<AccountStatus, string>> = {
  unverified: 'Email not verified',
  pending: 'Waiting for approval',
  active: 'Active',
  suspended: 'Suspended',
  rejected: 'Not approved',
  closed: 'Closed',
};
