import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Kysely, Transaction } from 'kysely';
import { findOrganisationsByOdsCodes, listCounties, listRegions } from '../organisations/index.js';
import { type AuditActor, recordAudit } from '../../platform/audit/audit.js';
import type { Database } from '../../platform/db/database.js';
import type { FieldError } from '../../platform/http/errors.js';
import { LIBRARY_CSV_COLUMNS, type LibraryCsvRow, SERVICE_COLUMNS, parseLibraryCsvRow, uncsvCell } from './library-csv.js';
import * as repo from './library.repository.js';
import { locatePostcode } from './library.service.js';
import type { RejectedRow } from './postcode-import.service.js';

export interface LibraryImportSummary {
  readonly file: string;
  /** True when the file was written; false when any row was rejected (then nothing is written). */
  readonly imported: boolean;
  readonly servicesAdded: number;
  readonly servicesUpdated: number;
  readonly sitesAdded: number;
  readonly sitesUpdated: number;
  readonly sitesRemoved: number;
  /** Sites whose postcode is in neither the postcode nor the district data, and with no coordinates given. */
  readonly sitesUnlocated: number;
  readonly rejected: readonly RejectedRow[];
}

/** The file cannot be read or has the wrong header: nothing is imported. */
export class LibraryFileError extends Error {
  override readonly name = 'LibraryFileError';
}

type Line = { line: number; row: LibraryCsvRow };
type Refs = { organisations: Map<string, number>; offerings: Set<string>; counties: Map<string, { id: number; regionCode: string }>; regions: Map<string, string> };

async function readRecords(path: string): Promise<{ line: number; record: Record<string, string> }[]> {
  const text = await readFile(path, 'utf8').catch((error: unknown) => {
    throw new LibraryFileError(`${path}: ${error instanceof Error && 'code' in error && error.code === 'ENOENT' ? 'no such file' : String(error)}`);
  });
  let rows: { record: Record<string, string>; info: { lines: number } }[];
  try {
    rows = parse(text, { bom: true, columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()), skip_empty_lines: true, info: true, relax_column_count: false });
  } catch (error) {
    throw new LibraryFileError(`${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const header = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0]?.toLowerCase().split(',').map((h) => h.trim().replace(/^"|"$/g, '')) ?? [];
  const missing = LIBRARY_CSV_COLUMNS.filter((c) => !header.includes(c));
  if (missing.length > 0) throw new LibraryFileError(`${path}: line 1: the header lacks the columns ${missing.join(', ')}`);
  return rows.map(({ record, info }) => ({ line: info.lines, record: Object.fromEntries(Object.entries(record).map(([k, v]) => [k, uncsvCell(v)])) }));
}

async function loadRefs(db: Kysely<Database>, lines: readonly Line[]): Promise<Refs> {
  const codes = lines.flatMap((l) => l.row.organisations);
  const counties = new Map((await listCounties(db)).map((c) => [c.name.toLowerCase(), { id: c.id, regionCode: c.regionCode }]));
  const regions = new Map<string, string>();
  for (const r of await listRegions(db)) {
    regions.set(r.code.toLowerCase(), r.code);
    regions.set(r.name.toLowerCase(), r.code);
  }
  const offerings = new Set((await repo.listServiceOfferedRows(db)).map((o) => o.code));
  const organisations = new Map([...(await findOrganisationsByOdsCodes(db, codes))].map(([code, organisation]) => [code, organisation.id]));
  return { organisations, offerings, counties, regions };
}

/** Problems that need the database or other rows: unknown codes, names and keys, and disagreeing service columns. */
function crossCheck(lines: readonly Line[], records: Map<number, Record<string, string>>, refs: Refs): RejectedRow[] {
  const rejected: RejectedRow[] = [];
  const firstOfService = new Map<string, Line>();
  const sites = new Map<string, number>();
  for (const l of lines) {
    const problems: FieldError[] = [];
    const unknownOrgs = l.row.organisations.filter((c) => !refs.organisations.has(c));
    if (unknownOrgs.length > 0) problems.push({ field: 'organisations', message: `no organisation with ODS code ${unknownOrgs.join(', ')}` });
    const unknownOffers = l.row.services_offered.filter((c) => !refs.offerings.has(c));
    if (unknownOffers.length > 0) problems.push({ field: 'services_offered', message: `not on the list of services offered: ${unknownOffers.join(', ')}` });
    if (l.row.county && !refs.counties.has(l.row.county.toLowerCase())) problems.push({ field: 'county', message: `"${l.row.county}" is not a ceremonial county of England` });
    if (l.row.region && !refs.regions.has(l.row.region.toLowerCase())) problems.push({ field: 'region', message: `"${l.row.region}" is not an NHS England region code or name` });
    const first = firstOfService.get(l.row.service_key);
    if (!first) firstOfService.set(l.row.service_key, l);
    else {
      const mine = records.get(l.line) ?? {};
      const theirs = records.get(first.line) ?? {};
      for (const column of SERVICE_COLUMNS) {
        if ((mine[column] ?? '').trim() !== (theirs[column] ?? '').trim()) problems.push({ field: column, message: `differs from line ${first.line} for service ${l.row.service_key}` });
      }
    }
    const siteKey = `${l.row.service_key}/${l.row.site_key}`;
    const siteLine = sites.get(siteKey);
    if (siteLine !== undefined) problems.push({ field: 'site_key', message: `${l.row.site_key || '(no site)'} already appears on line ${siteLine} for service ${l.row.service_key}` });
    else sites.set(siteKey, l.line);
    if (problems.length > 0) rejected.push({ line: l.line, problems });
  }
  return rejected;
}

type Counts = { servicesAdded: number; servicesUpdated: number; sitesAdded: number; sitesUpdated: number; sitesRemoved: number; sitesUnlocated: number };

async function writeService(trx: Transaction<Database>, rows: readonly LibraryCsvRow[], refs: Refs, counts: Counts, now: string): Promise<void> {
  const [head] = rows;
  if (!head) return;
  const columns = {
    name: head.service_name, description: head.description, who_may_use: head.who_may_use, collections: head.collections, specialisms: head.specialisms,
    interlending_network: head.interlending_network, website: head.website, last_verified_on: head.last_verified_on, last_verified_by: head.last_verified_by, updated_at: now,
  };
  const existing = await repo.findServiceRowByKey(trx, head.service_key);
  let serviceId: number;
  if (existing) {
    serviceId = existing.id;
    await repo.updateServiceRow(trx, serviceId, columns);
    counts.servicesUpdated += 1;
  } else {
    serviceId = await repo.insertServiceRow(trx, { ...columns, service_key: head.service_key, created_at: now });
    counts.servicesAdded += 1;
  }
  await repo.replaceServiceOrganisations(trx, serviceId, head.organisations.map((c) => refs.organisations.get(c) ?? -1));
  await repo.replaceServiceOfferings(trx, serviceId, head.services_offered);
  await repo.replaceServiceContacts(trx, serviceId, head.contacts);
  const current = new Map((await repo.listSiteRowsForService(trx, serviceId)).map((s) => [s.site_key, s]));
  const kept = new Set<string>();
  for (const row of rows.filter((r) => r.site_key !== '')) {
    kept.add(row.site_key);
    const county = row.county ? refs.counties.get(row.county.toLowerCase()) : undefined;
    const located = row.latitude !== null && row.longitude !== null ? { latitude: row.latitude, longitude: row.longitude, precision: 'given' as const } : row.postcode ? await locatePostcode(trx, row.postcode) : undefined;
    if (!located) counts.sitesUnlocated += 1;
    const site = {
      name: row.site_name ?? row.site_key, address: row.address, postcode: row.postcode, latitude: located?.latitude ?? null, longitude: located?.longitude ?? null,
      location_precision: located?.precision ?? null, county_id: county?.id ?? null, region_code: (row.region ? refs.regions.get(row.region.toLowerCase()) : undefined) ?? county?.regionCode ?? null,
      staffed_hours: null, access_24_7: row.access_24_7 ? 1 : 0, bank_holiday_notes: row.bank_holiday_notes, updated_at: now,
    };
    const before = current.get(row.site_key);
    let siteId: number;
    if (before) {
      siteId = before.id;
      await repo.updateSiteRow(trx, siteId, site);
      counts.sitesUpdated += 1;
    } else {
      siteId = await repo.insertSiteRow(trx, { ...site, service_id: serviceId, site_key: row.site_key, created_at: now });
      counts.sitesAdded += 1;
    }
    await repo.replaceSiteOpenings(trx, siteId, row.staffed_hours);
  }
  const removed = [...current.values()].filter((s) => !kept.has(s.site_key)).map((s) => s.id);
  await repo.deleteSiteRows(trx, removed);
  counts.sitesRemoved += removed.length;
}

/**
 * Imports library services from the directory CSV (one row per site). Every row is checked first; if
 * any is wrong nothing is written and every problem is reported by line and column. Otherwise all the
 * services in the file are written in one transaction, matched by service key and site key, so running
 * the same file again changes nothing; a service's sites missing from the file are removed. Services
 * not in the file are left alone.
 */
export async function importLibraries(db: Kysely<Database>, path: string, options: { actor?: AuditActor; now?: Date; onProgress?: (p: { phase: 'write'; done: number; total: number }) => void } = {}): Promise<LibraryImportSummary> {
  const records = await readRecords(path);
  const lines: Line[] = [];
  const rejected: RejectedRow[] = [];
  for (const { line, record } of records) {
    const parsed = parseLibraryCsvRow(record);
    if (parsed.ok) lines.push({ line, row: parsed.row });
    else rejected.push({ line, problems: parsed.problems });
  }
  const refs = await loadRefs(db, lines);
  rejected.push(...crossCheck(lines, new Map(records.map((r) => [r.line, r.record])), refs));
  const counts: Counts = { servicesAdded: 0, servicesUpdated: 0, sitesAdded: 0, sitesUpdated: 0, sitesRemoved: 0, sitesUnlocated: 0 };
  if (rejected.length > 0) return { file: path, imported: false, ...counts, rejected: rejected.sort((a, b) => a.line - b.line) };
  const now = options.now ?? new Date();
  const byService = new Map<string, LibraryCsvRow[]>();
  for (const l of lines) byService.set(l.row.service_key, [...(byService.get(l.row.service_key) ?? []), l.row]);
  await db.transaction().execute(async (trx) => {
    let done = 0;
    for (const rows of byService.values()) {
      await writeService(trx, rows, refs, counts, now.toISOString());
      options.onProgress?.({ phase: 'write', done: (done += 1), total: byService.size });
    }
    await recordAudit(trx, { actor: options.actor ?? 'cli', action: 'library.import', targetType: 'library_import', targetId: basename(path), details: { ...counts, serviceKeys: [...byService.keys()].slice(0, 1000) } }, now);
  });
  return { file: path, imported: true, ...counts, rejected: [] };
}
