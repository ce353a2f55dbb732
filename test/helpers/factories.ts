import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { hashPassword } from '../../src/modules/accounts/password.js';
import type { AccountStatus, Role } from '../../src/platform/auth/roles.js';
import { ROLE_SCOPES } from '../../src/platform/auth/roles.js';
import type { Database } from '../../src/platform/db/database.js';
import { hashSessionId } from '../../src/platform/http/session.js';
import { TestAgent } from './agent.js';

let sequence = 0;
const next = () => (sequence += 1);

/** A password that passes the strength check, for tests that sign in through the form. */
export const GOOD_PASSWORD = 'violet-harbour-tandem-57';

export interface OrganisationOverrides {
  odsCode?: string;
  name?: string;
  type?: Database['organisation']['type'];
  regionCode?: string | null;
  domains?: string[];
  accountExpiryMonths?: number;
  staffWte?: number | null;
}

/** Inserts an organisation (and its email domains) and returns its id. */
export async function createOrganisation(db: Kysely<Database>, overrides: OrganisationOverrides = {}): Promise<number> {
  const n = next();
  const now = new Date().toISOString();
  const { id } = await db
    .insertInto('organisation')
    .values({
      ods_code: overrides.odsCode ?? `T${String(n).padStart(4, '0')}`,
      name: overrides.name ?? `Test Hospitals NHS Foundation Trust ${n}`,
      type: overrides.type ?? 'nhs_trust',
      region_code: overrides.regionCode === undefined ? 'Y59' : overrides.regionCode,
      account_expiry_months: overrides.accountExpiryMonths ?? 24,
      staff_wte: overrides.staffWte ?? null,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const domain of overrides.domains ?? []) {
    await db.insertInto('organisation_domain').values({ domain, organisation_id: id, created_at: now }).execute();
  }
  return id;
}

export interface UserOverrides {
  email?: string;
  fullName?: string;
  organisationId?: number | null;
  status?: AccountStatus;
  /** Hashes this password (slow: ~70 ms); without it the account has an unusable hash. */
  password?: string;
  expiresAt?: string | null;
  roles?: { role: Role; scopeId?: string | number }[];
}

/** Inserts a user (active, verified, by default) with any roles, and returns its id. */
export async function createUser(db: Kysely<Database>, overrides: UserOverrides = {}): Promise<number> {
  const n = next();
  const now = new Date().toISOString();
  const { id } = await db
    .insertInto('user_account')
    .values({
      email: (overrides.email ?? `person${n}@test-trust.nhs.uk`).toLowerCase(),
      full_name: overrides.fullName ?? `Test Person ${n}`,
      job_title: 'Staff nurse',
      staff_group: 'nursing_midwifery',
      organisation_id: overrides.organisationId ?? null,
      status: overrides.status ?? 'active',
      password_hash: overrides.password ? await hashPassword(overrides.password) : '!unusable',
      email_verified_at: now,
      eligibility_confirmed_at: now,
      expires_at: overrides.expiresAt === undefined ? new Date(Date.now() + 365 * 86_400_000).toISOString() : overrides.expiresAt,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const grant of overrides.roles ?? []) {
    await db
      .insertInto('role_assignment')
      .values({ user_id: id, role: grant.role, scope_type: ROLE_SCOPES[grant.role], scope_id: String(grant.scopeId ?? ''), created_at: now })
      .execute();
  }
  return id;
}

/** A test agent already signed in as the user (its session row is written directly, as sign-in would). */
export async function signedInAgent(app: FastifyInstance, userId: number): Promise<TestAgent> {
  const cookieId = randomBytes(32).toString('base64url');
  const now = new Date();
  await app.db
    .insertInto('session')
    .values({
      id: hashSessionId(cookieId),
      data: JSON.stringify({ userId }),
      user_id: userId,
      expires_at: new Date(now.getTime() + 3_600_000).toISOString(),
      created_at: now.toISOString(),
      updated_at: now.toISOString(),
    })
    .execute();
  const agent = new TestAgent(app);
  agent.cookies.set(app.config.env === 'production' ? '__Host-khub_session' : 'khub_session', cookieId);
  return agent;
}
