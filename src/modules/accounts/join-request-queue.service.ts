import type { Kysely } from 'kysely';
import { listAuditEvents } from '../../platform/audit/audit.js';
import type { CurrentUser } from '../../platform/auth/roles.js';
import type { Database } from '../../platform/db/database.js';
import { type Organisation, findOrganisationById, listOrganisationsForSelect } from '../organisations/index.js';
import { listOrganisationIdsWithUndecidedRequests, listUndecidedJoinRequests } from './join-request.repository.js';
import { type JoinRequestWithPerson, joinRequestRowWithPerson } from './join-request.service.js';
import { canViewJoinRequests } from './policies.js';

/** The queues a person may see and the requests in them. */
export interface VisibleQueues {
  /** Every organisation whose queue the person may see (with or without waiting requests), by name. */
  readonly organisations: readonly Organisation[];
  /** Undecided requests in those queues (or in the one chosen), oldest first. */
  readonly requests: readonly JoinRequestWithPerson[];
}

/**
 * The join-request queues a person may see: the organisations they administer, plus any organisation
 * with waiting requests that the policy lets them see (all of them for platform admins, their region's for
 * regional leads). Narrowed to one organisation when `only` is given.
 */
export async function listVisibleQueues(db: Kysely<Database>, user: CurrentUser, only?: number): Promise<VisibleQueues> {
  const administered = user.roles.filter((r) => r.role === 'org_admin').map((r) => Number(r.scopeId));
  const candidates = new Set([...administered, ...(await listOrganisationIdsWithUndecidedRequests(db)), ...(only === undefined ? [] : [only])]);
  const organisations: Organisation[] = [];
  for (const id of candidates) {
    const organisation = await findOrganisationById(db, id);
    if (organisation && canViewJoinRequests(user, organisation.id, organisation.regionCode)) organisations.push(organisation);
  }
  organisations.sort((a, b) => a.name.localeCompare(b.name, 'en-GB'));
  const shown = only === undefined ? organisations.map((o) => o.id) : organisations.filter((o) => o.id === only).map((o) => o.id);
  const requests = (await listUndecidedJoinRequests(db, shown)).map(joinRequestRowWithPerson);
  return { organisations, requests };
}

/** One line of a request's history, from the audit log. */
export interface JoinRequestHistoryItem {
  readonly at: string;
  readonly by: string;
  readonly action: string;
  readonly note: string | null;
}

const HISTORY_LABELS: Readonly<Record<string, string>> = {
  'join_request.create': 'Request made',
  'join_request.query': 'Question asked',
  'join_request.answer': 'Question answered',
  'join_request.move': 'Moved to another organisation',
  'join_request.approve': 'Approved',
  'join_request.reject': 'Rejected',
};

/** What has happened to a request, oldest first: questions and answers included, so admins see the conversation. */
export async function listJoinRequestHistory(db: Kysely<Database>, joinRequestId: number): Promise<JoinRequestHistoryItem[]> {
  const events = await listAuditEvents(db, { targetType: 'join_request', targetId: joinRequestId });
  return events.reverse().map((e) => {
    const note = e.details.question ?? e.details.answer ?? e.details.reason;
    return { at: e.createdAt, by: e.actorLabel, action: HISTORY_LABELS[e.action] ?? e.action, note: typeof note === 'string' ? note : null };
  });
}

/** Open organisations a request may be moved to: every one but its current organisation. */
export async function listMoveTargets(db: Kysely<Database>, joinRequest: JoinRequestWithPerson): Promise<{ id: number; name: string; odsCode: string }[]> {
  return (await listOrganisationsForSelect(db)).filter((o) => o.id !== joinRequest.organisationId);
}
