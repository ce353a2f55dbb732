import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/database.js';
import { LIBRARY_CSV_COLUMNS, type LibraryCsvColumn, csvCell } from './library-csv.js';
import { listAllServiceIds } from './library.repository.js';
import { type Library, type LibrarySite, loadLibraries } from './library.service.js';

// Services are loaded this many at a time, so a large directory is never all in memory.
const PAGE = 200;

function serviceCells(library: Library): Record<string, string | null> {
  return {
    service_key: library.key,
    service_name: library.name,
    description: library.description,
    organisations: library.organisations.map((o) => o.odsCode).join(';'),
    services_offered: library.servicesOffered.map((o) => o.code).join(';'),
    who_may_use: library.whoMayUse,
    collections: library.collections,
    specialisms: library.specialisms,
    interlending_network: library.interlendingNetwork,
    website: library.website,
    contacts: library.contacts.map((c) => [c.role, c.email ?? '', c.phone ?? ''].join('|')).join(';'),
    last_verified_on: library.lastVerifiedOn,
    last_verified_by: library.lastVerifiedBy,
  };
}

function siteCells(site: LibrarySite | undefined): Record<string, string | number | null> {
  if (!site) return {};
  // Coordinates go out only when they were given: positions found from a postcode are found again on import.
  const given = site.locationPrecision === 'given';
  return {
    site_key: site.key,
    site_name: site.name,
    address: site.address,
    postcode: site.postcode,
    county: site.county,
    region: site.regionCode,
    staffed_hours: site.staffedHours,
    access_24_7: site.access247 ? 'yes' : 'no',
    bank_holiday_notes: site.bankHolidayNotes,
    latitude: given ? site.latitude : null,
    longitude: given ? site.longitude : null,
  };
}

function line(cells: Record<string, string | number | null>): string {
  return `${LIBRARY_CSV_COLUMNS.map((c: LibraryCsvColumn) => csvCell(cells[c] ?? null)).join(',')}\r\n`;
}

/**
 * The whole directory in the import layout (one row per site; a service with no sites gets one row),
 * as text chunks: the header, then one chunk per service. Importing the result changes nothing.
 */
export async function* exportLibrariesCsv(db: Kysely<Database>, onService?: (done: number, total: number) => void): AsyncGenerator<string> {
  yield line(Object.fromEntries(LIBRARY_CSV_COLUMNS.map((c) => [c, c])));
  const ids = await listAllServiceIds(db);
  for (let i = 0; i < ids.length; i += PAGE) {
    const libraries = await loadLibraries(db, ids.slice(i, i + PAGE));
    for (const [j, library] of libraries.entries()) {
      const service = serviceCells(library);
      const sites = library.sites.length > 0 ? library.sites : [undefined];
      yield sites.map((site) => line({ ...service, ...siteCells(site) })).join('');
      onService?.(i + j + 1, ids.length);
    }
  }
}
