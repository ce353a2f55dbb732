import csrfProtection from '@fastify/csrf-protection';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Set false only on routes that take no ambient credentials (none today). */
    csrf?: boolean;
    /** Also accept the token from `?_csrf=`, for a form whose markup cannot hold a hidden field (the header's sign-out button). */
    csrfFromQuery?: boolean;
  }
}

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Every state-changing request must carry a token bound to the session: a hidden `_csrf` field in
 * forms or an `x-csrf-token` header from scripts. The one exception is an API call with no session
 * cookie (a machine client): with no ambient credentials there is nothing for a forged request to use.
 */
function needsCsrfCheck(request: FastifyRequest, cookieName: string): boolean {
  if (!UNSAFE_METHODS.has(request.method)) return false;
  if (request.routeOptions.config?.csrf === false) return false;
  const isApi = request.url.startsWith('/api/');
  return !(isApi && request.cookies[cookieName] === undefined);
}

function tokenFrom(request: FastifyRequest): string | undefined {
  const body = request.body as { _csrf?: unknown } | undefined;
  if (typeof body?._csrf === 'string') return body._csrf;
  const header = request.headers['x-csrf-token'];
  if (typeof header === 'string') return header;
  const query = request.query as { _csrf?: unknown } | undefined;
  return request.routeOptions.config?.csrfFromQuery && typeof query?._csrf === 'string' ? query._csrf : undefined;
}

async function csrfPlugin(app: FastifyInstance, options: { cookieName: string }): Promise<void> {
  // Our Session exposes get/set like @fastify/secure-session, which is the interface this mode uses.
  await app.register(csrfProtection, { sessionPlugin: '@fastify/secure-session', sessionKey: 'csrfSecret', getToken: tokenFrom });
  app.addHook('preHandler', (request, reply, done) => {
    if (!needsCsrfCheck(request, options.cookieName)) return done();
    app.csrfProtection(request, reply, done);
  });
}

export default fp(csrfPlugin, { name: 'khub-csrf', dependencies: ['khub-session'] });
