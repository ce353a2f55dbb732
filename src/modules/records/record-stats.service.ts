import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/database.js';
import { findLatestImportRun } from './import-run.repository.js';
import { countRecordsBySource } from './record.repository.js';
import type { ImportRunRow } from './record.table.js';
import type { SkippedRecord } from './record-import.run.js';

/** The last import run, as operators and scripts read it. */
export interface ImportRunSummary {
  readonly id: number;
  readonly input: string;
  readonly format: string;
  /** `running` also when the process importing it was killed: re-run the same command to finish it. */
  readonly status: 'running' | 'completed' | 'failed';
  readonly added: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly deleted: number;
  readonly skipped: number;
  readonly problems: readonly SkippedRecord[];
  readonly error: string | null;
  readonly startedAt: string;
  readonly finishedAt: string | null;
}

/** What `khub records stats` reports. */
export interface RecordStats {
  /** Every stored record. */
  readonly records: number;
  /** Records per source (`pubmed`, `beir-scifact` …), largest first. */
  readonly bySource: Readonly<Record<string, number>>;
  readonly lastImport: ImportRunSummary | null;
}

function runRowToSummary(row: ImportRunRow): ImportRunSummary {
  return {
    id: row.id,
    input: row.input,
    format: row.format,
    status: row.status,
    added: row.added,
    updated: row.updated,
    unchanged: row.unchanged,
    deleted: row.deleted,
    skipped: row.skipped,
    problems: JSON.parse(row.problems) as SkippedRecord[],
    error: row.error,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
  };
}

/** Counts of stored records by source, and the last import run. */
export async function getRecordStats(db: Kysely<Database>): Promise<RecordStats> {
  const counts = await countRecordsBySource(db);
  const lastRun = await findLatestImportRun(db);
  return {
    records: counts.reduce((sum, row) => sum + row.count, 0),
    bySource: Object.fromEntries(counts.map((row) => [row.source, row.count])),
    lastImport: lastRun ? runRowToSummary(lastRun) : null,
  };
}
