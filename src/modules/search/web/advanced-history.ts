/**
 * Whose history an expert-search request works on, and the history as a line resolver for the
 * results page (`/search?q=%233`). A visitor's history moves to their account when they sign in and
 * the account has no history of its own yet, so a search begun before signing in is not lost.
 */
import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../../../platform/db/database.js';
import type { LineResolver } from '../engine/lines.js';
import { type HistoryLine, listHistory } from '../history/history.service.js';
import { searchOwner, visitorOwner } from './search-owner.js';

/**
 * Moves a visitor's lines to the member's history when the member has none; returns whether it did.
 * The member's deleted-line tombstones go first: with no live lines nothing can refer to their numbers.
 */
export async function adoptVisitorHistory(db: Kysely<Database>, visitor: string, member: string): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const live = (owner: string) => trx.selectFrom('search_history_line').select('id').where('owner', '=', owner).where('deleted_at', 'is', null).limit(1).executeTakeFirst();
    if (!(await live(visitor)) || (await live(member))) return false;
    await trx.deleteFrom('search_history_line').where('owner', '=', member).execute();
    await trx.updateTable('search_history_line').set({ owner: member }).where('owner', '=', visitor).execute();
    return true;
  });
}

/**
 * The owner key of the request's history (null when a visitor has none yet and `create` is false),
 * after adopting the visitor's history for a member who has just signed in.
 */
export async function historyOwner(db: Kysely<Database>, request: FastifyRequest, create: boolean): Promise<string | null> {
  const owner = searchOwner(request, { create });
  const visitor = request.user ? visitorOwner(request) : null;
  if (owner && visitor) await adoptVisitorHistory(db, visitor, owner);
  return owner;
}

/** A resolver for line references: a line's number (`3`), or the label a pasted strategy gave it (`1a`). */
export function lineResolver(lines: readonly HistoryLine[]): LineResolver {
  const byNumber = new Map(lines.map((line) => [String(line.number), line.query ?? undefined]));
  return (label) => byNumber.get(label) ?? lines.findLast((line) => line.label?.toLowerCase() === label.toLowerCase())?.query ?? undefined;
}

/** The request's history as a line resolver, for a search that refers to lines. */
export async function requestLineResolver(db: Kysely<Database>, request: FastifyRequest): Promise<LineResolver> {
  const owner = await historyOwner(db, request, false);
  return lineResolver(owner ? await listHistory(db, owner) : []);
}
