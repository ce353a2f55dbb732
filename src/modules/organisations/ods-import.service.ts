import { basename } from 'node:path';
import type { Kysely, Transaction } from 'kysely';
import { type AuditActor, recordAudit } from '../../platform/audit/audit.js';
import type { Database } from '../../platform/db/database.js';
import { type OdsFileContents, type RejectedLine, readOdsFile } from './ods-file.reader.js';
import { type OdsOrganisationRecord, countyKey } from './ods-row.parser.js';
import { listCountyRows, listRegionRows } from './organisation-domain.repository.js';
import { odsNameToTitleCase } from './organisation-name.js';
import { insertOrganisation, listOrganisationRowsByOdsCodes, updateOrganisationRow } from './organisation.repository.js';
import type { OrganisationRow, OrganisationType } from './organisation.table.js';

/** Where an import has got to: reading the file (bytes), then writing organisations (rows). */
export type ImportProgress = { readonly phase: 'read' | 'write'; readonly done: number; readonly total: number };

export interface OdsImportOptions {
  /** Type for new organisations (default NHS trust). Given explicitly, it also re-types existing ones. */
  readonly type?: OrganisationType;
  readonly onProgress?: (progress: ImportProgress) => void;
  /** Recorded as the actor in the audit log (default `cli`). */
  readonly actor?: AuditActor;
  readonly now?: Date;
}

/** What an import did, for the closing summary. */
export interface OdsImportSummary {
  readonly file: string;
  readonly added: number;
  readonly updated: number;
  readonly unchanged: number;
  /** 5-character site codes skipped: not organisations, and not errors. */
  readonly sites: number;
  readonly rejected: readonly RejectedLine[];
  /** National grouping codes that are not one of today's regions (e.g. Y54 before 2020), with counts. */
  readonly unknownRegions: Readonly<Record<string, number>>;
  /** County texts that match no county, with counts. */
  readonly unmatchedCounties: Readonly<Record<string, number>>;
}

interface References {
  readonly regions: ReadonlySet<string>;
  readonly counties: ReadonlyMap<string, number>;
  readonly existing: ReadonlyMap<string, OrganisationRow>;
  readonly parents: ReadonlyMap<string, number>;
}

type Outcome = 'added' | 'updated' | 'unchanged';

/** The columns an ODS row sets. */
interface OdsColumns {
  name: string;
  address: string | null;
  postcode: string | null;
  opened_on: string | null;
  closed_on: string | null;
  region_code: string | null;
  county_id: number | null;
  parent_id: number | null;
  type?: OrganisationType;
}

const CHUNK = 500;
const MAX_CODES_IN_AUDIT = 1000;

async function rowsByCodes(trx: Transaction<Database>, codes: readonly string[]): Promise<Map<string, OrganisationRow>> {
  const found = new Map<string, OrganisationRow>();
  // Chunked so no statement exceeds the engines' limits on bound parameters.
  for (let i = 0; i < codes.length; i += CHUNK) {
    for (const row of await listOrganisationRowsByOdsCodes(trx, codes.slice(i, i + CHUNK))) found.set(row.ods_code, row);
  }
  return found;
}

async function loadReferences(trx: Transaction<Database>, records: readonly OdsOrganisationRecord[]): Promise<References> {
  const regions = new Set((await listRegionRows(trx)).map((r) => r.code));
  const counties = new Map((await listCountyRows(trx)).map((c) => [countyKey(c.name), c.id]));
  const existing = await rowsByCodes(trx, records.map((r) => r.odsCode));
  const parentCodes = [...new Set(records.flatMap((r) => (r.parentCode ? [r.parentCode] : [])))];
  const parents = new Map([...(await rowsByCodes(trx, parentCodes))].map(([code, row]) => [code, row.id]));
  return { regions, counties, existing, parents };
}

/** Keeps the first row for each ODS code; later ones are rejected, naming the line of the first. */
function withoutDuplicates(records: readonly OdsOrganisationRecord[]): { unique: OdsOrganisationRecord[]; duplicates: RejectedLine[] } {
  const firstLine = new Map<string, number>();
  const unique: OdsOrganisationRecord[] = [];
  const duplicates: RejectedLine[] = [];
  for (const record of records) {
    const first = firstLine.get(record.odsCode);
    if (first === undefined) {
      firstLine.set(record.odsCode, record.line);
      unique.push(record);
    } else {
      duplicates.push({ line: record.line, problems: [{ field: 'code', message: `${record.odsCode} already appears on line ${first}` }] });
    }
  }
  return { unique, duplicates };
}

/**
 * The columns ODS decides. An unknown region, county or parent never erases what is already known, so
 * importing an older file after a newer one does not blank regions; khub's own fields (domains, expiry,
 * staff WTE, and type unless given explicitly) are never touched.
 */
function odsColumns(record: OdsOrganisationRecord, refs: References, current: OrganisationRow | undefined, type?: OrganisationType): OdsColumns {
  const regionKnown = record.nationalGrouping !== null && refs.regions.has(record.nationalGrouping);
  const countyId = record.countyText ? refs.counties.get(countyKey(record.countyText)) : undefined;
  const parentId = record.parentCode ? refs.parents.get(record.parentCode) : undefined;
  return {
    name: odsNameToTitleCase(record.name),
    address: record.address,
    postcode: record.postcode,
    opened_on: record.openedOn,
    closed_on: record.closedOn,
    region_code: regionKnown ? record.nationalGrouping : (current?.region_code ?? null),
    county_id: countyId ?? current?.county_id ?? null,
    parent_id: parentId !== undefined && parentId !== current?.id ? parentId : (current?.parent_id ?? null),
    ...(type ? { type } : {}),
  };
}

async function applyRecord(trx: Transaction<Database>, record: OdsOrganisationRecord, refs: References, options: OdsImportOptions, now: string): Promise<Outcome> {
  const current = refs.existing.get(record.odsCode);
  const columns = odsColumns(record, refs, current, options.type);
  if (!current) {
    await insertOrganisation(trx, { ...columns, ods_code: record.odsCode, type: options.type ?? 'nhs_trust', created_at: now, updated_at: now });
    return 'added';
  }
  // Object.keys() is typed string[]; these are OdsColumns' own keys, all of them organisation columns.
  const changed = (Object.keys(columns) as (keyof OdsColumns)[]).some((key) => columns[key] !== current[key]);
  if (!changed) return 'unchanged';
  await updateOrganisationRow(trx, current.id, { ...columns, updated_at: now });
  return 'updated';
}

function tally(records: readonly OdsOrganisationRecord[], pick: (r: OdsOrganisationRecord) => string | null): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const record of records) {
    const key = pick(record);
    if (key !== null) counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

async function writeRecords(trx: Transaction<Database>, records: readonly OdsOrganisationRecord[], options: OdsImportOptions, now: Date) {
  const refs = await loadReferences(trx, records);
  const codes: Record<Outcome, string[]> = { added: [], updated: [], unchanged: [] };
  for (const [index, record] of records.entries()) {
    codes[await applyRecord(trx, record, refs, options, now.toISOString())].push(record.odsCode);
    options.onProgress?.({ phase: 'write', done: index + 1, total: records.length });
  }
  const unknownRegions = tally(records, (r) => (r.nationalGrouping && !refs.regions.has(r.nationalGrouping) ? r.nationalGrouping : null));
  const unmatchedCounties = tally(records, (r) => (r.countyText && !refs.counties.has(countyKey(r.countyText)) ? r.countyText : null));
  return { codes, unknownRegions, unmatchedCounties };
}

/**
 * Imports an ODS organisation file (`etr.csv`, `etrust.csv`, optionally gzipped): adds organisations new
 * to khub, updates those it has by ODS code, skips sites, and reports bad lines. The file is read in full
 * first; then every write and the audit entry happen in one transaction, so a damaged file or a crash
 * leaves the database as it was.
 */
export async function importOdsOrganisations(db: Kysely<Database>, path: string, options: OdsImportOptions = {}): Promise<OdsImportSummary> {
  const contents: OdsFileContents = await readOdsFile(path, (done, total) => options.onProgress?.({ phase: 'read', done, total }));
  const { unique, duplicates } = withoutDuplicates(contents.organisations);
  const rejected = [...contents.rejected, ...duplicates].sort((a, b) => a.line - b.line);
  const now = options.now ?? new Date();
  const result = await db.transaction().execute(async (trx) => {
    const written = await writeRecords(trx, unique, options, now);
    const counts = { added: written.codes.added.length, updated: written.codes.updated.length, unchanged: written.codes.unchanged.length, sites: contents.sites, rejected: rejected.length };
    const details = { file: basename(path), ...counts, addedCodes: written.codes.added.slice(0, MAX_CODES_IN_AUDIT), updatedCodes: written.codes.updated.slice(0, MAX_CODES_IN_AUDIT) };
    await recordAudit(trx, { actor: options.actor ?? 'cli', action: 'organisation.import', targetType: 'organisation_import', targetId: basename(path), details }, now);
    return { counts, ...written };
  });
  return { file: path, ...result.counts, rejected, unknownRegions: result.unknownRegions, unmatchedCounties: result.unmatchedCounties };
}
