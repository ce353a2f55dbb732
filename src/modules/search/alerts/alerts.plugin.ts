import type { FastifyInstance } from 'fastify';
import { alertApiRoutes } from './alerts-api.routes.js';
import { registerSearchAlerts } from './alerts.jobs.js';
import { alertPageRoutes } from './alerts.routes.js';
import { alertUnsubscribeRoutes } from './alert-unsubscribe.routes.js';

/** Saved searches and their email alerts: pages, unsubscribe links, the API and the hourly job. */
export async function alertsPlugin(app: FastifyInstance): Promise<void> {
  await app.register(alertPageRoutes);
  await app.register(alertUnsubscribeRoutes);
  await app.register(alertApiRoutes);
  registerSearchAlerts(app);
}
