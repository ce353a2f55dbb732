/**
 * One-click unsubscribe from an alert email, without signing in: `GET` asks to confirm (mail scanners
 * follow links, so a GET changes nothing), `POST` stops the emails. The POST also answers RFC 8058
 * one-click requests (`List-Unsubscribe=One-Click` to the same URL). The signed token is the only
 * credential, so the POST needs no CSRF token: a forged request could only do what the link does.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { findByUnsubscribeNonce, unsubscribe } from './saved-search.service.js';
import { readUnsubscribeToken } from './unsubscribe-token.js';

const UNSUBSCRIBE_LIMIT = { rateLimit: { max: 30, timeWindow: '1 minute' } };
const VIEW = 'search/views/alert-unsubscribe.njk';

function tokenFrom(request: FastifyRequest): string {
  const fromBody = (request.body as { token?: unknown } | undefined)?.token;
  const fromQuery = (request.query as { token?: unknown } | undefined)?.token;
  const token = typeof fromBody === 'string' ? fromBody : fromQuery;
  return typeof token === 'string' ? token.trim() : '';
}

async function linkedSearch(app: FastifyInstance, request: FastifyRequest) {
  const token = tokenFrom(request);
  const read = readUnsubscribeToken(app.config.sessionSecret, token);
  const search = read && (await findByUnsubscribeNonce(app.db, read.id, read.nonce));
  return search ? { token, search, nonce: read.nonce } : undefined;
}

function invalid(reply: FastifyReply) {
  return reply.status(400).view(VIEW, { pageTitle: 'This unsubscribe link does not work', state: 'invalid' });
}

export async function alertUnsubscribeRoutes(app: FastifyInstance): Promise<void> {
  app.get('/search/alerts/unsubscribe', { config: UNSUBSCRIBE_LIMIT }, async (request, reply) => {
    const linked = await linkedSearch(app, request);
    if (!linked) return invalid(reply);
    const state = linked.search.active ? 'confirm' : 'stopped';
    return reply.view(VIEW, { pageTitle: state === 'confirm' ? 'Stop this alert?' : 'This alert is already stopped', state, name: linked.search.name, token: linked.token });
  });

  app.post('/search/alerts/unsubscribe', { config: { ...UNSUBSCRIBE_LIMIT, csrf: false } }, async (request, reply) => {
    const linked = await linkedSearch(app, request);
    if (!linked) return invalid(reply);
    await unsubscribe(app.db, linked.search.id, linked.nonce);
    request.log.info({ savedSearchId: linked.search.id }, 'alert unsubscribed by link');
    return reply.view(VIEW, { pageTitle: 'Alert stopped', state: 'done', name: linked.search.name });
  });
}
