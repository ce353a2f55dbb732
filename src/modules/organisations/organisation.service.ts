import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../platform/db/database.js';
import { NotFoundError } from '../../platform/http/errors.js';
import { listCountyRows, listRegionRows } from './organisation-domain.repository.js';
import {
  type OrganisationScope,
  findOrganisationIdByDomain,
  findOrganisationRowById,
  findOrganisationRowByOdsCode,
  listOrganisationRowsWhere,
  isSharedDomain,
  listOpenOrganisationOptions,
  searchOrganisationRows,
} from './organisation.repository.js';
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

/** An NHS England region, by its ODS national grouping code. */
export interface Region {
  code: string;
  name: string;
}

/** A ceremonial county of England and the NHS region that serves most of it. */
export interface County {
  id: number;
  name: string;
  regionCode: string;
}

/** What a search asks for: the text, filters and one page of results. */
export interface OrganisationSearch {
  /** Part of the name (any case) or a whole ODS code. */
  readonly query?: string;
  readonly regionCode?: string;
  readonly type?: OrganisationType;
  /** Page size; at most 100. */
  readonly limit: number;
  readonly offset: number;
  /** Limit results to what the person may see (the admin list); omit for everything. */
  readonly scope?: OrganisationScope;
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

/** The organisation with this id, or undefined. */
export async function findOrganisationById(db: Db, id: number): Promise<Organisation | undefined> {
  const row = await findOrganisationRowById(db, id);
  return row ? organisationRowToOrganisation(row) : undefined;
}

/** The organisation with this id, or a 404 (`organisation_not_found`). */
export async function getOrganisationById(db: Db, id: number): Promise<Organisation> {
  const organisation = await findOrganisationById(db, id);
  if (!organisation) throw new NotFoundError('organisation_not_found', 'There is no organisation with that id.');
  return organisation;
}

/** The organisation with this ODS code (any case: `rth` finds RTH), or undefined. */
export async function findOrganisationByOdsCode(db: Db, odsCode: string): Promise<Organisation | undefined> {
  const row = await findOrganisationRowByOdsCode(db, odsCode.trim().toUpperCase());
  return row ? organisationRowToOrganisation(row) : undefined;
}

/**
 * One page of organisations whose name contains the query or whose ODS code is the query, filtered by
 * region and type, sorted by name, with the total number that match.
 */
export async function searchOrganisations(db: Db, search: OrganisationSearch): Promise<{ organisations: Organisation[]; total: number }> {
  const limit = Math.min(Math.max(Math.trunc(search.limit), 1), 100);
  const offset = Math.max(Math.trunc(search.offset), 0);
  const { rows, total } = await searchOrganisationRows(db, search, { limit, offset });
  return { organisations: rows.map(organisationRowToOrganisation), total };
}

/** Id, name and ODS code of every open organisation, sorted by name (for a registration autocomplete). */
export async function listOrganisationsForSelect(db: Db): Promise<{ id: number; name: string; odsCode: string }[]> {
  return (await listOpenOrganisationOptions(db)).map((row) => ({ id: row.id, name: row.name, odsCode: row.ods_code }));
}

/** The seven NHS England regions, by name. */
export async function listRegions(db: Db): Promise<Region[]> {
  return listRegionRows(db);
}

/** The ceremonial counties of England with their regions, by name. */
/** Organisations with these ODS codes (any case), keyed by upper-case code; codes not found are absent. */
export async function findOrganisationsByOdsCodes(db: Db, odsCodes: readonly string[]): Promise<Map<string, Organisation>> {
  const rows = await listOrganisationRowsWhere(db, 'ods_code', odsCodes.map((code) => code.trim().toUpperCase()));
  return new Map(rows.map((row) => [row.ods_code, organisationRowToOrganisation(row)]));
}

/** Organisations with these ids, keyed by id; ids not found are absent. */
export async function findOrganisationsByIds(db: Db, ids: readonly number[]): Promise<Map<number, Organisation>> {
  const rows = await listOrganisationRowsWhere(db, 'id', ids);
  return new Map(rows.map((row) => [row.id, organisationRowToOrganisation(row)]));
}

export async function listCounties(db: Db): Promise<County[]> {
  return (await listCountyRows(db)).map((row) => ({ id: row.id, name: row.name, regionCode: row.region_code }));
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
