import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { findUserIdForApiToken } from './api-token.service.js';
import { loadCurrentUser } from './current-user.js';

const BEARER = /^Bearer\s+(\S+)$/i;

/**
 * Sets `request.user` from the session (pages) or an `Authorization: Bearer` API token (machine clients),
 * which templates see as `currentUser`. A session whose account has gone is ended.
 */
async function currentUserPlugin(app: FastifyInstance): Promise<void> {
  app.decorateRequest('user', null);
  app.addHook('onRequest', async (request) => {
    const bearer = BEARER.exec(request.headers.authorization ?? '')?.[1];
    const userId = bearer ? await findUserIdForApiToken(app.db, bearer) : request.session.userId;
    if (userId === null || userId === undefined) return;
    request.user = await loadCurrentUser(app.db, userId);
    if (!request.user && !bearer) request.session.destroy();
  });
}

export default fp(currentUserPlugin, { name: 'khub-current-user', dependencies: ['khub-session'] });
