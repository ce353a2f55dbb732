import type { Insertable, Selectable, Updateable } from 'kysely';

/** One server-side session. The id is the SHA-256 of the cookie's session id, never the id itself. */
export interface SessionTable {
  id: string;
  /** JSON of the session's contents (CSRF secret, user id, flash messages). */
  data: string;
  /** The signed-in user, so that "sign out everywhere" can delete all of a user's sessions. */
  user_id: number | null;
  expires_at: string;
  created_at: string;
  updated_at: string;
}

export type SessionRow = Selectable<SessionTable>;
export type NewSessionRow = Insertable<SessionTable>;
export type SessionUpdate = Updateable<SessionTable>;
