/**
 * Whose searches and marked records a request sees: a signed-in member's own (`user:<id>`, kept
 * between visits), or the browser session's (`session:<key>`), where the key is a random value kept in
 * the session's data. The key is not the session id: that changes at sign-in (rotation), and the
 * owner key is stored beside the searches.
 */
import { randomBytes } from 'node:crypto';
import type { FastifyRequest } from 'fastify';

const VISITOR_KEY = 'searchVisitor';

/** The owner key for this request, creating the visitor key (and so the session) when `create` is true. */
export function searchOwner(request: FastifyRequest, options: { create: boolean } = { create: true }): string | null {
  if (request.user) return `user:${request.user.id}`;
  return visitorOwner(request, options);
}

/**
 * The browser session's own owner key, even when someone is signed in (to adopt what they did before
 * signing in); null when there is none and `create` is false.
 */
export function visitorOwner(request: FastifyRequest, options: { create: boolean } = { create: false }): string | null {
  let key = request.session.get<string>(VISITOR_KEY);
  if (!key) {
    if (!options.create) return null;
    key = randomBytes(16).toString('hex');
    request.session.set(VISITOR_KEY, key);
  }
  return `session:${key}`;
}
