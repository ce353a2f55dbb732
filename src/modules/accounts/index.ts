import type { FastifyInstance } from 'fastify';

export { default as currentUserPlugin } from './current-user.plugin.js';
export { checkPasswordStrength, hashPassword, verifyPassword } from './password.js';

/** Accounts: registration, sign-in, approval by organisation admins, roles, lifecycle and administration. */
export default async function accountsModule(_app: FastifyInstance): Promise<void> {}
