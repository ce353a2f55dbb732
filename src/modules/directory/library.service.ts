import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../platform/db/database.js';
import { NotFoundError } from '../../platform/http/errors.js';
import { findOrganisationsByIds, listCounties } from '../organisations/index.js';
import type { LocationPrecision } from './directory.table.js';
import { type LatLng, parsePostcode } from './geo.js';
import { type OpeningSpan, type Weekday, formatOpeningHours, parseOpeningHours } from './opening-hours.js';
import { findDistrictLocation, findPostcodeLocation, findServiceRowById, listLibraryParts, listServiceIdsServing, listServiceOfferedRows } from './library.repository.js';

type Db = Kysely<Database> | Transaction<Database>;

/** Entries not confirmed for longer than this are flagged for their managers to check. */
export const VERIFY_EVERY_MONTHS = 12;

export interface LibrarySite {
  id: number;
  key: string;
  name: string;
  address: string | null;
  postcode: string | null;
  latitude: number | null;
  longitude: number | null;
  /** How the position was found: the full postcode, its district's centre, or given coordinates. */
  locationPrecision: LocationPrecision | null;
  county: string | null;
  regionCode: string | null;
  /** Staffed spans per weekday, in UK local time. */
  openingHours: OpeningSpan[];
  /** The hours in the compact syntax (`Mon-Fri 08:30-17:00`); or, for text khub could not read, as it was written. */
  staffedHours: string | null;
  access247: boolean;
  /** True when the site keeps its usual staffed hours on bank holidays; by default it is closed on them. */
  staffedOnBankHolidays: boolean;
  bankHolidayNotes: string | null;
}

/** A library service as the rest of khub and the API see it. */
export interface Library {
  id: number;
  key: string;
  name: string;
  description: string | null;
  whoMayUse: string | null;
  collections: string | null;
  specialisms: string | null;
  interlendingNetwork: string | null;
  website: string | null;
  lastVerifiedOn: string | null;
  lastVerifiedBy: string | null;
  /** True when never verified, or not for over 12 months. */
  needsVerification: boolean;
  organisations: { odsCode: string; name: string }[];
  servicesOffered: { code: string; label: string }[];
  contacts: { role: string; email: string | null; phone: string | null }[];
  sites: LibrarySite[];
}

/** The date (YYYY-MM-DD) before which a verification counts as out of date. */
export function verificationCutoff(now: Date): string {
  const cutoff = new Date(now);
  cutoff.setUTCMonth(cutoff.getUTCMonth() - VERIFY_EVERY_MONTHS);
  return cutoff.toISOString().slice(0, 10);
}

function group<K extends string, T extends Record<K, number>>(rows: readonly T[], key: K): Map<number, T[]> {
  const map = new Map<number, T[]>();
  for (const row of rows) map.set(row[key], [...(map.get(row[key]) ?? []), row]);
  return map;
}

/**
 * A site's hours: its stored spans; for a site not saved since hours became spans, its text read as
 * spans where that works (the text itself is kept and shown when it does not).
 */
function siteHours(spans: readonly { weekday: number; opens: string; closes: string }[], text: string | null): { openingHours: OpeningSpan[]; staffedHours: string | null } {
  const stored = spans.map((s) => ({ weekday: s.weekday as Weekday, opens: s.opens, closes: s.closes }));
  if (stored.length > 0 || text === null) return { openingHours: stored, staffedHours: stored.length > 0 ? formatOpeningHours(stored) : null };
  const parsed = parseOpeningHours(text);
  return parsed.ok ? { openingHours: parsed.spans, staffedHours: formatOpeningHours(parsed.spans) || null } : { openingHours: [], staffedHours: text };
}

/** Full entries for these services, in the order of `ids` (unknown ids are left out). */
export async function loadLibraries(db: Db, ids: readonly number[], now = new Date()): Promise<Library[]> {
  const parts = await listLibraryParts(db, ids);
  const [orgs, offers, contacts, sites] = [group(parts.organisations, 'service_id'), group(parts.offerings, 'service_id'), group(parts.contacts, 'service_id'), group(parts.sites, 'service_id')];
  const openings = group(parts.openings, 'site_id');
  const organisationById = await findOrganisationsByIds(db, parts.organisations.map((o) => o.organisation_id));
  const countyName = new Map((await listCounties(db)).map((c) => [c.id, c.name]));
  const cutoff = verificationCutoff(now);
  const byId = new Map(parts.services.map((s) => [s.id, s]));
  return ids.flatMap((id) => {
    const s = byId.get(id);
    if (!s) return [];
    return [{
      id: s.id,
      key: s.service_key,
      name: s.name,
      description: s.description,
      whoMayUse: s.who_may_use,
      collections: s.collections,
      specialisms: s.specialisms,
      interlendingNetwork: s.interlending_network,
      website: s.website,
      lastVerifiedOn: s.last_verified_on,
      lastVerifiedBy: s.last_verified_by,
      needsVerification: s.last_verified_on === null || s.last_verified_on < cutoff,
      organisations: (orgs.get(id) ?? [])
        .flatMap((o) => {
          const organisation = organisationById.get(o.organisation_id);
          return organisation ? [{ odsCode: organisation.odsCode, name: organisation.name }] : [];
        })
        .sort((a, b) => (a.odsCode < b.odsCode ? -1 : a.odsCode > b.odsCode ? 1 : 0)),
      servicesOffered: (offers.get(id) ?? []).map((o) => ({ code: o.code, label: o.label })),
      contacts: (contacts.get(id) ?? []).map((c) => ({ role: c.role, email: c.email, phone: c.phone })),
      sites: (sites.get(id) ?? []).map((r) => ({
        id: r.id,
        key: r.site_key,
        name: r.name,
        address: r.address,
        postcode: r.postcode,
        latitude: r.latitude,
        longitude: r.longitude,
        locationPrecision: r.location_precision,
        county: r.county_id === null ? null : countyName.get(r.county_id) ?? null,
        regionCode: r.region_code,
        ...siteHours(openings.get(r.id) ?? [], r.staffed_hours),
        access247: r.access_24_7 === 1,
        staffedOnBankHolidays: r.staffed_on_bank_holidays === 1,
        bankHolidayNotes: r.bank_holiday_notes,
      })),
    }];
  });
}

/** One entry, or a 404 (`library_not_found`). */
export async function getLibrary(db: Db, id: number, now = new Date()): Promise<Library> {
  const [library] = await loadLibraries(db, [id], now);
  if (!library) throw new NotFoundError('library_not_found', `There is no library service with id ${id}.`);
  return library;
}

export async function libraryExists(db: Db, id: number): Promise<boolean> {
  return (await findServiceRowById(db, id)) !== undefined;
}

/** Ids of services never verified or not verified for over 12 months, by name: for reminders. */
export async function listServicesNeedingVerification(db: Db, now = new Date()): Promise<number[]> {
  const rows = await db
    .selectFrom('library_service')
    .select('id')
    .where((eb) => eb.or([eb('last_verified_on', 'is', null), eb('last_verified_on', '<', verificationCutoff(now))]))
    .orderBy('name')
    .orderBy('id')
    .execute();
  return rows.map((r) => r.id);
}

/** The controlled list of services a library may offer, in display order; retired ones are kept on entries that had them. */
export async function listServicesOffered(db: Db): Promise<{ code: string; label: string; retired: boolean }[]> {
  return (await listServiceOfferedRows(db)).map((r) => ({ code: r.code, label: r.label, retired: r.retired_at !== null }));
}

/**
 * Where a postcode is: its own position when the full postcode is known, else its district's centre.
 * Undefined when neither is in the data (or the text is no postcode).
 */
export async function locatePostcode(db: Db, text: string): Promise<(LatLng & { precision: 'postcode' | 'district' }) | undefined> {
  const parsed = parsePostcode(text);
  if (parsed.kind === 'invalid') return undefined;
  if (parsed.kind === 'postcode') {
    const exact = await findPostcodeLocation(db, parsed.postcode);
    if (exact) return { ...exact, precision: 'postcode' };
  }
  const district = await findDistrictLocation(db, parsed.outcode);
  return district ? { ...district, precision: 'district' } : undefined;
}

/** The services that serve an organisation, by name, as other modules' pages list them. */
export async function listLibrariesServing(db: Db, organisationId: number): Promise<{ id: number; name: string; href: string; sites: string[] }[]> {
  const libraries = await loadLibraries(db, await listServiceIdsServing(db, organisationId));
  return libraries.map((l) => ({ id: l.id, name: l.name, href: `/libraries/${l.id}`, sites: l.sites.map((s) => s.name) }));
}
