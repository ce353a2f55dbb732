import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../platform/db/database.js';
import { type Organisation, findOrganisationById, searchOrganisations } from '../organisations/index.js';

type Db = Kysely<Database> | Transaction<Database>;

/** The largest page the organisations module hands out. */
const PAGE = 100;

/** Organisations by id, each looked up once (for tables that show many accounts' organisations). */
export async function organisationsByIds(db: Db, ids: Iterable<number | null>): Promise<Map<number, Organisation>> {
  const found = new Map<number, Organisation>();
  for (const id of new Set(ids)) {
    if (id === null || found.has(id)) continue;
    const organisation = await findOrganisationById(db, id);
    if (organisation) found.set(id, organisation);
  }
  return found;
}

/** Every organisation in these NHS regions (for a regional lead's scope), page by page. */
export async function organisationsInRegions(db: Db, regionCodes: readonly string[]): Promise<Organisation[]> {
  const all: Organisation[] = [];
  for (const regionCode of new Set(regionCodes)) {
    for (let offset = 0; ; offset += PAGE) {
      const { organisations, total } = await searchOrganisations(db, { regionCode, limit: PAGE, offset });
      all.push(...organisations);
      if (offset + PAGE >= total || organisations.length === 0) break;
    }
  }
  return all;
}

/** How an organisation is named in tables and exports: its name and ODS code. */
export function describeOrganisation(organisation: Organisation | undefined): string {
  return organisation ? `${organisation.name} (${organisation.odsCode})` : 'No organisation';
}
