import type { FastifyRequest } from 'fastify';
import { ForbiddenError, UnauthenticatedError } from '../http/errors.js';
import type { CurrentUser } from './roles.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in person, or null for a visitor. Set by the accounts module's current-user plugin. */
    user: CurrentUser | null;
  }
}

/** The signed-in person, or a 401 (pages redirect to sign-in and come back). */
export function requireUser(request: FastifyRequest): CurrentUser {
  if (!request.user) throw new UnauthenticatedError();
  return request.user;
}

/**
 * Enforces a policy decision: call with the result of one policy function per action.
 *
 * ### Examples
 * authorize(canApproveJoinRequest(user, request.organisationId));
 */
export function authorize(allowed: boolean, message?: string): asserts allowed {
  if (!allowed) throw new ForbiddenError(message);
}
