import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely, Transaction } from 'kysely';
import { type AuditActor, recordAudit } from '../../platform/audit/audit.js';
import type { Database } from '../../platform/db/database.js';
import { NotFoundError } from '../../platform/http/errors.js';
import type { MailMessage } from '../../platform/mail/mail.schema.js';
import { type Organisation, emailDomain, getOrganisationById } from '../organisations/index.js';
import { joinRequestAnsweredEmail, joinRequestWaitingEmail } from './join-request.emails.js';
import {
  type JoinRequestWithPersonRow,
  findJoinRequestWithPerson,
  insertJoinRequest,
  listJoinRequestsForUser,
  listRoleHolderEmails,
  updateUndecidedJoinRequest,
  withdrawUndecidedJoinRequests,
} from './join-request.repository.js';
import type { JoinRequestRow, JoinRequestStatus } from './join-request.table.js';
import { expiryDate } from './lifecycle-rules.js';
import { staffGroupLabel } from './staff-groups.js';
import { updateUser } from './user.repository.js';

type Db = Kysely<Database> | Transaction<Database>;

/** What the account services need from the app: the database, the mail queue, and the base URL for links. */
export type ServiceApp = Pick<FastifyInstance, 'db' | 'mail' | 'config'>;

/** Why a join request needs a decision. */
export type JoinRequestReason = 'domain_not_recognised' | 'email_changed';

/** How each request status reads on the admins' pages. */
export const JOIN_REQUEST_STATUS_LABELS: Readonly<Record<JoinRequestStatus, string>> = {
  open: 'Waiting for a decision',
  queried: 'Question asked',
  approved: 'Approved',
  rejected: 'Rejected',
  withdrawn: 'Withdrawn',
};

/** Why a request needs a decision, in words. */
export const JOIN_REQUEST_REASON_LABELS: Readonly<Record<string, string>> = {
  domain_not_recognised: 'Email address not recognised for the organisation',
  email_changed: 'Changed email address no longer matches the organisation',
};

/** A join request as pages and services see it. */
export interface JoinRequest {
  id: number;
  userId: number;
  organisationId: number;
  status: JoinRequestStatus;
  reason: string;
  /** The rejection reason, or the question asked. */
  decisionNote: string | null;
  decidedBy: number | null;
  decidedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

/** A join request with the details of the person asking, for the admins' pages. */
export interface JoinRequestWithPerson extends JoinRequest {
  person: { fullName: string; email: string; domain: string; jobTitle: string; staffGroup: string };
}

/** Maps a row to the model pages and services use. */
export function joinRequestRowToJoinRequest(row: JoinRequestRow): JoinRequest {
  return {
    id: row.id,
    userId: row.user_id,
    organisationId: row.organisation_id,
    status: row.status,
    reason: row.reason,
    decisionNote: row.decision_note,
    decidedBy: row.decided_by,
    decidedAt: row.decided_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Maps a queue row (request joined to its person) to the model, with the staff group in words. */
export function joinRequestRowWithPerson(row: JoinRequestWithPersonRow): JoinRequestWithPerson {
  const person = { fullName: row.full_name, email: row.email, domain: emailDomain(row.email), jobTitle: row.job_title, staffGroup: staffGroupLabel(row.staff_group) };
  return { ...joinRequestRowToJoinRequest(row), person };
}

/** A join request by id with its person, or a 404. */
export async function getJoinRequest(db: Db, id: number): Promise<JoinRequestWithPerson> {
  const row = await findJoinRequestWithPerson(db, id);
  if (!row) throw new NotFoundError('join_request_not_found', 'There is no such join request.');
  return joinRequestRowWithPerson(row);
}

/** A person's join requests, newest first. */
export async function listOwnJoinRequests(db: Db, userId: number): Promise<JoinRequest[]> {
  return (await listJoinRequestsForUser(db, userId)).map(joinRequestRowToJoinRequest);
}

/** Gives an account access for the organisation's account lifetime; returns when access ends. */
export async function activateAccount(trx: Transaction<Database>, userId: number, organisation: Organisation, now: Date): Promise<string> {
  const expiresAt = expiryDate(now, organisation.accountExpiryMonths).toISOString();
  await updateUser(trx, userId, {
    status: 'active',
    status_reason: null,
    eligibility_confirmed_at: now.toISOString(),
    expires_at: expiresAt,
    expiry_warning_days: null,
    suspended_at: null,
    deletion_due_at: null,
    updated_at: now.toISOString(),
  });
  return expiresAt;
}

/** Queues one message per account administrator of the organisation; with none, the platform admins are told instead. */
export async function notifyOrganisationAdmins(app: ServiceApp, trx: Transaction<Database>, organisationId: number, build: (to: string) => MailMessage): Promise<number> {
  let recipients = await listRoleHolderEmails(trx, 'org_admin', String(organisationId));
  // A request nobody hears about would wait forever; platform admins stand in for an organisation without admins.
  if (recipients.length === 0) recipients = await listRoleHolderEmails(trx, 'platform_admin', '');
  for (const to of recipients) await app.mail.queue(build(to), { db: trx });
  return recipients.length;
}

/** What opening a request needs: the person, where they asked to join, and why it needs a decision. */
export interface OpenJoinRequest {
  readonly user: { id: number; email: string; fullName: string };
  readonly organisation: Organisation;
  readonly reason: JoinRequestReason;
  readonly actor: AuditActor;
  readonly request?: FastifyRequest;
  readonly now: Date;
}

/** Opens a join request (replacing any undecided one), audits it, and tells the organisation's admins. */
export async function openJoinRequest(app: ServiceApp, trx: Transaction<Database>, spec: OpenJoinRequest): Promise<number> {
  const now = spec.now.toISOString();
  const withdrawn = await withdrawUndecidedJoinRequests(trx, spec.user.id, now);
  const id = await insertJoinRequest(trx, {
    user_id: spec.user.id,
    organisation_id: spec.organisation.id,
    status: 'open',
    reason: spec.reason,
    created_at: now,
    updated_at: now,
  });
  const details = { after: { status: 'open', organisationId: spec.organisation.id, reason: spec.reason }, userId: spec.user.id, withdrawn };
  await recordAudit(trx, { actor: spec.actor, action: 'join_request.create', targetType: 'join_request', targetId: id, details, request: spec.request }, spec.now);
  const waiting = { baseUrl: app.config.baseUrl, requestId: id, organisationName: spec.organisation.name, personName: spec.user.fullName, domain: emailDomain(spec.user.email) };
  await notifyOrganisationAdmins(app, trx, spec.organisation.id, (to) => joinRequestWaitingEmail(to, waiting));
  return id;
}

/** The person's request that waits for their answer, if an admin has asked them something. */
export async function findQueriedJoinRequest(db: Db, userId: number): Promise<JoinRequest | undefined> {
  return (await listOwnJoinRequests(db, userId)).find((r) => r.status === 'queried');
}

/** The person answers an admin's question: the request goes back into the queue and the admins hear of it. */
export async function answerJoinRequest(
  app: ServiceApp,
  joinRequest: JoinRequest,
  answer: string,
  context: { actor: { id: number; email: string }; fullName: string; request?: FastifyRequest; now?: Date },
): Promise<boolean> {
  const now = context.now ?? new Date();
  return app.db.transaction().execute(async (trx) => {
    const changes = { status: 'open' as const, decision_note: null, decided_by: null, decided_at: null, updated_at: now.toISOString() };
    if (!(await updateUndecidedJoinRequest(trx, joinRequest.id, changes))) return false;
    const details = { before: { status: joinRequest.status, question: joinRequest.decisionNote }, after: { status: 'open' }, answer };
    await recordAudit(trx, { actor: context.actor, action: 'join_request.answer', targetType: 'join_request', targetId: joinRequest.id, details, request: context.request }, now);
    const organisation = await getOrganisationById(trx, joinRequest.organisationId);
    const message = { baseUrl: app.config.baseUrl, requestId: joinRequest.id, organisationName: organisation.name, personName: context.fullName, answer };
    await notifyOrganisationAdmins(app, trx, organisation.id, (to) => joinRequestAnsweredEmail(to, message));
    return true;
  });
}
