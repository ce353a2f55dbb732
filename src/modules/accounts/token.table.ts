import type { Generated, Insertable, Selectable } from 'kysely';

export type AccountTokenPurpose = 'verify_email' | 'reset_password' | 'change_email' | 'setup_admin' | 'invite' | 'renew';

/** A single-use emailed or printed token; only its SHA-256 is stored. */
export interface AccountTokenTable {
  id: Generated<number>;
  /** Null only for the first-administrator setup link, which precedes every account. */
  user_id: number | null;
  purpose: AccountTokenPurpose;
  token_hash: string;
  /** JSON the purpose needs (the new address for change_email). */
  data: string | null;
  expires_at: string;
  used_at: string | null;
  created_at: string;
}

/** Failed sign-ins per account or per address, for growing delays. */
export interface SignInThrottleTable {
  key: string;
  failures: number;
  blocked_until: string | null;
  updated_at: string;
}

/** A long-lived secret for machine clients of the API; only its SHA-256 is stored. */
export interface ApiTokenTable {
  id: Generated<number>;
  user_id: number;
  name: string;
  token_hash: string;
  /** The first characters, shown so people can tell their tokens apart. */
  token_prefix: string;
  expires_at: string | null;
  last_used_at: string | null;
  revoked_at: string | null;
  created_at: string;
}

export type AccountTokenRow = Selectable<AccountTokenTable>;
export type NewAccountTokenRow = Insertable<AccountTokenTable>;
export type SignInThrottleRow = Selectable<SignInThrottleTable>;
export type ApiTokenRow = Selectable<ApiTokenTable>;
export type NewApiTokenRow = Insertable<ApiTokenTable>;
