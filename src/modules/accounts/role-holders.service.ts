import type { Kysely, Transaction } from 'kysely';
import type { Role } from '../../platform/auth/roles.js';
import type { Database } from '../../platform/db/database.js';

type Db = Kysely<Database> | Transaction<Database>;

/** Someone to contact about what they look after. */
export interface RoleHolder {
  readonly email: string;
  readonly fullName: string;
}

/**
 * The active accounts holding `role` in each of these scopes (a library service's id, an organisation's
 * id, a region code; '' for the platform), by name: for other modules that email the people responsible.
 */
export async function listActiveRoleHolders(db: Db, role: Role, scopeIds: readonly (string | number)[]): Promise<Map<string, RoleHolder[]>> {
  const byScope = new Map<string, RoleHolder[]>();
  const ids = [...new Set(scopeIds.map(String))];
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db
      .selectFrom('role_assignment')
      .innerJoin('user_account', 'user_account.id', 'role_assignment.user_id')
      .select(['role_assignment.scope_id', 'user_account.email', 'user_account.full_name'])
      .where('role_assignment.role', '=', role)
      .where('role_assignment.scope_id', 'in', ids.slice(i, i + 500))
      .where('user_account.status', '=', 'active')
      .orderBy('user_account.full_name')
      .orderBy('user_account.id')
      .execute();
    for (const row of rows) byScope.set(row.scope_id, [...(byScope.get(row.scope_id) ?? []), { email: row.email, fullName: row.full_name }]);
  }
  return byScope;
}
