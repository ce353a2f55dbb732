import type { FastifyInstance } from 'fastify';
import { accountDeleteRoutes } from './account-delete.routes.js';
import { accountEmailChangeRoutes } from './account-email-change.routes.js';
import { accountSelfRoutes } from './account-self.routes.js';
import { accountSettingsRoutes } from './account-settings.routes.js';
import { joinRequestRoutes } from './join-request.routes.js';
import { registrationVerifyRoutes } from './registration-verify.routes.js';
import { registrationRoutes } from './registration.routes.js';

/** Registration, email verification, the organisation admins' join-request queue, and "your account". */
export async function selfServiceRoutes(app: FastifyInstance): Promise<void> {
  await app.register(registrationRoutes);
  await app.register(registrationVerifyRoutes);
  await app.register(joinRequestRoutes);
  await app.register(accountSelfRoutes);
  await app.register(accountSettingsRoutes);
  await app.register(accountEmailChangeRoutes);
  await app.register(accountDeleteRoutes);
}
