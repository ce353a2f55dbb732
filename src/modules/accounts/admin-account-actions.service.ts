import type { FastifyInstance, FastifyRequest } from 'fastify';
import { recordAudit } from '../../platform/audit/audit.js';
import { authorize } from '../../platform/auth/guards.js';
import type { CurrentUser } from '../../platform/auth/roles.js';
import { ConflictError, type FieldError } from '../../platform/http/errors.js';
import { revokeUserSessions } from '../../platform/http/session.js';
import { findOrganisationByOdsCode } from '../organisations/index.js';
import { actorOf, loadAccount } from './admin-account.service.js';
import { listActivePlatformAdminIds } from './admin-accounts.repository.js';
import { accountMovedEmail, accountReactivatedEmail, accountSuspendedEmail } from './admin-emails.js';
import { DEFAULT_EXPIRY_MONTHS, deletionDate, expiryDate } from './lifecycle-rules.js';
import { canManageAccount, canMoveAccount } from './policies.js';
import type { UserAccountUpdate } from './user.table.js';

/** What an action on a form returns: done, or the fields at fault. */
export type ActionResult = { ok: true } | { ok: false; errors: FieldError[] };

const SUSPENDABLE = new Set(['active', 'pending']);
const dateFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London' });

/** Suspends an account: sessions ended, deletion scheduled after the grace period, audited, the person told why. */
export async function suspendAccount(app: FastifyInstance, actor: CurrentUser, accountId: number, reason: string, request?: FastifyRequest): Promise<void> {
  const { row, subject } = await loadAccount(app.db, accountId);
  authorize(canManageAccount(actor, subject));
  if (!SUSPENDABLE.has(row.status)) throw new ConflictError('conflict', 'Only an active account, or one waiting for approval, can be suspended.');
  const now = new Date();
  await app.db.transaction().execute(async (trx) => {
    // Suspending the last active platform admin would leave nobody able to run the installation.
    const admins = await listActivePlatformAdminIds(trx);
    if (admins.includes(row.id) && admins.length <= 1) throw new ConflictError('conflict', 'This is the last active platform administrator, so the account cannot be suspended.');
    const changes: UserAccountUpdate = { status: 'suspended', status_reason: reason, suspended_at: now.toISOString(), deletion_due_at: deletionDate(now).toISOString(), updated_at: now.toISOString() };
    // Conditional on the status we checked, so a concurrent change is not silently overwritten.
    const result = await trx.updateTable('user_account').set(changes).where('id', '=', row.id).where('status', '=', row.status).executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) throw new ConflictError('conflict', 'The account changed while you were working on it. Reload the page and try again.');
    await revokeUserSessions(trx, row.id);
    await recordAudit(trx, {
      actor: actorOf(actor),
      action: 'account.suspend',
      targetType: 'user_account',
      targetId: row.id,
      details: { before: { status: row.status, statusReason: row.status_reason }, after: { status: 'suspended', statusReason: reason }, reason },
      request,
    });
    await app.mail.queue(accountSuspendedEmail(row.email, reason, app.config.baseUrl), { db: trx });
  });
}

/** Reactivates a suspended account; one whose access had expired gets a fresh expiry date from its organisation's rule. */
export async function reactivateAccount(app: FastifyInstance, actor: CurrentUser, accountId: number, request?: FastifyRequest): Promise<void> {
  const { row, subject, organisation } = await loadAccount(app.db, accountId);
  authorize(canManageAccount(actor, subject));
  if (row.status !== 'suspended') throw new ConflictError('conflict', 'Only a suspended account can be reactivated.');
  const now = new Date();
  const expired = row.expires_at === null || row.expires_at <= now.toISOString();
  const expiresAt = expired ? expiryDate(now, organisation?.accountExpiryMonths ?? DEFAULT_EXPIRY_MONTHS).toISOString() : row.expires_at;
  const changes: UserAccountUpdate = {
    status: 'active',
    status_reason: null,
    suspended_at: null,
    deletion_due_at: null,
    updated_at: now.toISOString(),
    ...(expired ? { expires_at: expiresAt, expiry_warning_days: null, eligibility_confirmed_at: now.toISOString() } : {}),
  };
  await app.db.transaction().execute(async (trx) => {
    const result = await trx.updateTable('user_account').set(changes).where('id', '=', row.id).where('status', '=', 'suspended').executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) throw new ConflictError('conflict', 'The account changed while you were working on it. Reload the page and try again.');
    await recordAudit(trx, {
      actor: actorOf(actor),
      action: 'account.reactivate',
      targetType: 'user_account',
      targetId: row.id,
      details: { before: { status: row.status, statusReason: row.status_reason, expiresAt: row.expires_at }, after: { status: 'active', expiresAt } },
      request,
    });
    await app.mail.queue(accountReactivatedEmail(row.email, app.config.baseUrl, expiresAt ? dateFormat.format(new Date(expiresAt)) : null), { db: trx });
  });
}

/**
 * Moves an account to the organisation with this ODS code. Organisation admin roles held for the old
 * organisation end with the move: being an admin there came with belonging there.
 */
export async function moveAccount(app: FastifyInstance, actor: CurrentUser, accountId: number, odsCode: string, request?: FastifyRequest): Promise<ActionResult> {
  const { row, subject, organisation: from } = await loadAccount(app.db, accountId);
  const to = await findOrganisationByOdsCode(app.db, odsCode);
  if (!to) return { ok: false, errors: [{ field: 'odsCode', message: 'There is no organisation with that ODS code' }] };
  authorize(canMoveAccount(actor, subject, to.id));
  if (to.closedOn !== null) return { ok: false, errors: [{ field: 'odsCode', message: `${to.name} has closed, so accounts cannot move to it` }] };
  if (to.id === row.organisation_id) return { ok: false, errors: [{ field: 'odsCode', message: `The account already belongs to ${to.name}` }] };
  const now = new Date().toISOString();
  await app.db.transaction().execute(async (trx) => {
    await trx.updateTable('user_account').set({ organisation_id: to.id, updated_at: now }).where('id', '=', row.id).execute();
    const removed = from
      ? await trx.deleteFrom('role_assignment').where('user_id', '=', row.id).where('role', '=', 'org_admin').where('scope_id', '=', String(from.id)).returning(['role', 'scope_id']).execute()
      : [];
    await recordAudit(trx, {
      actor: actorOf(actor),
      action: 'account.move',
      targetType: 'user_account',
      targetId: row.id,
      details: { before: { organisationId: row.organisation_id }, after: { organisationId: to.id }, removedRoles: removed.map((r) => ({ role: r.role, scopeId: r.scope_id })) },
      request,
    });
    await app.mail.queue(accountMovedEmail(row.email, to.name), { db: trx });
  });
  return { ok: true };
}

