import type { Kysely } from 'kysely';
import { z } from 'zod';
import { recordAudit } from '../../platform/audit/audit.js';
import type { Database } from '../../platform/db/database.js';
import { consumeAccountToken, issueAccountToken } from './account-token.service.js';
import { checkPasswordStrength, hashPassword } from './password.js';
import { findUserByEmail, insertRole, insertUser } from './user.repository.js';

/** True once any account holds the platform administrator role. */
export async function platformAdminExists(db: Kysely<Database>): Promise<boolean> {
  const row = await db.selectFrom('role_assignment').select('id').where('role', '=', 'platform_admin').limit(1).executeTakeFirst();
  return row !== undefined;
}

/**
 * While there is no platform administrator, issues a fresh one-time setup link (the previous one stops
 * working). Returns undefined once an administrator exists: the link can never mint a second one.
 */
export async function issueSetupLink(db: Kysely<Database>, baseUrl: string): Promise<string | undefined> {
  if (await platformAdminExists(db)) return undefined;
  const token = await issueAccountToken(db, { userId: null, purpose: 'setup_admin' });
  return `${baseUrl}/setup?token=${token}`;
}

export const setupSchema = z
  .object({
    token: z.string().min(1).max(200),
    fullName: z.string({ error: 'Enter your full name' }).trim().min(1, 'Enter your full name').max(200),
    email: z.email({ error: 'Enter an email address in the correct format, like name@example.nhs.uk' }).max(320),
    password: z.string({ error: 'Enter a password' }).min(1, 'Enter a password'),
    confirmPassword: z.string({ error: 'Enter the password again' }),
  })
  .refine((v) => v.password === v.confirmPassword, { path: ['confirmPassword'], message: 'The passwords do not match' });

export type SetupInput = z.output<typeof setupSchema>;
export type SetupOutcome = { ok: true; userId: number } | { ok: false; reason: 'invalid_token' } | { ok: false; field: string; message: string };

/** Creates the first platform administrator from the setup link: single use, and only while none exists. */
export async function createFirstAdmin(db: Kysely<Database>, input: SetupInput, now = new Date()): Promise<SetupOutcome> {
  const strength = checkPasswordStrength(input.password, [input.fullName, input.email]);
  if (!strength.ok) return { ok: false, field: 'password', message: strength.message };
  const passwordHash = await hashPassword(input.password);
  return db.transaction().execute(async (trx): Promise<SetupOutcome> => {
    if (!(await consumeAccountToken(trx, input.token, 'setup_admin', now)) || (await platformAdminExists(trx))) {
      return { ok: false, reason: 'invalid_token' };
    }
    if (await findUserByEmail(trx, input.email)) return { ok: false, field: 'email', message: 'An account with this email address already exists' };
    const iso = now.toISOString();
    const userId = await insertUser(trx, {
      email: input.email,
      full_name: input.fullName,
      job_title: 'Platform administrator',
      staff_group: 'management_admin',
      organisation_id: null,
      status: 'active',
      password_hash: passwordHash,
      email_verified_at: iso,
      eligibility_confirmed_at: iso,
      expires_at: null,
      created_at: iso,
      updated_at: iso,
    });
    await insertRole(trx, { user_id: userId, role: 'platform_admin', scope_type: 'platform', scope_id: '', granted_by: null, created_at: iso });
    await recordAudit(trx, { actor: { id: userId, email: input.email }, action: 'account.setup_first_admin', targetType: 'user_account', targetId: userId }, now);
    return { ok: true, userId };
  });
}
