import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../platform/db/database.js';
import type { CountyRow, RegionRow } from './organisation.table.js';

type Db = Kysely<Database> | Transaction<Database>;

/** One organisation's email domains, alphabetically. */
export async function listDomainRows(db: Db, organisationId: number): Promise<{ domain: string; created_at: string }[]> {
  return db
    .selectFrom('organisation_domain')
    .select(['domain', 'created_at'])
    .where('organisation_id', '=', organisationId)
    .orderBy('domain')
    .execute();
}

/** Who holds a domain, with the holder's name for messages. */
export async function findDomainHolder(db: Db, domain: string): Promise<{ organisation_id: number; name: string; ods_code: string } | undefined> {
  return db
    .selectFrom('organisation_domain')
    .innerJoin('organisation', 'organisation.id', 'organisation_domain.organisation_id')
    .select(['organisation_domain.organisation_id', 'organisation.name', 'organisation.ods_code'])
    .where('organisation_domain.domain', '=', domain)
    .executeTakeFirst();
}

export async function insertDomain(db: Db, row: { domain: string; organisation_id: number; created_at: string }): Promise<void> {
  await db.insertInto('organisation_domain').values(row).execute();
}

/** Deletes a domain from one organisation; returns whether there was one to delete. */
export async function deleteDomain(db: Db, organisationId: number, domain: string): Promise<boolean> {
  const result = await db
    .deleteFrom('organisation_domain')
    .where('organisation_id', '=', organisationId)
    .where('domain', '=', domain)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export async function listSharedDomainRows(db: Db): Promise<{ domain: string; note: string }[]> {
  return db.selectFrom('shared_email_domain').select(['domain', 'note']).orderBy('domain').execute();
}

export async function insertSharedDomain(db: Db, row: { domain: string; note: string }): Promise<void> {
  await db.insertInto('shared_email_domain').values(row).execute();
}

export async function deleteSharedDomain(db: Db, domain: string): Promise<boolean> {
  const result = await db.deleteFrom('shared_email_domain').where('domain', '=', domain).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export async function listRegionRows(db: Db): Promise<RegionRow[]> {
  return db.selectFrom('region').selectAll().orderBy('name').execute();
}

export async function listCountyRows(db: Db): Promise<CountyRow[]> {
  return db.selectFrom('county').selectAll().orderBy('name').execute();
}
