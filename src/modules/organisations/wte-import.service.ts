import { basename } from 'node:path';
import type { Kysely, Transaction } from 'kysely';
import { type AuditActor, recordAudit } from '../../platform/audit/audit.js';
import type { Database } from '../../platform/db/database.js';
import { ImportFileError, readFileLines } from './import-file.reader.js';
import type { ImportProgress } from './ods-import.service.js';
import type { RejectedLine } from './ods-file.reader.js';
import { listOrganisationRowsByOdsCodes, updateOrganisationRow } from './organisation.repository.js';
import { type WteRecord, parseWteLine, wteHeader } from './wte-row.parser.js';

export interface WteImportOptions {
  readonly onProgress?: (progress: ImportProgress) => void;
  /** Recorded as the actor in the audit log (default `cli`). */
  readonly actor?: AuditActor;
  readonly now?: Date;
}

/** What a staff WTE import did. */
export interface WteImportSummary {
  readonly file: string;
  readonly updated: number;
  readonly unchanged: number;
  /** Organisations whose stored figure is for a later month than the file's: kept as they are. */
  readonly newerKept: number;
  /** ODS codes in the file that khub has no organisation for (commissioners, closed trusts): reported, not errors. */
  readonly unknownCodes: readonly string[];
  readonly rejected: readonly RejectedLine[];
}

/** Reads the file: the latest month's figure for each ODS code, and the lines it could not use. */
async function readWteFile(path: string, onProgress?: WteImportOptions['onProgress']) {
  const latest = new Map<string, WteRecord>();
  const rejected: RejectedLine[] = [];
  let positions: Parameters<typeof parseWteLine>[2] | undefined;
  for await (const { line, text } of readFileLines(path, (done, total) => onProgress?.({ phase: 'read', done, total }))) {
    if (!positions) {
      const header = wteHeader(text);
      if (!header.ok) throw new ImportFileError(`${path}:${line}: ${header.message}`);
      positions = header.positions;
      continue;
    }
    const result = parseWteLine(text, line, positions);
    if (result.kind === 'rejected') {
      rejected.push({ line, problems: result.problems });
      continue;
    }
    const seen = latest.get(result.record.odsCode);
    if (seen?.period === result.record.period) rejected.push({ line, problems: [{ field: 'org_code', message: `${seen.odsCode} already has a figure for ${seen.period} on line ${seen.line}` }] });
    else if (!seen || seen.period < result.record.period) latest.set(result.record.odsCode, result.record);
  }
  if (!positions) throw new ImportFileError(`${path}: the file is empty`);
  return { records: [...latest.values()], rejected };
}

async function writeWte(trx: Transaction<Database>, records: readonly WteRecord[], options: WteImportOptions, now: Date) {
  const counts = { updated: 0, unchanged: 0, newerKept: 0 };
  const unknownCodes: string[] = [];
  for (let i = 0; i < records.length; i += 500) {
    const chunk = records.slice(i, i + 500);
    const rows = new Map((await listOrganisationRowsByOdsCodes(trx, chunk.map((r) => r.odsCode))).map((row) => [row.ods_code, row]));
    for (const record of chunk) {
      const row = rows.get(record.odsCode);
      if (!row) unknownCodes.push(record.odsCode);
      else if (row.staff_wte_period !== null && row.staff_wte_period > record.period) counts.newerKept += 1;
      else if (row.staff_wte === record.wte && row.staff_wte_period === record.period) counts.unchanged += 1;
      else {
        await updateOrganisationRow(trx, row.id, { staff_wte: record.wte, staff_wte_period: record.period, updated_at: now.toISOString() });
        counts.updated += 1;
      }
    }
    options.onProgress?.({ phase: 'write', done: Math.min(i + 500, records.length), total: records.length });
  }
  return { ...counts, unknownCodes: unknownCodes.sort() };
}

/**
 * Sets organisations' staff whole-time equivalent from NHS workforce statistics
 * (`month,org_code,org_name,total_fte`), taking each organisation's latest month in the file. A figure
 * never replaces one for a later month. Read first, then written in one audited transaction.
 */
export async function importOrganisationWte(db: Kysely<Database>, path: string, options: WteImportOptions = {}): Promise<WteImportSummary> {
  const { records, rejected } = await readWteFile(path, options.onProgress);
  const now = options.now ?? new Date();
  const written = await db.transaction().execute(async (trx) => {
    const result = await writeWte(trx, records, options, now);
    const details = { file: basename(path), updated: result.updated, unchanged: result.unchanged, newerKept: result.newerKept, unknown: result.unknownCodes.length, rejected: rejected.length };
    await recordAudit(trx, { actor: options.actor ?? 'cli', action: 'organisation.wte_import', targetType: 'organisation_import', targetId: basename(path), details }, now);
    return result;
  });
  return { file: path, ...written, rejected: rejected.sort((a, b) => a.line - b.line) };
}
