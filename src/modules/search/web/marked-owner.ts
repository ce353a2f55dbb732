/**
 * Whose marked list a request sees. A member who marked records before signing in finds them on their
 * own list: the first request after sign-in moves the browser session's list onto the member's.
 */
import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../../../platform/db/database.js';
import { adoptMarked } from '../marked/marked.service.js';
import { searchOwner, visitorOwner } from './search-owner.js';

/** The owner key, or null for a visitor with no session key yet when `create` is false. */
export async function markedOwner(db: Kysely<Database>, request: FastifyRequest, options: { create: boolean } = { create: false }): Promise<string | null> {
  const owner = searchOwner(request, options);
  if (request.user && owner) {
    const visitor = visitorOwner(request);
    if (visitor) await adoptMarked(db, visitor, owner);
  }
  return owner;
}
