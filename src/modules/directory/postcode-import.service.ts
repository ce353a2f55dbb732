import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { parse } from 'csv-parse';
import type { Kysely, Transaction } from 'kysely';
import { type AuditActor, recordAudit } from '../../platform/audit/audit.js';
import type { Database } from '../../platform/db/database.js';
import type { FieldError } from '../../platform/http/errors.js';
import { parsePostcode } from './geo.js';

/** ONSPD: the ONS Postcode Directory (one row per full postcode); outcodes: one row per district centroid. */
export type PostcodeFileFormat = 'onspd' | 'outcodes';
export const POSTCODE_FILE_FORMATS: readonly PostcodeFileFormat[] = ['onspd', 'outcodes'];

export interface PostcodeImportOptions {
  /** Forces the layout; by default it is recognised from the header. */
  readonly format?: PostcodeFileFormat;
  readonly onProgress?: (progress: { phase: 'read'; done: number; total: number }) => void;
  readonly actor?: AuditActor;
  /** Rows written per statement (default 500). */
  readonly batchSize?: number;
}

export interface RejectedRow {
  readonly line: number;
  readonly problems: readonly FieldError[];
}

export interface PostcodeImportSummary {
  readonly file: string;
  readonly format: PostcodeFileFormat;
  /** Rows added or updated. */
  readonly written: number;
  /** ONSPD rows with no grid reference (lat 99.999999): nothing to locate, so not an error. */
  readonly withoutLocation: number;
  /** How many rows were rejected in all; `rejected` keeps the first 100. */
  readonly rejectedCount: number;
  readonly rejected: readonly RejectedRow[];
}

/** The header does not match a known layout, or the file cannot be read: nothing is imported. */
export class PostcodeFileError extends Error {
  override readonly name = 'PostcodeFileError';
}

interface Layout {
  readonly format: PostcodeFileFormat;
  readonly key: number;
  readonly keyField: string;
  readonly lat: number;
  readonly lng: number;
  readonly latField: string;
  readonly lngField: string;
}

const MAX_REPORTED = 100;

/** Finds the columns by name, so the ONSPD's 50-odd columns may come in any order and any release. */
export function detectLayout(header: readonly string[], forced?: PostcodeFileFormat): Layout {
  const names = header.map((h) => h.trim().toLowerCase());
  const at = (name: string) => names.indexOf(name);
  const onspdKey = at('pcds') >= 0 ? 'pcds' : at('pcd') >= 0 ? 'pcd' : undefined;
  const looksOnspd = onspdKey !== undefined && at('lat') >= 0 && at('long') >= 0;
  const looksOutcodes = at('outcode') >= 0 && at('latitude') >= 0 && at('longitude') >= 0;
  const format = forced ?? (looksOnspd ? 'onspd' : looksOutcodes ? 'outcodes' : undefined);
  if (format === 'onspd' && looksOnspd) return { format, key: at(onspdKey), keyField: onspdKey, lat: at('lat'), lng: at('long'), latField: 'lat', lngField: 'long' };
  if (format === 'outcodes' && looksOutcodes) return { format, key: at('outcode'), keyField: 'outcode', lat: at('latitude'), lng: at('longitude'), latField: 'latitude', lngField: 'longitude' };
  const expected = format === 'onspd' ? 'pcds (or pcd), lat, long' : format === 'outcodes' ? 'outcode, latitude, longitude' : 'pcds (or pcd), lat, long for the ONSPD, or outcode, latitude, longitude for districts';
  throw new PostcodeFileError(`the header line does not have the columns ${expected}`);
}

type Parsed = { ok: true; key: string; latitude: number; longitude: number } | { ok: false; problems: FieldError[] } | { ok: 'skip' };

function parseRow(record: readonly string[], layout: Layout): Parsed {
  const keyText = record[layout.key]?.trim() ?? '';
  const latText = record[layout.lat]?.trim() ?? '';
  const lngText = record[layout.lng]?.trim() ?? '';
  const latitude = Number(latText);
  const longitude = Number(lngText);
  // The ONSPD marks postcodes with no grid reference with latitude 99.999999.
  if (layout.format === 'onspd' && latitude > 90 && latitude < 100) return { ok: 'skip' };
  const problems: FieldError[] = [];
  const parsed = parsePostcode(keyText);
  const key = layout.format === 'onspd' ? (parsed.kind === 'postcode' ? parsed.postcode : undefined) : parsed.kind === 'district' ? parsed.outcode : undefined;
  if (!key) problems.push({ field: layout.keyField, message: `"${keyText}" is not a ${layout.format === 'onspd' ? 'full postcode' : 'postcode district'}` });
  if (latText === '' || !Number.isFinite(latitude) || latitude < -90 || latitude > 90) problems.push({ field: layout.latField, message: `"${latText}" is not a latitude` });
  if (lngText === '' || !Number.isFinite(longitude) || longitude < -180 || longitude > 180) problems.push({ field: layout.lngField, message: `"${lngText}" is not a longitude` });
  return key && problems.length === 0 ? { ok: true, key, latitude, longitude } : { ok: false, problems };
}

type Row = { key: string; latitude: number; longitude: number };

async function writeBatch(trx: Transaction<Database>, format: PostcodeFileFormat, rows: readonly Row[]): Promise<void> {
  if (rows.length === 0) return;
  // A re-import updates in place; duplicates within one batch would make PostgreSQL's upsert fail, so the last wins.
  const unique = [...new Map(rows.map((r) => [r.key, r])).values()];
  if (format === 'onspd') {
    await trx
      .insertInto('postcode_location')
      .values(unique.map((r) => ({ postcode: r.key, latitude: r.latitude, longitude: r.longitude })))
      .onConflict((oc) => oc.column('postcode').doUpdateSet((eb) => ({ latitude: eb.ref('excluded.latitude'), longitude: eb.ref('excluded.longitude') })))
      .execute();
  } else {
    await trx
      .insertInto('postcode_district')
      .values(unique.map((r) => ({ outcode: r.key, latitude: r.latitude, longitude: r.longitude })))
      .onConflict((oc) => oc.column('outcode').doUpdateSet((eb) => ({ latitude: eb.ref('excluded.latitude'), longitude: eb.ref('excluded.longitude') })))
      .execute();
  }
}

/**
 * Loads full postcodes (ONSPD) or district centroids (outcodes) from a CSV with a header line. The file
 * is streamed and written in batches inside one transaction, so memory stays flat for the ONSPD's
 * 2.7 million rows and a failure part-way leaves the table as it was. Bad rows are reported (line and
 * column) and skipped.
 */
export async function importPostcodes(db: Kysely<Database>, path: string, options: PostcodeImportOptions = {}): Promise<PostcodeImportSummary> {
  const total = await stat(path).then((s) => s.size, (error: unknown) => {
    throw new PostcodeFileError(`${path}: ${error instanceof Error && 'code' in error && error.code === 'ENOENT' ? 'no such file' : String(error)}`);
  });
  const batchSize = options.batchSize ?? 500;
  return db.transaction().execute(async (trx) => {
    const source = createReadStream(path);
    let bytes = 0;
    source.on('data', (chunk) => {
      bytes += chunk.length;
      options.onProgress?.({ phase: 'read', done: bytes, total });
    });
    const parser = source.pipe(parse({ bom: true, relax_column_count: true, skip_empty_lines: true, info: true }));
    source.on('error', (error) => parser.destroy(error));
    let layout: Layout | undefined;
    let batch: Row[] = [];
    let written = 0;
    let withoutLocation = 0;
    let rejectedCount = 0;
    const rejected: RejectedRow[] = [];
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      if (!layout) {
        layout = detectLayout(record, options.format);
        continue;
      }
      const row = parseRow(record, layout);
      if (row.ok === 'skip') withoutLocation += 1;
      else if (row.ok) batch.push(row);
      else {
        rejectedCount += 1;
        if (rejected.length < MAX_REPORTED) rejected.push({ line: info.lines, problems: row.problems });
      }
      if (batch.length >= batchSize) {
        await writeBatch(trx, layout.format, batch);
        written += batch.length;
        batch = [];
      }
    }
    if (!layout) throw new PostcodeFileError(`${path}: the file is empty`);
    await writeBatch(trx, layout.format, batch);
    written += batch.length;
    const summary = { file: path, format: layout.format, written, withoutLocation, rejectedCount, rejected };
    await recordAudit(trx, { actor: options.actor ?? 'cli', action: 'postcode.import', targetType: 'postcode_import', targetId: path, details: { format: layout.format, written, withoutLocation, rejectedCount } });
    return summary;
  });
}
