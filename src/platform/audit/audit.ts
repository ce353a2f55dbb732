import type { FastifyRequest } from 'fastify';
import type { Kysely, Transaction } from 'kysely';
import type { CurrentUser } from '../auth/roles.js';
import type { Database } from '../db/database.js';
import type { AuditEventRow } from './audit.table.js';

type Db = Kysely<Database> | Transaction<Database>;

/** Who acted: a signed-in person, a scheduled job, or an operator at the command line. */
export type AuditActor = Pick<CurrentUser, 'id' | 'email'> | 'system' | 'cli' | { anonymous: string };

export interface AuditEntry {
  readonly actor: AuditActor;
  /** Dotted verb, e.g. `join_request.approve`. */
  readonly action: string;
  readonly targetType: string;
  readonly targetId: string | number;
  /** Before/after values, reasons: anything that explains the change. Never passwords or tokens. */
  readonly details?: Record<string, unknown>;
  /** The request, for the address and browser it came from. */
  readonly request?: FastifyRequest;
}

export interface AuditEvent {
  id: number;
  actorUserId: number | null;
  actorLabel: string;
  action: string;
  targetType: string;
  targetId: string;
  details: Record<string, unknown>;
  ip: string | null;
  userAgent: string | null;
  createdAt: string;
}

function actorFields(actor: AuditActor): { actor_user_id: number | null; actor_label: string } {
  if (actor === 'system' || actor === 'cli') return { actor_user_id: null, actor_label: actor };
  if ('anonymous' in actor) return { actor_user_id: null, actor_label: actor.anonymous };
  return { actor_user_id: actor.id, actor_label: actor.email };
}

/** Records a privileged action; call inside the transaction that makes the change so both or neither persist. */
export async function recordAudit(db: Db, entry: AuditEntry, now = new Date()): Promise<void> {
  const userAgent = entry.request?.headers['user-agent'];
  await db
    .insertInto('audit_event')
    .values({
      ...actorFields(entry.actor),
      action: entry.action,
      target_type: entry.targetType,
      target_id: String(entry.targetId),
      details: JSON.stringify(entry.details ?? {}),
      ip: entry.request?.ip ?? null,
      user_agent: typeof userAgent === 'string' ? userAgent.slice(0, 500) : null,
      created_at: now.toISOString(),
    })
    .execute();
}

function rowToEvent(row: AuditEventRow): AuditEvent {
  return {
    id: row.id,
    actorUserId: row.actor_user_id,
    actorLabel: row.actor_label,
    action: row.action,
    targetType: row.target_type,
    targetId: row.target_id,
    details: JSON.parse(row.details) as Record<string, unknown>,
    ip: row.ip,
    userAgent: row.user_agent,
    createdAt: row.created_at,
  };
}

export interface AuditQuery {
  readonly targetType?: string;
  readonly targetId?: string | number;
  readonly actorUserId?: number;
  readonly actionPrefix?: string;
  readonly limit?: number;
}

/** Audit events, newest first. */
export async function listAuditEvents(db: Db, query: AuditQuery = {}): Promise<AuditEvent[]> {
  let select = db.selectFrom('audit_event').selectAll();
  if (query.targetType) select = select.where('target_type', '=', query.targetType);
  if (query.targetId !== undefined) select = select.where('target_id', '=', String(query.targetId));
  if (query.actorUserId !== undefined) select = select.where('actor_user_id', '=', query.actorUserId);
  if (query.actionPrefix) select = select.where('action', 'like', `${query.actionPrefix}%`);
  const rows = await select.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(query.limit ?? 200).execute();
  return rows.map(rowToEvent);
}
