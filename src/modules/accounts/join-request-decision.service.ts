import type { FastifyRequest } from 'fastify';
import type { Kysely, Transaction } from 'kysely';
import { recordAudit } from '../../platform/audit/audit.js';
import type { CurrentUser } from '../../platform/auth/roles.js';
import type { Database } from '../../platform/db/database.js';
import { ConflictError, type FieldError } from '../../platform/http/errors.js';
import { emailProvesMembership, findOrganisationById, getOrganisationById } from '../organisations/index.js';
import { joinRequestApprovedEmail, joinRequestMovedEmail, joinRequestQueriedEmail, joinRequestRejectedEmail, joinRequestWaitingEmail } from './join-request.emails.js';
import { updateUndecidedJoinRequest } from './join-request.repository.js';
import { deletionDate } from './lifecycle-rules.js';
import { type JoinRequestWithPerson, type ServiceApp, activateAccount, notifyOrganisationAdmins } from './join-request.service.js';
import type { JoinRequestUpdate } from './join-request.table.js';
import { updateUser } from './user.repository.js';

/** A decision on a request that is no longer undecided (or no longer in this organisation's queue). */
export class JoinRequestDecidedError extends ConflictError {
  constructor() {
    super('conflict', 'This request has already been decided, or has been moved to another organisation.');
  }
}

/** Who decides, from where, and when. */
export interface DecisionContext {
  readonly actor: CurrentUser;
  readonly request?: FastifyRequest;
  readonly now?: Date;
}

type Trx = Transaction<Database>;

/** Applies a change to a still-undecided request of the same organisation, or throws `JoinRequestDecidedError`. */
async function decide(trx: Trx, joinRequest: JoinRequestWithPerson, changes: JoinRequestUpdate): Promise<void> {
  const changed = await updateUndecidedJoinRequest(trx, joinRequest.id, changes, { organisationId: joinRequest.organisationId });
  if (!changed) throw new JoinRequestDecidedError();
}

async function audit(trx: Trx, context: DecisionContext, joinRequest: JoinRequestWithPerson, action: string, details: Record<string, unknown>, now: Date) {
  const target = { targetType: 'join_request', targetId: joinRequest.id, request: context.request };
  await recordAudit(trx, { actor: context.actor, action, ...target, details: { userId: joinRequest.userId, ...details } }, now);
}

const decidedBy = (context: DecisionContext, now: Date) => ({ decided_by: context.actor.id, decided_at: now.toISOString(), updated_at: now.toISOString() });

/** Approves the request: the account becomes active until the organisation's expiry, and the person is told. */
export async function approveJoinRequest(app: ServiceApp, joinRequest: JoinRequestWithPerson, context: DecisionContext): Promise<void> {
  const now = context.now ?? new Date();
  await app.db.transaction().execute(async (trx) => {
    await decide(trx, joinRequest, { status: 'approved', decision_note: null, ...decidedBy(context, now) });
    const organisation = await getOrganisationById(trx, joinRequest.organisationId);
    const expiresAt = await activateAccount(trx, joinRequest.userId, organisation, now);
    const details = { before: { status: joinRequest.status, accountStatus: 'pending' }, after: { status: 'approved', accountStatus: 'active', expiresAt } };
    await audit(trx, context, joinRequest, 'join_request.approve', details, now);
    const message = { baseUrl: app.config.baseUrl, fullName: joinRequest.person.fullName, organisationName: organisation.name, expiresAt };
    await app.mail.queue(joinRequestApprovedEmail(joinRequest.person.email, message), { db: trx });
  });
}

/** Rejects the request with a reason the person is shown, along with how to appeal. */
export async function rejectJoinRequest(app: ServiceApp, joinRequest: JoinRequestWithPerson, reason: string, context: DecisionContext): Promise<void> {
  const now = context.now ?? new Date();
  await app.db.transaction().execute(async (trx) => {
    await decide(trx, joinRequest, { status: 'rejected', decision_note: reason, ...decidedBy(context, now) });
    await updateUser(trx, joinRequest.userId, {
      status: 'rejected',
      status_reason: reason,
      deletion_due_at: deletionDate(now).toISOString(),
      updated_at: now.toISOString(),
    });
    const details = { before: { status: joinRequest.status, accountStatus: 'pending' }, after: { status: 'rejected', accountStatus: 'rejected' }, reason };
    await audit(trx, context, joinRequest, 'join_request.reject', details, now);
    const organisation = await getOrganisationById(trx, joinRequest.organisationId);
    const message = { baseUrl: app.config.baseUrl, fullName: joinRequest.person.fullName, organisationName: organisation.name, reason, requestId: joinRequest.id };
    await app.mail.queue(joinRequestRejectedEmail(joinRequest.person.email, message), { db: trx });
  });
}

/** Asks the person a question; the request waits (status `queried`) until they answer on their account page. */
export async function queryJoinRequest(app: ServiceApp, joinRequest: JoinRequestWithPerson, question: string, context: DecisionContext): Promise<void> {
  const now = context.now ?? new Date();
  await app.db.transaction().execute(async (trx) => {
    // decided_by/at record who asked and when; answering clears them.
    await decide(trx, joinRequest, { status: 'queried', decision_note: question, ...decidedBy(context, now) });
    await audit(trx, context, joinRequest, 'join_request.query', { before: { status: joinRequest.status }, after: { status: 'queried' }, question }, now);
    const organisation = await getOrganisationById(trx, joinRequest.organisationId);
    const message = { baseUrl: app.config.baseUrl, fullName: joinRequest.person.fullName, organisationName: organisation.name, question };
    await app.mail.queue(joinRequestQueriedEmail(joinRequest.person.email, message), { db: trx });
  });
}

/** What is wrong with moving the request to this organisation, if anything. */
export async function checkMoveTarget(db: Kysely<Database>, joinRequest: JoinRequestWithPerson, organisationId: number): Promise<FieldError[]> {
  const target = await findOrganisationById(db, organisationId);
  if (!target || target.closedOn !== null) return [{ field: 'organisationId', message: 'Select an organisation from the list' }];
  if (target.id === joinRequest.organisationId) return [{ field: 'organisationId', message: 'Select a different organisation from the one the request is with' }];
  return [];
}

/**
 * Moves the request (and the account) to another organisation's queue. When the person's email proves
 * membership of the new organisation the account is approved at once; otherwise its admins are told.
 */
export async function moveJoinRequest(app: ServiceApp, joinRequest: JoinRequestWithPerson, organisationId: number, context: DecisionContext): Promise<{ approved: boolean }> {
  const now = context.now ?? new Date();
  return app.db.transaction().execute(async (trx) => {
    const [from, to] = [await getOrganisationById(trx, joinRequest.organisationId), await getOrganisationById(trx, organisationId)];
    await decide(trx, joinRequest, { organisation_id: to.id, status: 'open', decision_note: null, decided_by: null, decided_at: null, updated_at: now.toISOString() });
    await updateUser(trx, joinRequest.userId, { organisation_id: to.id, updated_at: now.toISOString() });
    const approved = await emailProvesMembership(trx, joinRequest.person.email, to.id);
    if (approved) {
      await updateUndecidedJoinRequest(trx, joinRequest.id, { status: 'approved', ...decidedBy(context, now) });
      await activateAccount(trx, joinRequest.userId, to, now);
    }
    const details = { before: { organisationId: from.id, status: joinRequest.status }, after: { organisationId: to.id, status: approved ? 'approved' : 'open' } };
    await audit(trx, context, joinRequest, 'join_request.move', details, now);
    const moved = { baseUrl: app.config.baseUrl, fullName: joinRequest.person.fullName, fromName: from.name, toName: to.name, approved };
    await app.mail.queue(joinRequestMovedEmail(joinRequest.person.email, moved), { db: trx });
    if (!approved) {
      const waiting = { baseUrl: app.config.baseUrl, requestId: joinRequest.id, organisationName: to.name, personName: joinRequest.person.fullName, domain: joinRequest.person.domain };
      await notifyOrganisationAdmins(app, trx, to.id, (address) => joinRequestWaitingEmail(address, waiting));
    }
    return { approved };
  });
}
