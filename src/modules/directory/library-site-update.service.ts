import type { FastifyRequest } from 'fastify';
import type { Kysely, Transaction } from 'kysely';
import { recordAudit } from '../../platform/audit/audit.js';
import { authorize } from '../../platform/auth/guards.js';
import type { CurrentUser } from '../../platform/auth/roles.js';
import type { Database } from '../../platform/db/database.js';
import { NotFoundError, ValidationError } from '../../platform/http/errors.js';
import { type County, listCounties } from '../organisations/index.js';
import { replaceSiteOpenings, updateServiceRow, updateSiteRow } from './library.repository.js';
import { type Library, type LibrarySite, getLibrary, locatePostcode } from './library.service.js';
import type { OpeningSpan } from './opening-hours.js';
import { canEditLibrary } from './policies.js';

/** What a site's managers may change; absent fields stay as they are. */
export interface SiteChanges {
  readonly name?: string;
  readonly address?: string | null;
  /** A full postcode, normalised (`OX3 9DU`); the site is located again from it when it changes. */
  readonly postcode?: string | null;
  /** A ceremonial county by id; the site's region follows the county's. */
  readonly countyId?: number | null;
  readonly openingHours?: readonly OpeningSpan[];
  readonly access247?: boolean;
  /** True when the site keeps its usual staffed hours on bank holidays (by default it is closed on them). */
  readonly staffedOnBankHolidays?: boolean;
  readonly bankHolidayNotes?: string | null;
}

export type SiteSnapshot = Pick<LibrarySite, 'name' | 'address' | 'postcode' | 'latitude' | 'longitude' | 'county' | 'regionCode' | 'staffedHours' | 'access247' | 'staffedOnBankHolidays' | 'bankHolidayNotes'>;

/** The fields of a site the audit log records before and after a change. */
export function siteSnapshot(site: LibrarySite): SiteSnapshot {
  const { name, address, postcode, latitude, longitude, county, regionCode, staffedHours, access247, staffedOnBankHolidays, bankHolidayNotes } = site;
  return { name, address, postcode, latitude, longitude, county, regionCode, staffedHours, access247, staffedOnBankHolidays, bankHolidayNotes };
}

/** The site of a service, or a 404 (a site of another service is not found here either). */
export function siteOf(library: Library, siteId: number): LibrarySite {
  const site = library.sites.find((s) => s.id === siteId);
  if (!site) throw new NotFoundError('library_site_not_found', `${library.name} has no site with id ${siteId}.`);
  return site;
}

/** The county chosen in the changes, checked against the list; a ValidationError on the `county` field when unknown. */
export async function countyOf(db: Kysely<Database>, changes: SiteChanges): Promise<County | undefined> {
  if (!changes.countyId) return undefined;
  const county = (await listCounties(db)).find((c) => c.id === changes.countyId);
  if (!county) throw new ValidationError([{ field: 'county', message: 'Select a county from the list' }]);
  return county;
}

/**
 * Writes the changes to a site's row and staffed spans inside the caller's transaction; `currentPostcode`
 * is what the site had, so that only a changed postcode locates the site again.
 */
export async function writeSiteChanges(trx: Transaction<Database>, siteId: number, changes: SiteChanges, context: { currentPostcode: string | null; county: County | undefined; now: Date }): Promise<void> {
  const update: Parameters<typeof updateSiteRow>[2] = { updated_at: context.now.toISOString() };
  if (changes.name !== undefined) update.name = changes.name;
  if (changes.address !== undefined) update.address = changes.address;
  if (changes.access247 !== undefined) update.access_24_7 = changes.access247 ? 1 : 0;
  if (changes.staffedOnBankHolidays !== undefined) update.staffed_on_bank_holidays = changes.staffedOnBankHolidays ? 1 : 0;
  if (changes.bankHolidayNotes !== undefined) update.bank_holiday_notes = changes.bankHolidayNotes;
  if (changes.countyId !== undefined) {
    update.county_id = changes.countyId;
    if (context.county) update.region_code = context.county.regionCode;
  }
  if (changes.postcode !== undefined && changes.postcode !== context.currentPostcode) {
    // A new postcode moves the site, even from coordinates given before: they described the old address.
    const located = changes.postcode ? await locatePostcode(trx, changes.postcode) : undefined;
    Object.assign(update, { postcode: changes.postcode, latitude: located?.latitude ?? null, longitude: located?.longitude ?? null, location_precision: located?.precision ?? null });
  }
  if (changes.openingHours !== undefined) {
    await replaceSiteOpenings(trx, siteId, changes.openingHours);
    update.staffed_hours = null;
  }
  await updateSiteRow(trx, siteId, update);
}

/**
 * Changes one site of a library service (its details, staffed hours, 24/7 access and bank-holiday note)
 * for someone allowed to change the service (403 otherwise), in one transaction with an audit event
 * holding the before and after values of each changed field.
 */
export async function updateLibrarySite(
  db: Kysely<Database>,
  user: CurrentUser,
  serviceId: number,
  siteId: number,
  changes: SiteChanges,
  options: { request?: FastifyRequest; now?: Date } = {},
): Promise<Library> {
  const now = options.now ?? new Date();
  const library = await getLibrary(db, serviceId, now);
  authorize(canEditLibrary(user, serviceId), 'Only this library service’s managers and librarians can change its sites.');
  const current = siteOf(library, siteId);
  const county = await countyOf(db, changes);

  return db.transaction().execute(async (trx) => {
    await writeSiteChanges(trx, siteId, changes, { currentPostcode: current.postcode, county, now });
    await updateServiceRow(trx, serviceId, { updated_at: now.toISOString() });
    const after = await getLibrary(trx, serviceId, now);
    const [was, is] = [siteSnapshot(current), siteSnapshot(siteOf(after, siteId))];
    const changed = (Object.keys(is) as (keyof SiteSnapshot)[]).filter((k) => JSON.stringify(is[k]) !== JSON.stringify(was[k]));
    const pick = (s: SiteSnapshot) => Object.fromEntries(changed.map((k) => [k, s[k]]));
    await recordAudit(trx, { actor: user, action: 'library_site.update', targetType: 'library_site', targetId: siteId, details: { serviceId, siteKey: current.key, before: pick(was), after: pick(is) }, request: options.request }, now);
    return after;
  });
}
