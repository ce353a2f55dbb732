import { type Kysely, type Transaction, sql } from 'kysely';
import { findOrganisationByOdsCode, listCounties } from '../organisations/index.js';
import type { Database } from '../../platform/db/database.js';
import { AppError } from '../../platform/http/errors.js';
import { type LatLng, KM_PER_MILE, boundingBox, distanceKm, distanceOf, parsePostcode } from './geo.js';
import { type Library, loadLibraries, locatePostcode } from './library.service.js';

type Db = Kysely<Database> | Transaction<Database>;

/** What a directory search asks for. Every filter narrows; `near` orders by distance instead of name. */
export interface LibrarySearch {
  /** Words that must each appear in the name, description, collections or specialisms (any case). */
  readonly query?: string;
  readonly regionCode?: string;
  /** A ceremonial county's name, any case. */
  readonly county?: string;
  /** An organisation's ODS code: services that serve it. */
  readonly organisation?: string;
  /** A code from the list of services offered. */
  readonly serviceOffered?: string;
  /** A full postcode or a district (`OX3`): nearest first. */
  readonly near?: string;
  /** With `near`: only sites this many miles away or closer. */
  readonly radiusMiles?: number;
  readonly limit: number;
  readonly offset: number;
}

export interface FoundLibrary {
  readonly library: Library;
  /** With `near`: how far its nearest site is, and which site that is. */
  readonly distance?: { km: number; miles: number };
  readonly nearestSiteId?: number;
}

export interface LibrarySearchResult {
  readonly items: FoundLibrary[];
  readonly total: number;
  /** With `near`: where distances are measured from, and whether that is the postcode or its district. */
  readonly origin?: { postcode: string; latitude: number; longitude: number; precision: 'postcode' | 'district' };
}

/** A postcode that is not one (`postcode_invalid`) or is not in khub's data (`postcode_unknown`). */
export class PostcodeError extends AppError {
  constructor(code: 'postcode_invalid' | 'postcode_unknown', text: string) {
    super(400, code, code === 'postcode_invalid'
      ? `"${text}" is not a UK postcode or postcode district (for example OX3 9DU or OX3).`
      : `We have no location for ${text}: check it, or try its district (the part before the space).`,
      [{ field: 'near', message: code === 'postcode_invalid' ? 'is not a UK postcode or district' : 'is not in the postcode data' }]);
  }
}

const likeWord = (word: string) => `%${word.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
// Without a radius the search box grows from here until it holds enough libraries; past the last step it is the whole country.
const FIRST_RING_KM = 16;
const LAST_RING_KM = 1500;

interface Resolved { organisationId?: number | null; countyId?: number | null }

async function resolve(db: Db, search: LibrarySearch): Promise<Resolved> {
  const out: Resolved = {};
  if (search.organisation) out.organisationId = (await findOrganisationByOdsCode(db, search.organisation))?.id ?? null;
  if (search.county) out.countyId = (await listCounties(db)).find((c) => c.name.toLowerCase() === search.county?.trim().toLowerCase())?.id ?? null;
  return out;
}

/** The services that pass every filter except distance, as a query on `library_service as l`. */
function services(db: Db, search: LibrarySearch, resolved: Resolved) {
  let q = db.selectFrom('library_service as l');
  for (const word of (search.query ?? '').split(/\s+/).filter((w) => w !== '').slice(0, 10)) {
    const pattern = likeWord(word);
    q = q.where((eb) => eb.or(['l.name', 'l.description', 'l.collections', 'l.specialisms'].map((c) => sql<boolean>`lower(${sql.ref(c)}) like ${pattern} escape '\\'`)));
  }
  // An organisation or county that does not exist matches nothing, rather than being ignored.
  if (resolved.organisationId !== undefined) {
    const id = resolved.organisationId ?? -1;
    q = q.where((eb) => eb.exists(eb.selectFrom('library_service_organisation as lso').select('lso.service_id').whereRef('lso.service_id', '=', 'l.id').where('lso.organisation_id', '=', id)));
  }
  if (search.serviceOffered) {
    const code = search.serviceOffered;
    q = q.where((eb) => eb.exists(eb.selectFrom('library_service_offering as lo').select('lo.service_id').whereRef('lo.service_id', '=', 'l.id').where('lo.offering_code', '=', code)));
  }
  if (search.regionCode || resolved.countyId !== undefined) {
    q = q.where((eb) => eb.exists(siteArea(eb.selectFrom('library_site as a').select('a.id').whereRef('a.service_id', '=', 'l.id'), search, resolved, 'a')));
  }
  return q;
}

function siteArea<Q extends { where: (...args: never[]) => unknown }>(q: Q, search: LibrarySearch, resolved: Resolved, alias: 'a' | 's'): Q {
  let out = q as unknown as { where: (column: string, op: '=', value: string | number) => typeof out };
  if (search.regionCode) out = out.where(`${alias}.region_code`, '=', search.regionCode);
  if (resolved.countyId !== undefined) out = out.where(`${alias}.county_id`, '=', resolved.countyId ?? -1);
  return out as unknown as Q;
}

async function byName(db: Db, search: LibrarySearch, resolved: Resolved): Promise<LibrarySearchResult> {
  const rows = await services(db, search, resolved).select('l.id').orderBy('l.name').orderBy('l.id').limit(search.limit).offset(search.offset).execute();
  const { count } = await services(db, search, resolved).select((eb) => eb.fn.countAll<number | string>().as('count')).executeTakeFirstOrThrow();
  const libraries = await loadLibraries(db, rows.map((r) => r.id));
  return { items: libraries.map((library) => ({ library })), total: Number(count) };
}

type Nearest = { serviceId: number; siteId: number; km: number };

/** Each matching service's nearest located site within `km` of the origin (bounding box on the index, then exact haversine). */
async function nearestWithin(db: Db, origin: LatLng, km: number | undefined, search: LibrarySearch, resolved: Resolved): Promise<Nearest[]> {
  let q = db.selectFrom('library_site as s').select(['s.id', 's.service_id', 's.latitude', 's.longitude']).where('s.latitude', 'is not', null).where('s.longitude', 'is not', null);
  if (km !== undefined) {
    const box = boundingBox(origin, km);
    q = q.where('s.latitude', '>=', box.minLat).where('s.latitude', '<=', box.maxLat).where('s.longitude', '>=', box.minLng).where('s.longitude', '<=', box.maxLng);
  }
  q = siteArea(q, search, resolved, 's');
  q = q.where('s.service_id', 'in', services(db, search, resolved).select('l.id'));
  const best = new Map<number, Nearest>();
  for (const row of await q.execute()) {
    const d = distanceKm(origin, { latitude: row.latitude ?? 0, longitude: row.longitude ?? 0 });
    if (km !== undefined && d > km) continue;
    const current = best.get(row.service_id);
    if (!current || d < current.km || (d === current.km && row.id < current.siteId)) best.set(row.service_id, { serviceId: row.service_id, siteId: row.id, km: d });
  }
  // Distances are computed here, not in SQL, so both engines give exactly the same numbers and order.
  return [...best.values()].sort((a, b) => a.km - b.km || a.serviceId - b.serviceId);
}

async function byDistance(db: Db, search: LibrarySearch, resolved: Resolved, origin: LatLng): Promise<{ ranked: Nearest[]; total: number }> {
  if (search.radiusMiles !== undefined) {
    const ranked = await nearestWithin(db, origin, search.radiusMiles * KM_PER_MILE, search, resolved);
    return { ranked, total: ranked.length };
  }
  const needed = search.offset + search.limit;
  let ranked: Nearest[] = [];
  for (let km = FIRST_RING_KM; ; km *= 4) {
    ranked = await nearestWithin(db, origin, km > LAST_RING_KM ? undefined : km, search, resolved);
    if (ranked.length >= needed || km > LAST_RING_KM) break;
  }
  const { count } = await services(db, search, resolved)
    .where((eb) => eb.exists(siteArea(eb.selectFrom('library_site as a').select('a.id').whereRef('a.service_id', '=', 'l.id').where('a.latitude', 'is not', null), search, resolved, 'a')))
    .select((eb) => eb.fn.countAll<number | string>().as('count'))
    .executeTakeFirstOrThrow();
  return { ranked, total: Number(count) };
}

/**
 * Finds library services by words, region, county, organisation served and service offered, by name;
 * or, given `near` (a postcode or district), nearest first with each one's distance to its nearest site.
 * Throws `PostcodeError` for a postcode that is invalid or not in the data.
 */
export async function findLibraries(db: Db, search: LibrarySearch): Promise<LibrarySearchResult> {
  const resolved = await resolve(db, search);
  if (!search.near) return byName(db, search, resolved);
  const parsed = parsePostcode(search.near);
  if (parsed.kind === 'invalid') throw new PostcodeError('postcode_invalid', search.near);
  const origin = await locatePostcode(db, search.near);
  const label = parsed.kind === 'postcode' ? parsed.postcode : parsed.outcode;
  if (!origin) throw new PostcodeError('postcode_unknown', label);
  const { ranked, total } = await byDistance(db, search, resolved, origin);
  const page = ranked.slice(search.offset, search.offset + search.limit);
  const libraries = new Map((await loadLibraries(db, page.map((p) => p.serviceId))).map((l) => [l.id, l]));
  const items = page.flatMap((p) => {
    const library = libraries.get(p.serviceId);
    return library ? [{ library, distance: distanceOf(p.km), nearestSiteId: p.siteId }] : [];
  });
  return { items, total, origin: { postcode: label, latitude: origin.latitude, longitude: origin.longitude, precision: origin.precision } };
}
