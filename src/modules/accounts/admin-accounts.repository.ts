import { type Kysely, type SelectQueryBuilder, type Transaction, sql } from 'kysely';
import type { AccountStatus, Role } from '../../platform/auth/roles.js';
import type { Database } from '../../platform/db/database.js';
import { dialectOf } from '../../platform/db/dialect.js';
import type { AccountScope } from './admin-scope.js';
import type { RoleAssignmentRow } from './role.table.js';
import type { UserAccountRow } from './user.table.js';

type Db = Kysely<Database> | Transaction<Database>;

/** What the account finder, the export and the API filter by. */
export interface AccountFilter {
  readonly scope: AccountScope;
  /** Part of the name or email address, any case. */
  readonly query?: string;
  readonly organisationId?: number;
  readonly status?: AccountStatus;
  readonly role?: Role;
}

/** Escapes LIKE's wildcards so a search for `50%` finds that text, not everything. */
function likePattern(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function applyFilter<O>(select: SelectQueryBuilder<Database, 'user_account', O>, filter: AccountFilter): SelectQueryBuilder<Database, 'user_account', O> {
  let q = select;
  if (!filter.scope.all) {
    // An empty scope matches nothing; `in ()` is not valid SQL on either engine.
    q = filter.scope.organisationIds.length === 0 ? q.where(sql<boolean>`1 = 0`) : q.where('user_account.organisation_id', 'in', [...filter.scope.organisationIds]);
  }
  if (filter.query) {
    const pattern = likePattern(filter.query);
    q = q.where((eb) =>
      eb.or([
        eb(sql`lower(user_account.full_name)`, 'like', sql`${pattern} escape '\\'`),
        eb(sql`user_account.email`, 'like', sql`${pattern} escape '\\'`),
      ]),
    );
  }
  if (filter.organisationId !== undefined) q = q.where('user_account.organisation_id', '=', filter.organisationId);
  if (filter.status) q = q.where('user_account.status', '=', filter.status);
  const role = filter.role;
  if (role) {
    q = q.where((eb) => eb.exists(eb.selectFrom('role_assignment').select('role_assignment.id').whereRef('role_assignment.user_id', '=', 'user_account.id').where('role_assignment.role', '=', role)));
  }
  return q;
}

/** One page of matching accounts, sorted by name, and how many match in all. */
export async function searchAccountRows(db: Db, filter: AccountFilter, page: { limit: number; offset: number }): Promise<{ rows: UserAccountRow[]; total: number }> {
  const rows = await applyFilter(db.selectFrom('user_account').selectAll('user_account'), filter)
    .orderBy('user_account.full_name')
    .orderBy('user_account.id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  const { count } = await applyFilter(db.selectFrom('user_account').select((eb) => eb.fn.countAll<number | string>().as('count')), filter).executeTakeFirstOrThrow();
  return { rows, total: Number(count) };
}

/** Every matching account in pages of `batch`, sorted by id, for exports that must not hold everything at once. */
export async function* eachAccountRow(db: Db, filter: AccountFilter, batch = 500): AsyncGenerator<UserAccountRow> {
  for (let afterId = 0; ; ) {
    const rows = await applyFilter(db.selectFrom('user_account').selectAll('user_account'), filter)
      .where('user_account.id', '>', afterId)
      .orderBy('user_account.id')
      .limit(batch)
      .execute();
    yield* rows;
    const last = rows.at(-1);
    if (!last || rows.length < batch) return;
    afterId = last.id;
  }
}

/** The roles of many people at once, by person. */
export async function listRolesForUsers(db: Db, userIds: readonly number[]): Promise<Map<number, RoleAssignmentRow[]>> {
  const byUser = new Map<number, RoleAssignmentRow[]>();
  if (userIds.length === 0) return byUser;
  const rows = await db.selectFrom('role_assignment').selectAll().where('user_id', 'in', [...userIds]).orderBy('id').execute();
  for (const row of rows) byUser.set(row.user_id, [...(byUser.get(row.user_id) ?? []), row]);
  return byUser;
}

/**
 * The ids of active platform admins. On PostgreSQL their role rows are locked until the transaction ends,
 * so two admins removing each other at the same moment cannot both succeed and leave nobody.
 */
export async function listActivePlatformAdminIds(db: Db): Promise<number[]> {
  let select = db
    .selectFrom('role_assignment')
    .innerJoin('user_account', 'user_account.id', 'role_assignment.user_id')
    .select('role_assignment.user_id')
    .where('role_assignment.role', '=', 'platform_admin')
    .where('user_account.status', '=', 'active');
  // SQLite has no FOR UPDATE; its single writer already serialises these transactions.
  if (dialectOf(db) === 'postgres') select = select.forUpdate();
  return (await select.execute()).map((r) => r.user_id);
}

/** Accounts per organisation (null: no organisation): all, active, closed, and signed in since `activeSince`. */
export async function countAccountsByOrganisation(db: Db, activeSince: string) {
  const rows = await db
    .selectFrom('user_account')
    .select((eb) => [
      'organisation_id',
      eb.fn.countAll<number | string>().as('total'),
      eb.fn.sum<number | string | null>(eb.case().when('status', '=', 'active').then(1).else(0).end()).as('active'),
      eb.fn.sum<number | string | null>(eb.case().when('status', '=', 'closed').then(1).else(0).end()).as('closed'),
      eb.fn.sum<number | string | null>(eb.case().when('last_sign_in_at', '>=', activeSince).then(1).else(0).end()).as('recent'),
    ])
    .groupBy('organisation_id')
    .execute();
  // PostgreSQL returns counts and sums as strings (bigint); SQLite as numbers.
  return rows.map((r) => ({ organisationId: r.organisation_id, total: Number(r.total), active: Number(r.active ?? 0), closed: Number(r.closed ?? 0), recent: Number(r.recent ?? 0) }));
}
