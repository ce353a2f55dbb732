import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../platform/db/database.js';
import { findOrganisationIdByDomain, findOrganisationRowById, isSharedDomain } from './organisation.repository.js';
import type { OrganisationRow, OrganisationType } from './organisation.table.js';

type Db = Kysely<Database> | Transaction<Database>;

/** An organisation as the rest of khub sees it. */
export interface Organisation {
  id: number;
  odsCode: string;
  name: string;
  type: OrganisationType;
  parentId: number | null;
  regionCode: string | null;
  countyId: number | null;
  address: string | null;
  postcode: string | null;
  openedOn: string | null;
  closedOn: string | null;
  accountExpiryMonths: number;
  staffWte: number | null;
  staffWtePeriod: string | null;
}

export function organisationRowToOrganisation(row: OrganisationRow): Organisation {
  return {
    id: row.id,
    odsCode: row.ods_code,
    name: row.name,
    type: row.type,
    parentId: row.parent_id,
    regionCode: row.region_code,
    countyId: row.county_id,
    address: row.address,
    postcode: row.postcode,
    openedOn: row.opened_on,
    closedOn: row.closed_on,
    accountExpiryMonths: row.account_expiry_months,
    staffWte: row.staff_wte,
    staffWtePeriod: row.staff_wte_period,
  };
}

export async function findOrganisationById(db: Db, id: number): Promise<Organisation | undefined> {
  const row = await findOrganisationRowById(db, id);
  return row ? organisationRowToOrganisation(row) : undefined;
}

/** The domain part of an email address, lower-cased. */
export function emailDomain(email: string): string {
  return email.trim().toLowerCase().split('@').pop() ?? '';
}

/**
 * True when the email's domain is registered to exactly this organisation. Shared domains (nhs.net,
 * personal mail) never prove membership of any one organisation.
 */
export async function emailProvesMembership(db: Db, email: string, organisationId: number): Promise<boolean> {
  const domain = emailDomain(email);
  if (!domain || (await isSharedDomain(db, domain))) return false;
  return (await findOrganisationIdByDomain(db, domain)) === organisationId;
}
