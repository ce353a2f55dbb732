import type { FastifyInstance } from 'fastify';
import { API_PREFIX, errorResponses } from '../../platform/api/api.js';
import { fromZod } from '../../platform/api/zod-schema.js';
import { requireUser } from '../../platform/auth/guards.js';
import { reactivateAccount, suspendAccount } from './admin-account-actions.service.js';
import { loadAccount } from './admin-account.service.js';
import { accountSchema, accountListSchema, accountParams, accountsQuery, statisticsQuery, statisticsSchema, suspendBody } from './accounts-api.schema.js';
import { apiAccount, listAccountsForApi, organisationFromOds } from './accounts-api.service.js';
import { accountStatistics } from './admin-statistics.service.js';
import { listRolesForUser } from './user.repository.js';

/** Every accounts API operation takes an API token (or a signed-in session, with its CSRF header for changes). */
const security = [{ bearerAuth: [] }];
const tags = ['Accounts'];

/** The accounts JSON API for integrations: statistics, finding accounts, suspending and reactivating; the same policies as the pages. */
export async function accountsApiRoutes(app: FastifyInstance): Promise<void> {
  app.get(`${API_PREFIX}/account-statistics`, {
    schema: { tags, security, summary: 'Account statistics per organisation you may see', querystring: fromZod(statisticsQuery), response: { 200: fromZod(statisticsSchema, 'output'), ...errorResponses(400, 401, 403, 404, 429) } },
  }, async (request) => {
    const user = requireUser(request);
    const { organisation } = statisticsQuery.parse(request.query);
    return accountStatistics(app.db, user, { organisation: await organisationFromOds(app.db, organisation) });
  });

  app.get(`${API_PREFIX}/accounts`, {
    schema: { tags, security, summary: 'Find accounts you may see, 25 a page', querystring: fromZod(accountsQuery), response: { 200: fromZod(accountListSchema, 'output'), ...errorResponses(400, 401, 403, 404, 429) } },
  }, async (request) => listAccountsForApi(app.db, requireUser(request), accountsQuery.parse(request.query)));

  app.post(`${API_PREFIX}/accounts/:id/suspend`, {
    schema: { tags, security, summary: 'Suspend an account (ends its sessions; the person is emailed the reason)', params: fromZod(accountParams), body: fromZod(suspendBody), response: { 200: fromZod(accountSchema, 'output'), ...errorResponses(400, 401, 403, 404, 409, 429) } },
  }, async (request) => {
    const user = requireUser(request);
    const { id } = accountParams.parse(request.params);
    await suspendAccount(app, user, id, suspendBody.parse(request.body).reason, request);
    return currentAccount(app, id);
  });

  app.post(`${API_PREFIX}/accounts/:id/reactivate`, {
    schema: { tags, security, summary: 'Reactivate a suspended account', params: fromZod(accountParams), response: { 200: fromZod(accountSchema, 'output'), ...errorResponses(401, 403, 404, 409, 429) } },
  }, async (request) => {
    const user = requireUser(request);
    const { id } = accountParams.parse(request.params);
    await reactivateAccount(app, user, id, request);
    return currentAccount(app, id);
  });
}

async function currentAccount(app: FastifyInstance, id: number) {
  const { row, organisation } = await loadAccount(app.db, id);
  return apiAccount(row, organisation, await listRolesForUser(app.db, id));
}
