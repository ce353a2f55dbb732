import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { type AuditEvent, listAuditEvents, recordAudit } from '../../platform/audit/audit.js';
import { type CurrentUser, ROLE_LABELS, type RoleGrant } from '../../platform/auth/roles.js';
import type { Database } from '../../platform/db/database.js';
import { type FieldError, UnauthenticatedError } from '../../platform/http/errors.js';
import { revokeUserSessions } from '../../platform/http/session.js';
import { findOrganisationById } from '../organisations/index.js';
import { passwordChangedEmail } from './account-self.emails.js';
import { listApiTokensForUser } from './account-self.repository.js';
import type { AccountDetailsInput, ChangePasswordInput } from './account-self.schema.js';
import { type Account, userRowToAccount } from './account.js';
import { type ServiceApp, listOwnJoinRequests } from './join-request.service.js';
import { checkPasswordStrength, hashPassword, verifyPassword } from './password.js';
import { findUserById, listRolesForUser, updateUser } from './user.repository.js';
import type { UserAccountRow } from './user.table.js';

/** The signed-in person's own row; a session whose account has gone is treated as signed out. */
export async function getOwnAccountRow(db: Kysely<Database>, userId: number): Promise<UserAccountRow> {
  const row = await findUserById(db, userId);
  if (!row) throw new UnauthenticatedError();
  return row;
}

/** A role as the person reads it: "Organisation administrator – Test Trust". */
export async function describeRole(db: Kysely<Database>, grant: RoleGrant): Promise<string> {
  const label = ROLE_LABELS[grant.role];
  if (grant.scopeType === 'organisation') return `${label} – ${(await findOrganisationById(db, Number(grant.scopeId)))?.name ?? grant.scopeId}`;
  if (grant.scopeType === 'region') return `${label} – region ${grant.scopeId}`;
  if (grant.scopeType === 'service') return `${label} – library service ${grant.scopeId}`;
  return label;
}

/** What "your account" shows: the account, its organisation's name and the person's roles in words. */
export async function loadOwnAccount(db: Kysely<Database>, user: CurrentUser): Promise<{ account: Account; organisationName: string | null; roles: string[] }> {
  const account = userRowToAccount(await getOwnAccountRow(db, user.id));
  const organisation = account.organisationId === null ? undefined : await findOrganisationById(db, account.organisationId);
  const roles: string[] = [];
  for (const grant of user.roles) roles.push(await describeRole(db, grant));
  return { account, organisationName: organisation?.name ?? null, roles };
}

/** Corrects the person's name, job title and staff group. */
export async function updateOwnDetails(app: ServiceApp, user: CurrentUser, input: AccountDetailsInput, request?: FastifyRequest, now = new Date()): Promise<void> {
  const row = await getOwnAccountRow(app.db, user.id);
  const before = { fullName: row.full_name, jobTitle: row.job_title, staffGroup: row.staff_group };
  await app.db.transaction().execute(async (trx) => {
    await updateUser(trx, user.id, { full_name: input.fullName, job_title: input.jobTitle, staff_group: input.staffGroup, updated_at: now.toISOString() });
    await recordAudit(trx, { actor: user, action: 'account.update_details', targetType: 'user_account', targetId: user.id, details: { before, after: input }, request }, now);
  });
}

/**
 * Changes the password after checking the current one. Every session of the person ends (a thief's too);
 * the caller keeps this browser signed in by rotating its session. Returns field errors, or none.
 */
export async function changeOwnPassword(app: ServiceApp, user: CurrentUser, input: ChangePasswordInput, request?: FastifyRequest, now = new Date()): Promise<FieldError[]> {
  const row = await getOwnAccountRow(app.db, user.id);
  const strength = checkPasswordStrength(input.newPassword, [row.full_name, row.email]);
  if (!strength.ok) return [{ field: 'newPassword', message: strength.message }];
  if (!(await verifyPassword(row.password_hash, input.currentPassword))) return [{ field: 'currentPassword', message: 'Your current password is not correct' }];
  const passwordHash = await hashPassword(input.newPassword);
  await app.db.transaction().execute(async (trx) => {
    await updateUser(trx, user.id, { password_hash: passwordHash, updated_at: now.toISOString() });
    const sessionsEnded = await revokeUserSessions(trx, user.id);
    await recordAudit(trx, { actor: user, action: 'account.change_password', targetType: 'user_account', targetId: user.id, details: { sessionsEnded }, request }, now);
    await app.mail.queue(passwordChangedEmail(row.email, { baseUrl: app.config.baseUrl, fullName: row.full_name }), { db: trx });
  });
  return [];
}

/** Ends every session the person has, on every device, and records it. */
export async function signOutEverywhere(app: ServiceApp, user: CurrentUser, request?: FastifyRequest, now = new Date()): Promise<number> {
  return app.db.transaction().execute(async (trx) => {
    const sessionsEnded = await revokeUserSessions(trx, user.id);
    await recordAudit(trx, { actor: user, action: 'account.sign_out_everywhere', targetType: 'user_account', targetId: user.id, details: { sessionsEnded }, request }, now);
    return sessionsEnded;
  });
}

/** An audit event in a person's download: who acted is "you", "an administrator" or "khub", never a colleague's address. */
function ownEvent(event: AuditEvent, userId: number) {
  const by = event.actorUserId === userId ? 'you' : event.actorUserId === null ? 'khub' : 'an administrator';
  return { at: event.createdAt, action: event.action, by, details: event.details, ip: event.actorUserId === userId ? event.ip : null };
}

/**
 * Everything khub holds about the person, for "download my data": the account, roles, join requests, API
 * tokens (names only) and the audit events about their account. Never a password or token hash.
 */
export async function exportOwnData(db: Kysely<Database>, user: CurrentUser, now = new Date()) {
  const { account, organisationName } = await loadOwnAccount(db, user);
  const roles = (await listRolesForUser(db, user.id)).map((r) => ({ role: r.role, scopeType: r.scope_type, scopeId: r.scope_id, grantedAt: r.created_at }));
  const joinRequests = await listOwnJoinRequests(db, user.id);
  const events = await listAuditEvents(db, { targetType: 'user_account', targetId: user.id, limit: 1000 });
  for (const joinRequest of joinRequests) events.push(...(await listAuditEvents(db, { targetType: 'join_request', targetId: joinRequest.id, limit: 1000 })));
  events.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id - b.id);
  const apiTokens = (await listApiTokensForUser(db, user.id)).map((t) => ({
    name: t.name,
    prefix: t.token_prefix,
    createdAt: t.created_at,
    expiresAt: t.expires_at,
    lastUsedAt: t.last_used_at,
    revokedAt: t.revoked_at,
  }));
  const organisation = account.organisationId === null ? null : { id: account.organisationId, name: organisationName };
  return { exportedAt: now.toISOString(), account, organisation, roles, joinRequests, apiTokens, auditEvents: events.map((e) => ownEvent(e, user.id)) };
}
