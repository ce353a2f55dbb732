import type { Generated, Insertable, Selectable } from 'kysely';

/** One privileged action: who did what to which thing, when, and from where. Never updated or deleted by the app. */
export interface AuditEventTable {
  id: Generated<number>;
  actor_user_id: number | null;
  /** The actor's email at the time, or `system` for scheduled jobs and `cli` for operator commands. */
  actor_label: string;
  /** Dotted verb, e.g. `join_request.approve`, `organisation.update`. */
  action: string;
  target_type: string;
  target_id: string;
  /** JSON: before/after values, reasons. */
  details: string;
  ip: string | null;
  user_agent: string | null;
  created_at: string;
}

export type AuditEventRow = Selectable<AuditEventTable>;
export type NewAuditEventRow = Insertable<AuditEventTable>;
