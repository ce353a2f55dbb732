import { createHash, randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';

/**
 * Server-side sessions in the `session` table. The cookie holds a random 256-bit id; the table holds
 * only its SHA-256, so a copy of the database cannot be replayed as cookies.
 * Written here rather than with @fastify/session because khub needs idle and absolute lifetimes
 * enforced in SQL, revocation of all of a user's sessions, and a save only when something changed.
 */
export interface SessionOptions {
  readonly db: Kysely<Database>;
  readonly cookieName: string;
  /** Send the cookie only over HTTPS. */
  readonly secure: boolean;
  /** A session unused for this long ends. */
  readonly idleSeconds: number;
  /** A session ends this long after it began, however busy. */
  readonly absoluteSeconds: number;
}

type SessionData = Record<string, unknown>;

/** The current visitor's session; it is stored only once something is put in it. */
export class Session {
  #data: SessionData;
  #dirty = false;
  #rotated = false;
  #destroyed = false;

  /** @internal */
  constructor(
    public cookieId: string | undefined,
    data: SessionData,
    readonly createdAt: string | undefined,
    readonly lastSavedAt: string | undefined,
  ) {
    this.#data = data;
  }

  get<T = unknown>(key: string): T | undefined {
    return this.#data[key] as T | undefined;
  }

  set(key: string, value: unknown): void {
    this.#data[key] = value;
    this.#dirty = true;
  }

  delete(key: string): void {
    if (key in this.#data) {
      delete this.#data[key];
      this.#dirty = true;
    }
  }

  /** The signed-in user's id, or null for a visitor. */
  get userId(): number | null {
    const id = this.#data.userId;
    return typeof id === 'number' ? id : null;
  }

  /** Gives the session a new id and keeps its contents: call at sign-in so a planted id is useless. */
  rotate(): void {
    this.#rotated = true;
    this.#dirty = true;
  }

  /** Ends the session: the row is deleted and the cookie cleared. */
  destroy(): void {
    this.#destroyed = true;
    this.#data = {};
  }

  /** Stores a one-time message for the next page. */
  flash(key: string, message: string): void {
    const flashes = this.get<Record<string, string[]>>('flash') ?? {};
    this.set('flash', { ...flashes, [key]: [...(flashes[key] ?? []), message] });
  }

  /** Reads and removes the one-time messages. */
  takeFlash(key: string): string[] {
    const flashes = this.get<Record<string, string[]>>('flash');
    const messages = flashes?.[key] ?? [];
    if (flashes && messages.length > 0) {
      const { [key]: _taken, ...rest } = flashes;
      this.set('flash', rest);
    }
    return messages;
  }

  /** @internal */
  get state() {
    return { data: this.#data, dirty: this.#dirty, rotated: this.#rotated, destroyed: this.#destroyed };
  }
}

declare module 'fastify' {
  interface FastifyRequest {
    session: Session;
  }
}

/** The table key for a cookie's session id. */
export function hashSessionId(cookieId: string): string {
  return createHash('sha256').update(cookieId).digest('hex');
}

/** Ends every session a user has (sign out everywhere, password change, suspension). */
export async function revokeUserSessions(db: Kysely<Database>, userId: number): Promise<number> {
  const result = await db.deleteFrom('session').where('user_id', '=', userId).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Deletes expired sessions; run as a recurring job. */
export async function deleteExpiredSessions(db: Kysely<Database>, now = new Date()): Promise<number> {
  const result = await db.deleteFrom('session').where('expires_at', '<=', now.toISOString()).executeTakeFirst();
  return Number(result.numDeletedRows);
}

async function loadSession(options: SessionOptions, cookieId: string | undefined): Promise<Session> {
  if (!cookieId) return new Session(undefined, {}, undefined, undefined);
  const row = await options.db
    .selectFrom('session')
    .select(['data', 'created_at', 'updated_at'])
    .where('id', '=', hashSessionId(cookieId))
    .where('expires_at', '>', new Date().toISOString())
    .executeTakeFirst();
  if (!row) return new Session(undefined, {}, undefined, undefined);
  return new Session(cookieId, JSON.parse(row.data) as SessionData, row.created_at, row.updated_at);
}

function expiresAt(options: SessionOptions, createdAt: string, now: Date): string {
  const idle = now.getTime() + options.idleSeconds * 1000;
  const absolute = Date.parse(createdAt) + options.absoluteSeconds * 1000;
  return new Date(Math.min(idle, absolute)).toISOString();
}

async function saveSession(options: SessionOptions, session: Session, reply: FastifyReply): Promise<void> {
  const { data, dirty, rotated, destroyed } = session.state;
  const { db } = options;
  const cookieOptions = { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: options.secure };

  if (destroyed) {
    if (session.cookieId) await db.deleteFrom('session').where('id', '=', hashSessionId(session.cookieId)).execute();
    reply.clearCookie(options.cookieName, cookieOptions);
    return;
  }
  const now = new Date();
  const nowIso = now.toISOString();
  const isNew = !session.cookieId || rotated;
  // Touch an unchanged session at most once a minute, to keep idle expiry moving without a write per request.
  const stale = session.lastSavedAt !== undefined && now.getTime() - Date.parse(session.lastSavedAt) > 60_000;
  if (!dirty && !stale) return;
  if (!session.cookieId && Object.keys(data).length === 0) return;

  const createdAt = session.createdAt ?? nowIso;
  const row = {
    data: JSON.stringify(data),
    user_id: session.userId,
    expires_at: expiresAt(options, createdAt, now),
    updated_at: nowIso,
  };
  if (isNew) {
    const newId = randomBytes(32).toString('base64url');
    await db.transaction().execute(async (trx) => {
      if (session.cookieId) await trx.deleteFrom('session').where('id', '=', hashSessionId(session.cookieId)).execute();
      await trx.insertInto('session').values({ id: hashSessionId(newId), created_at: createdAt, ...row }).execute();
    });
    session.cookieId = newId;
    reply.setCookie(options.cookieName, newId, cookieOptions);
  } else if (session.cookieId) {
    await db.updateTable('session').set(row).where('id', '=', hashSessionId(session.cookieId)).execute();
  }
}

async function sessionPlugin(app: FastifyInstance, options: SessionOptions): Promise<void> {
  app.decorateRequest('session', null as unknown as Session);
  app.addHook('onRequest', async (request: FastifyRequest) => {
    request.session = await loadSession(options, request.cookies[options.cookieName]);
  });
  app.addHook('onSend', async (request, reply, payload) => {
    // A request rejected before onRequest ran (e.g. a malformed URL) has no session to save.
    if (request.session) await saveSession(options, request.session, reply);
    return payload;
  });
}

export default fp(sessionPlugin, { name: 'khub-session', dependencies: ['@fastify/cookie'] });
