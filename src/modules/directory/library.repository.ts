import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../platform/db/database.js';
import type { LibraryContactRow, LibraryServiceRow, LibrarySiteRow, NewLibraryServiceRow, NewLibrarySiteRow } from './directory.table.js';

type Db = Kysely<Database> | Transaction<Database>;

// Statements bind at most this many ids, well inside both engines' parameter limits.
const CHUNK = 500;

async function chunked<T>(ids: readonly number[], query: (part: number[]) => Promise<T[]>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < ids.length; i += CHUNK) out.push(...(await query(ids.slice(i, i + CHUNK))));
  return out;
}

export type SiteWithArea = LibrarySiteRow;

/** Everything stored about some services, in one query per table. */
export async function listLibraryParts(db: Db, ids: readonly number[]) {
  if (ids.length === 0) return { services: [], organisations: [], offerings: [], contacts: [], sites: [] };
  const services = await chunked(ids, (part) => db.selectFrom('library_service').selectAll().where('id', 'in', part).execute());
  // Organisation ids only: their codes and names come from the organisations module, which owns them.
  const organisations = await chunked(ids, (part) =>
    db.selectFrom('library_service_organisation').select(['service_id', 'organisation_id']).where('service_id', 'in', part).execute(),
  );
  const offerings = await chunked(ids, (part) =>
    db
      .selectFrom('library_service_offering as lo')
      .innerJoin('service_offered as so', 'so.code', 'lo.offering_code')
      .select(['lo.service_id', 'so.code', 'so.label'])
      .where('lo.service_id', 'in', part)
      .orderBy('so.sort_order')
      .execute(),
  );
  const contacts: LibraryContactRow[] = await chunked(ids, (part) => db.selectFrom('library_contact').selectAll().where('service_id', 'in', part).orderBy('position').execute());
  const sites: SiteWithArea[] = await chunked(ids, (part) =>
    db
      .selectFrom('library_site')
      .selectAll()
      .where('service_id', 'in', part)
      .orderBy('name')
      .orderBy('id')
      .execute(),
  );
  return { services, organisations, offerings, contacts, sites };
}

export async function findServiceRowByKey(db: Db, key: string): Promise<LibraryServiceRow | undefined> {
  return db.selectFrom('library_service').selectAll().where('service_key', '=', key).executeTakeFirst();
}

export async function findServiceRowById(db: Db, id: number): Promise<LibraryServiceRow | undefined> {
  return db.selectFrom('library_service').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Every service id, by name: the export's order. */
export async function listAllServiceIds(db: Db): Promise<number[]> {
  return (await db.selectFrom('library_service').select('id').orderBy('name').orderBy('id').execute()).map((r) => r.id);
}

export async function insertServiceRow(db: Db, row: NewLibraryServiceRow): Promise<number> {
  return (await db.insertInto('library_service').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updateServiceRow(db: Db, id: number, update: Partial<Omit<NewLibraryServiceRow, 'id' | 'created_at'>>): Promise<void> {
  await db.updateTable('library_service').set(update).where('id', '=', id).execute();
}

/** Replaces which organisations a service serves. */
export async function replaceServiceOrganisations(db: Db, serviceId: number, organisationIds: readonly number[]): Promise<void> {
  await db.deleteFrom('library_service_organisation').where('service_id', '=', serviceId).execute();
  if (organisationIds.length === 0) return;
  await db.insertInto('library_service_organisation').values([...new Set(organisationIds)].map((organisation_id) => ({ service_id: serviceId, organisation_id }))).execute();
}

/** Replaces what a service offers (codes from the controlled list). */
export async function replaceServiceOfferings(db: Db, serviceId: number, codes: readonly string[]): Promise<void> {
  await db.deleteFrom('library_service_offering').where('service_id', '=', serviceId).execute();
  if (codes.length === 0) return;
  await db.insertInto('library_service_offering').values([...new Set(codes)].map((offering_code) => ({ service_id: serviceId, offering_code }))).execute();
}

export async function replaceServiceContacts(db: Db, serviceId: number, contacts: readonly { role: string; email: string | null; phone: string | null }[]): Promise<void> {
  await db.deleteFrom('library_contact').where('service_id', '=', serviceId).execute();
  if (contacts.length === 0) return;
  await db.insertInto('library_contact').values(contacts.map((c, i) => ({ service_id: serviceId, position: i + 1, role: c.role, email: c.email, phone: c.phone }))).execute();
}

export async function listSiteRowsForService(db: Db, serviceId: number): Promise<LibrarySiteRow[]> {
  return db.selectFrom('library_site').selectAll().where('service_id', '=', serviceId).execute();
}

export async function insertSiteRow(db: Db, row: NewLibrarySiteRow): Promise<number> {
  return (await db.insertInto('library_site').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updateSiteRow(db: Db, id: number, update: Partial<Omit<NewLibrarySiteRow, 'id' | 'service_id' | 'site_key' | 'created_at'>>): Promise<void> {
  await db.updateTable('library_site').set(update).where('id', '=', id).execute();
}

export async function deleteSiteRows(db: Db, ids: readonly number[]): Promise<void> {
  if (ids.length > 0) await db.deleteFrom('library_site').where('id', 'in', [...ids]).execute();
}

/** The controlled list of services offered, in display order. */
export async function listServiceOfferedRows(db: Db) {
  return db.selectFrom('service_offered').selectAll().orderBy('sort_order').execute();
}

export async function findPostcodeLocation(db: Db, postcode: string) {
  return db.selectFrom('postcode_location').select(['latitude', 'longitude']).where('postcode', '=', postcode).executeTakeFirst();
}

export async function findDistrictLocation(db: Db, outcode: string) {
  return db.selectFrom('postcode_district').select(['latitude', 'longitude']).where('outcode', '=', outcode).executeTakeFirst();
}
