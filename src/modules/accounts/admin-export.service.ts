import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { recordAudit } from '../../platform/audit/audit.js';
import { authorize } from '../../platform/auth/guards.js';
import type { CurrentUser } from '../../platform/auth/roles.js';
import type { Database } from '../../platform/db/database.js';
import type { Organisation } from '../organisations/index.js';
import { actorOf } from './admin-account.service.js';
import { csvLine } from './admin-csv.js';
import { organisationsByIds } from './admin-organisations.js';
import { type AccountFilter, eachAccountRow, listRolesForUsers } from './admin-accounts.repository.js';
import type { AccountSearchInput } from './admin-accounts.schema.js';
import { exportableAccountScope, narrowScope, scopeIncludes } from './admin-scope.js';
import type { UserAccountRow } from './user.table.js';

/** The export's columns, in order; documented in docs/accounts.md. */
export const EXPORT_COLUMNS = [
  'id',
  'email',
  'full_name',
  'job_title',
  'staff_group',
  'organisation_ods_code',
  'organisation_name',
  'status',
  'status_reason',
  'roles',
  'email_verified_at',
  'eligibility_confirmed_at',
  'expires_at',
  'last_sign_in_at',
  'created_at',
] as const;

function exportLine(row: UserAccountRow, organisation: Organisation | undefined, roles: string[]): string {
  return csvLine([
    row.id,
    row.email,
    row.full_name,
    row.job_title,
    row.staff_group,
    organisation?.odsCode,
    organisation?.name,
    row.status,
    row.status_reason,
    roles.join('; '),
    row.email_verified_at,
    row.eligibility_confirmed_at,
    row.expires_at,
    row.last_sign_in_at,
    row.created_at,
  ]);
}

/**
 * The accounts matching the finder's filters as CSV, limited to the organisations whose accounts the person
 * may manage in bulk (403 for anyone else, or for a filter naming another organisation). Audited, because
 * it hands personal data out of khub.
 */
export async function exportAccountsCsv(db: Kysely<Database>, user: CurrentUser, input: AccountSearchInput, request?: FastifyRequest): Promise<string> {
  const scope = exportableAccountScope(user);
  authorize(scope !== undefined);
  authorize(input.organisation === undefined || scopeIncludes(scope, input.organisation));
  const filter: AccountFilter = { scope: narrowScope(scope, input.organisation), query: input.q, organisationId: input.organisation, status: input.status, role: input.role };
  const organisations = new Map<number, Organisation>();
  const lines = [csvLine(EXPORT_COLUMNS)];
  let batch: UserAccountRow[] = [];
  const flush = async () => {
    const roles = await listRolesForUsers(db, batch.map((r) => r.id));
    const missing = batch.map((r) => r.organisation_id).filter((id): id is number => id !== null && !organisations.has(id));
    for (const [id, organisation] of await organisationsByIds(db, missing)) organisations.set(id, organisation);
    for (const row of batch) lines.push(exportLine(row, row.organisation_id === null ? undefined : organisations.get(row.organisation_id), (roles.get(row.id) ?? []).map((r) => (r.scope_id ? `${r.role}:${r.scope_id}` : r.role))));
    batch = [];
  };
  for await (const row of eachAccountRow(db, filter)) {
    batch.push(row);
    if (batch.length >= 500) await flush();
  }
  await flush();
  await recordAudit(db, { actor: actorOf(user), action: 'account.export', targetType: 'user_account', targetId: 'export', details: { filter: { ...input, page: undefined }, rows: lines.length - 1 }, request });
  return lines.join('');
}
