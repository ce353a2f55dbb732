import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { recordAudit } from '../../platform/audit/audit.js';
import { type CurrentUser, isPlatformAdmin } from '../../platform/auth/roles.js';
import type { Database } from '../../platform/db/database.js';
import type { FieldError } from '../../platform/http/errors.js';
import { revokeUserSessions } from '../../platform/http/session.js';
import { accountDeletedEmail } from './account-self.emails.js';
import { countOtherPlatformAdmins, deleteAccessForUser } from './account-self.repository.js';
import { getOwnAccountRow } from './account-self.service.js';
import { withdrawUndecidedJoinRequests } from './join-request.repository.js';
import type { ServiceApp } from './join-request.service.js';
import { verifyPassword } from './password.js';
import { updateUser } from './user.repository.js';

/** The address a closed account keeps: unique, undeliverable (RFC 2606 `.invalid`), and free for the person to register again. */
export function closedAccountEmail(userId: number): string {
  return `closed-${userId}@closed.invalid`;
}

/** True when deleting this account would leave the installation without a platform admin. */
export async function isLastPlatformAdmin(db: Kysely<Database>, user: CurrentUser): Promise<boolean> {
  return isPlatformAdmin(user) && (await countOtherPlatformAdmins(db, user.id)) === 0;
}

/**
 * Deletes the person's account at their request. The row stays, closed and anonymised (no name, address,
 * job title or usable password), so that counts and the audit trail still add up; its roles, links, API
 * tokens and sessions go at once, its undecided join requests are withdrawn, and its deletion date is
 * now, so the lifecycle job may remove the row itself. Returns field errors, or none.
 */
export async function deleteOwnAccount(app: ServiceApp, user: CurrentUser, password: string, request?: FastifyRequest, now = new Date()): Promise<FieldError[]> {
  const row = await getOwnAccountRow(app.db, user.id);
  if (!(await verifyPassword(row.password_hash, password))) return [{ field: 'password', message: 'Your password is not correct' }];
  const iso = now.toISOString();
  await app.db.transaction().execute(async (trx) => {
    // Queued first, while the address is still known.
    await app.mail.queue(accountDeletedEmail(row.email, { baseUrl: app.config.baseUrl, fullName: row.full_name }), { db: trx });
    const withdrawn = await withdrawUndecidedJoinRequests(trx, user.id, iso);
    await deleteAccessForUser(trx, user.id);
    await updateUser(trx, user.id, {
      email: closedAccountEmail(user.id),
      full_name: '',
      job_title: '',
      password_hash: '!closed',
      status: 'closed',
      status_reason: 'Deleted by the account holder',
      expires_at: null,
      deletion_due_at: iso,
      updated_at: iso,
    });
    const sessionsEnded = await revokeUserSessions(trx, user.id);
    const details = { before: { status: row.status }, after: { status: 'closed' }, withdrawnJoinRequests: withdrawn, sessionsEnded };
    await recordAudit(trx, { actor: user, action: 'account.delete', targetType: 'user_account', targetId: user.id, details, request }, now);
  });
  return [];
}
