import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

export type JoinRequestStatus = 'open' | 'queried' | 'approved' | 'rejected' | 'withdrawn';

/** A request to join an organisation that its admins decide, because the email domain did not prove membership. */
export interface JoinRequestTable {
  id: Generated<number>;
  user_id: number;
  organisation_id: number;
  status: JoinRequestStatus;
  /** Why it needs a decision: `domain_not_recognised` at registration, `email_changed` after a change of address. */
  reason: string;
  /** The admin's reason for a rejection, or their question for a query. */
  decision_note: string | null;
  decided_by: number | null;
  decided_at: string | null;
  created_at: string;
  updated_at: string;
}

export type JoinRequestRow = Selectable<JoinRequestTable>;
export type NewJoinRequestRow = Insertable<JoinRequestTable>;
export type JoinRequestUpdate = Updateable<JoinRequestTable>;
