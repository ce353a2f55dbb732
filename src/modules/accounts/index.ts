import type { FastifyInstance } from 'fastify';
import { adminAreaRoutes } from './admin-area.routes.js';
import { selfServiceRoutes } from './account-self.plugin.js';
import { passwordResetRoutes } from './password-reset.routes.js';
import { setupRoutes } from './setup.routes.js';
import { signInRoutes } from './sign-in.routes.js';

export { default as currentUserPlugin } from './current-user.plugin.js';
export { checkPasswordStrength, hashPassword, verifyPassword } from './password.js';
export { issueSetupLink } from './setup.service.js';
export { listActiveRoleHolders, type RoleHolder } from './role-holders.service.js';

/** Accounts: registration, sign-in, approval by organisation admins, roles, lifecycle and administration. */
export default async function accountsModule(app: FastifyInstance): Promise<void> {
  await app.register(signInRoutes);
  await app.register(passwordResetRoutes);
  await app.register(setupRoutes);
  await app.register(selfServiceRoutes);
  await app.register(adminAreaRoutes);
}
