import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { authorize, requireUser } from '../../platform/auth/guards.js';
import type { CurrentUser } from '../../platform/auth/roles.js';
import { errorsByField, errorSummary, validate } from '../../platform/forms/validation.js';
import { type FieldError, NotFoundError } from '../../platform/http/errors.js';
import { getOrganisationById } from '../organisations/index.js';
import {
  type DecisionContext,
  JoinRequestDecidedError,
  approveJoinRequest,
  checkMoveTarget,
  moveJoinRequest,
  queryJoinRequest,
  rejectJoinRequest,
} from './join-request-decision.service.js';
import { listJoinRequestHistory, listMoveTargets, listVisibleQueues } from './join-request-queue.service.js';
import { approveSchema, joinRequestParams, moveSchema, querySchema, queueQuery, rejectSchema } from './join-request.schema.js';
import { JOIN_REQUEST_REASON_LABELS, JOIN_REQUEST_STATUS_LABELS, type JoinRequestWithPerson, getJoinRequest } from './join-request.service.js';
import { canDecideJoinRequest, canViewJoinRequestQueue, canViewJoinRequests } from './policies.js';
import { keptValues } from './registration.routes.js';

const QUEUE = '/admin/join-requests';

async function loadJoinRequest(app: FastifyInstance, params: unknown): Promise<JoinRequestWithPerson> {
  const parsed = joinRequestParams.safeParse(params);
  if (!parsed.success) throw new NotFoundError('join_request_not_found', 'There is no such join request.');
  return getJoinRequest(app.db, parsed.data.id);
}

async function renderDetail(app: FastifyInstance, reply: FastifyReply, status: number, user: CurrentUser, joinRequest: JoinRequestWithPerson, form: { values?: Record<string, string>; errors?: FieldError[] } = {}) {
  const errors = form.errors ?? [];
  const values = form.values ?? {};
  const undecided = joinRequest.status === 'open' || joinRequest.status === 'queried';
  const moveTargets = await listMoveTargets(app.db, joinRequest);
  return reply.status(status).view('accounts/views/join-request-detail.njk', {
    pageTitle: `Request from ${joinRequest.person.fullName}`,
    joinRequest,
    organisation: await getOrganisationById(app.db, joinRequest.organisationId),
    statusLabel: JOIN_REQUEST_STATUS_LABELS[joinRequest.status],
    reasonLabel: JOIN_REQUEST_REASON_LABELS[joinRequest.reason] ?? joinRequest.reason,
    canDecide: undecided && canDecideJoinRequest(user, joinRequest.organisationId),
    moveItems: [{ value: '', text: 'Select an organisation' }, ...moveTargets.map((o) => ({ value: String(o.id), text: `${o.name} (${o.odsCode})`, selected: String(o.id) === values.organisationId }))],
    history: await listJoinRequestHistory(app.db, joinRequest.id),
    values,
    errors,
    errorSummaryModel: errorSummary(errors),
    fieldErrors: errorsByField(errors),
  });
}

function renderDecided(reply: FastifyReply, joinRequest: JoinRequestWithPerson) {
  const statusLabel = JOIN_REQUEST_STATUS_LABELS[joinRequest.status];
  return reply.status(409).view('accounts/views/join-request-decided.njk', { pageTitle: 'This request has already been decided', joinRequest, statusLabel, queueHref: QUEUE });
}

/** What a decision does once its form is valid: a message for the queue page, or field errors to show. */
type Decide<T> = (joinRequest: JoinRequestWithPerson, data: T, context: DecisionContext) => Promise<string | FieldError[]>;

/** One POST per decision: signed in, allowed to decide for this organisation, form valid, request still undecided. */
function decisionRoute<S extends z.ZodType>(app: FastifyInstance, action: string, schema: S, fields: string[], decide: Decide<z.output<S>>) {
  app.post(`${QUEUE}/:id/${action}`, async (request: FastifyRequest, reply) => {
    const user = requireUser(request);
    const joinRequest = await loadJoinRequest(app, request.params);
    authorize(canDecideJoinRequest(user, joinRequest.organisationId));
    if (joinRequest.status !== 'open' && joinRequest.status !== 'queried') return renderDecided(reply, joinRequest);
    const values = keptValues(request.body, fields);
    const input = validate(schema, request.body ?? {});
    if (!input.ok) return renderDetail(app, reply, 400, user, joinRequest, { values, errors: input.errors });
    try {
      const outcome = await decide(joinRequest, input.data, { actor: user, request });
      if (Array.isArray(outcome)) return renderDetail(app, reply, 400, user, joinRequest, { values, errors: outcome });
      request.session.flash('joinRequests', outcome);
    } catch (error) {
      // Another admin decided (or moved) it between this page loading and the form arriving.
      if (error instanceof JoinRequestDecidedError) return renderDecided(reply, await getJoinRequest(app.db, joinRequest.id));
      throw error;
    }
    return reply.redirect(`${QUEUE}?organisation=${joinRequest.organisationId}`, 303);
  });
}

/** The organisation admins' queue of join requests, one request's page, and the four decisions. */
export async function joinRequestRoutes(app: FastifyInstance): Promise<void> {
  app.get(QUEUE, async (request, reply) => {
    const user = requireUser(request);
    authorize(canViewJoinRequestQueue(user));
    const { organisation } = queueQuery.parse(request.query ?? {});
    const queues = await listVisibleQueues(app.db, user, organisation);
    if (organisation !== undefined) authorize(queues.organisations.some((o) => o.id === organisation));
    const chosen = queues.organisations.find((o) => o.id === organisation);
    const names = new Map(queues.organisations.map((o) => [o.id, o.name]));
    const requests = queues.requests.map((r) => ({ ...r, organisationName: names.get(r.organisationId) ?? '', statusLabel: JOIN_REQUEST_STATUS_LABELS[r.status] }));
    const filterItems = [{ value: '', text: 'All organisations' }, ...queues.organisations.map((o) => ({ value: String(o.id), text: o.name, selected: o.id === organisation }))];
    const notices = request.session.takeFlash('joinRequests');
    return reply.view('accounts/views/join-request-list.njk', { pageTitle: 'Join requests', chosen, requests, filterItems, notices });
  });

  app.get(`${QUEUE}/:id`, async (request, reply) => {
    const user = requireUser(request);
    const joinRequest = await loadJoinRequest(app, request.params);
    const organisation = await getOrganisationById(app.db, joinRequest.organisationId);
    authorize(canViewJoinRequests(user, organisation.id, organisation.regionCode));
    return renderDetail(app, reply, 200, user, joinRequest);
  });

  decisionRoute(app, 'approve', approveSchema, [], async (joinRequest, _data, context) => {
    await approveJoinRequest(app, joinRequest, context);
    return `${joinRequest.person.fullName}'s request has been approved`;
  });

  decisionRoute(app, 'reject', rejectSchema, ['reason'], async (joinRequest, data, context) => {
    await rejectJoinRequest(app, joinRequest, data.reason, context);
    return `${joinRequest.person.fullName}'s request has been rejected. They have been told why and how to appeal`;
  });

  decisionRoute(app, 'move', moveSchema, ['organisationId'], async (joinRequest, data, context) => {
    const problems = await checkMoveTarget(app.db, joinRequest, data.organisationId);
    if (problems.length > 0) return problems;
    const { approved } = await moveJoinRequest(app, joinRequest, data.organisationId, context);
    const target = await getOrganisationById(app.db, data.organisationId);
    return approved ? `${joinRequest.person.fullName}'s email belongs to ${target.name}, so the request was moved and approved` : `${joinRequest.person.fullName}'s request has been moved to ${target.name}`;
  });

  decisionRoute(app, 'query', querySchema, ['question'], async (joinRequest, data, context) => {
    await queryJoinRequest(app, joinRequest, data.question, context);
    return `Your question has been sent to ${joinRequest.person.fullName}`;
  });
}
