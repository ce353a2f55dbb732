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
  if (ids.length === 0) return { services: [], organisations: [], offerings: [], contacts: [], sites: [], openings: [] };
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
  const openings = await chunked(ids, (part) =>
    db
      .selectFrom('library_site_opening as o')
      .innerJoin('library_site as s', 's.id', 'o.site_id')
      .select(['o.site_id', 'o.weekday', 'o.opens', 'o.closes'])
      .where('s.service_id', 'in', part)
      .orderBy('o.site_id')
      .orderBy('o.weekday')
      .orderBy('o.opens')
      .execute(),
  );
  return { services, organisations, offerings, contacts, sites, openings };
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

export async function addServiceOrganisation(db: Db, serviceId: number, organisationId: number): Promise<void> {
  await db.insertInto('library_service_organisation').values({ service_id: serviceId, organisation_id: organisationId }).execute();
}

export async function removeServiceOrganisation(db: Db, serviceId: number, organisationId: number): Promise<void> {
  await db.deleteFrom('library_service_organisation').where('service_id', '=', serviceId).where('organisation_id', '=', organisationId).execute();
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

/** Replaces a site's staffed spans. */
export async function replaceSiteOpenings(db: Db, siteId: number, spans: readonly { weekday: number; opens: string; closes: string }[]): Promise<void> {
  await db.deleteFrom('library_site_opening').where('site_id', '=', siteId).execute();
  if (spans.length === 0) return;
  await db.insertInto('library_site_opening').values(spans.map((s) => ({ site_id: siteId, weekday: s.weekday, opens: s.opens, closes: s.closes }))).execute();
}

/** The controlled list of services offered (retired ones too), in display order. */
export async function listServiceOfferedRows(db: Db) {
  return db.selectFrom('service_offered').selectAll().orderBy('sort_order').orderBy('code').execute();
}

export async function findPostcodeLocation(db: Db, postcode: string) {
  return db.selectFrom('postcode_location').select(['latitude', 'longitude']).where('postcode', '=', postcode).executeTakeFirst();
}

export async function findDistrictLocation(db: Db, outcode: string) {
  return db.selectFrom('postcode_district').select(['latitude', 'longitude']).where('outcode', '=', outcode).executeTakeFirst();
}

/** The organisations at least one service serves: the finder offers only these. */
export async function listServedOrganisationIds(db: Db): Promise<number[]> {
  return (await db.selectFrom('library_service_organisation').select('organisation_id').distinct().execute()).map((r) => r.organisation_id);
}

/** The services that serve an organisation, by name. */
export async function listServiceIdsServing(db: Db, organisationId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('library_service as l')
    .innerJoin('library_service_organisation as lso', 'lso.service_id', 'l.id')
    .select('l.id')
    .where('lso.organisation_id', '=', organisationId)
    .orderBy('l.name')
    .orderBy('l.id')
    .execute();
  return rows.map((r) => r.id);
}

/** Services due a verification reminder: not verified since `cutoff` (or never) and not reminded since then either. */
export async function listServiceIdsDueReminder(db: Db, cutoff: string): Promise<number[]> {
  const rows = await db
    .selectFrom('library_service')
    .select('id')
    .where((eb) => eb.or([eb('last_verified_on', 'is', null), eb('last_verified_on', '<', cutoff)]))
    .where((eb) => eb.or([eb('verification_reminded_on', 'is', null), eb('verification_reminded_on', '<', cutoff)]))
    .orderBy('id')
    .execute();
  return rows.map((r) => r.id);
}

/**
 * Records today's reminder if none has been sent since `cutoff`; false when another run got there first,
 * so two workers never remind twice.
 */
export async function markVerificationReminded(db: Db, id: number, today: string, cutoff: string): Promise<boolean> {
  const result = await db
    .updateTable('library_service')
    .set({ verification_reminded_on: today })
    .where('id', '=', id)
    .where((eb) => eb.or([eb('verification_reminded_on', 'is', null), eb('verification_reminded_on', '<', cutoff)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** When each service was last sent a verification reminder. */
export async function listRemindedOn(db: Db, ids: readonly number[]): Promise<Map<number, string | null>> {
  const rows = await chunked(ids, (part) => db.selectFrom('library_service').select(['id', 'verification_reminded_on']).where('id', 'in', part).execute());
  return new Map(rows.map((r) => [r.id, r.verification_reminded_on]));
}
