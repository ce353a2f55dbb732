import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../platform/db/database.js';
import type { OrganisationRow } from './organisation.table.js';

type Db = Kysely<Database> | Transaction<Database>;

export async function findOrganisationRowById(db: Db, id: number): Promise<OrganisationRow | undefined> {
  return db.selectFrom('organisation').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findOrganisationIdByDomain(db: Db, domain: string): Promise<number | undefined> {
  const row = await db.selectFrom('organisation_domain').select('organisation_id').where('domain', '=', domain).executeTakeFirst();
  return row?.organisation_id;
}

export async function isSharedDomain(db: Db, domain: string): Promise<boolean> {
  const row = await db.selectFrom('shared_email_domain').select('domain').where('domain', '=', domain).executeTakeFirst();
  return row !== undefined;
}
