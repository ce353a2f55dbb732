import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

import type { AccountStatus } from '../../platform/auth/roles.js';

export type { AccountStatus };

/** A person's khub account. Email is stored lower-cased; the password only as an argon2id hash. */
export interface UserAccountTable {
  id: Generated<number>;
  email: string;
  full_name: string;
  job_title: string;
  staff_group: string;
  organisation_id: number | null;
  status: AccountStatus;
  /** Why the account is suspended or rejected, shown to the person. */
  status_reason: string | null;
  password_hash: string;
  email_verified_at: string | null;
  eligibility_confirmed_at: string | null;
  /** When access ends unless the person re-confirms eligibility. */
  expires_at: string | null;
  /** The last expiry warning sent (28 or 14 days before), so each is sent once. */
  expiry_warning_days: number | null;
  suspended_at: string | null;
  /** A suspended or closed account's data is deleted after this time. */
  deletion_due_at: string | null;
  last_sign_in_at: string | null;
  created_at: string;
  updated_at: string;
}

export type UserAccountRow = Selectable<UserAccountTable>;
export type NewUserAccountRow = Insertable<UserAccountTable>;
export type UserAccountUpdate = Updateable<UserAccountTable>;
