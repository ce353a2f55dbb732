import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../../platform/db/database.js';
import type { NewOrganisationRow, OrganisationRow, OrganisationType, OrganisationUpdate } from './organisation.table.js';

type Db = Kysely<Database> | Transaction<Database>;

/** Which organisations a search may return: every one, or those in some regions or with some ids. */
export type OrganisationScope = { all: true } | { all: false; regionCodes: readonly string[]; organisationIds: readonly number[] };

export interface OrganisationFilter {
  /** Part of the name (any case) or the whole ODS code. */
  readonly query?: string;
  readonly regionCode?: string;
  readonly type?: OrganisationType;
  readonly scope?: OrganisationScope;
  /** Leave out organisations with a closing date. */
  readonly openOnly?: boolean;
}

export async function findOrganisationRowById(db: Db, id: number): Promise<OrganisationRow | undefined> {
  return db.selectFrom('organisation').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findOrganisationRowByOdsCode(db: Db, odsCode: string): Promise<OrganisationRow | undefined> {
  return db.selectFrom('organisation').selectAll().where('ods_code', '=', odsCode).executeTakeFirst();
}

/** Organisations by ODS code or by id, in chunks that stay under both engines' parameter limits. */
export async function listOrganisationRowsWhere(db: Db, column: 'ods_code' | 'id', values: readonly (string | number)[]): Promise<OrganisationRow[]> {
  const rows: OrganisationRow[] = [];
  const unique = [...new Set(values)];
  for (let i = 0; i < unique.length; i += 900) {
    const part = unique.slice(i, i + 900);
    rows.push(...(await (column === 'id' ? db.selectFrom('organisation').selectAll().where('id', 'in', part as number[]) : db.selectFrom('organisation').selectAll().where('ods_code', 'in', part as string[])).execute()));
  }
  return rows;
}

export async function findOrganisationIdByDomain(db: Db, domain: string): Promise<number | undefined> {
  const row = await db.selectFrom('organisation_domain').select('organisation_id').where('domain', '=', domain).executeTakeFirst();
  return row?.organisation_id;
}

export async function isSharedDomain(db: Db, domain: string): Promise<boolean> {
  const row = await db.selectFrom('shared_email_domain').select('domain').where('domain', '=', domain).executeTakeFirst();
  return row !== undefined;
}

/** Escapes LIKE's wildcards so a search for `50%` or `st_` means those characters. */
function likePattern(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function filtered(db: Db, filter: OrganisationFilter) {
  let query = db.selectFrom('organisation');
  const text = filter.query?.trim();
  if (text) {
    query = query.where((eb) =>
      eb.or([eb('ods_code', '=', text.toUpperCase()), sql<boolean>`lower(name) like ${likePattern(text)} escape '\\'`]),
    );
  }
  if (filter.regionCode) query = query.where('region_code', '=', filter.regionCode);
  if (filter.type) query = query.where('type', '=', filter.type);
  if (filter.openOnly) query = query.where('closed_on', 'is', null);
  const scope = filter.scope;
  if (scope && !scope.all) {
    // An empty IN list is invalid SQL, so each half of the scope is added only when it has members.
    query = query.where((eb) =>
      eb.or([
        ...(scope.regionCodes.length > 0 ? [eb('region_code', 'in', [...scope.regionCodes])] : []),
        ...(scope.organisationIds.length > 0 ? [eb('id', 'in', [...scope.organisationIds])] : []),
        ...(scope.regionCodes.length === 0 && scope.organisationIds.length === 0 ? [sql<boolean>`1 = 0`] : []),
      ]),
    );
  }
  return query;
}

/** One page of organisations matching the filter, by name, and how many match in all. */
export async function searchOrganisationRows(
  db: Db,
  filter: OrganisationFilter,
  page: { limit: number; offset: number },
): Promise<{ rows: OrganisationRow[]; total: number }> {
  const rows = await filtered(db, filter).selectAll().orderBy('name').orderBy('id').limit(page.limit).offset(page.offset).execute();
  const { count } = await filtered(db, filter).select((eb) => eb.fn.countAll<number | string>().as('count')).executeTakeFirstOrThrow();
  // PostgreSQL returns count(*) as a bigint string; SQLite as a number.
  return { rows, total: Number(count) };
}

/** Id, name and ODS code of every open organisation, by name: small enough for a page's autocomplete. */
export async function listOpenOrganisationOptions(db: Db): Promise<{ id: number; name: string; ods_code: string }[]> {
  return db.selectFrom('organisation').select(['id', 'name', 'ods_code']).where('closed_on', 'is', null).orderBy('name').orderBy('id').execute();
}

/** Existing rows for a batch of ODS codes (the importer's look-up before it writes). */
export async function listOrganisationRowsByOdsCodes(db: Db, odsCodes: readonly string[]): Promise<OrganisationRow[]> {
  if (odsCodes.length === 0) return [];
  return db.selectFrom('organisation').selectAll().where('ods_code', 'in', [...odsCodes]).execute();
}

export async function insertOrganisation(db: Db, row: NewOrganisationRow): Promise<number> {
  const { id } = await db.insertInto('organisation').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function updateOrganisationRow(db: Db, id: number, update: OrganisationUpdate): Promise<void> {
  await db.updateTable('organisation').set(update).where('id', '=', id).execute();
}

/** Id → ODS code and name, for showing parents without one query per row. */
export async function listOrganisationNamesByIds(db: Db, ids: readonly number[]): Promise<{ id: number; ods_code: string; name: string }[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('organisation').select(['id', 'ods_code', 'name']).where('id', 'in', [...ids]).execute();
}

/** True for a unique-constraint violation on either engine (SQLite's code, or PostgreSQL's SQLSTATE 23505). */
export function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== 'object' || error === null || !('code' in error)) return false;
  const code = String(error.code);
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}
