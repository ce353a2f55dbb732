import type { FastifyInstance } from 'fastify';
import { accountsApiRoutes } from './accounts-api.routes.js';
import { adminAccountActionsRoutes } from './admin-account-actions.routes.js';
import { adminAccountsRoutes } from './admin-accounts.routes.js';
import { adminBulkRoutes } from './admin-bulk.routes.js';
import { adminInviteRoutes } from './admin-invite.routes.js';
import { adminRolesRoutes } from './admin-roles.routes.js';
import { adminStatisticsRoutes } from './admin-statistics.routes.js';
import { apiTokenRoutes } from './api-token.routes.js';
import { registerLifecycleJobs } from './lifecycle.jobs.js';
import { lifecycleRoutes } from './lifecycle.routes.js';

/**
 * Account administration (find, view, suspend, reactivate, roles, move, bulk upload and export, statistics,
 * audit log), the account lifecycle (daily expiry jobs and renewal), API tokens and the accounts JSON API.
 */
export async function adminAreaRoutes(app: FastifyInstance): Promise<void> {
  registerLifecycleJobs(app);
  await app.register(adminAccountsRoutes);
  await app.register(adminAccountActionsRoutes);
  await app.register(adminRolesRoutes);
  await app.register(adminBulkRoutes);
  await app.register(adminInviteRoutes);
  await app.register(adminStatisticsRoutes);
  await app.register(lifecycleRoutes);
  await app.register(apiTokenRoutes);
  await app.register(accountsApiRoutes);
}
