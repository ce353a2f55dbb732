import type { Kysely } from 'kysely';
import type { AuditActor } from '../../platform/audit/audit.js';
import type { Database } from '../../platform/db/database.js';
import type { ImportRunCounts } from './import-run.repository.js';
import { type RecordFormat, detectRecordFormat } from './importers/detect-format.js';
import { ImportFileError } from './importers/parsed-item.js';
import { type RecordFile, openRecordFile } from './record-file.reader.js';
import { type ParsedFile, parseInWorker } from './record-parse.client.js';
import { type InputImportResult, RecordImportRun, type RunOptions, type SkippedRecord } from './record-import.run.js';

export interface RecordImportOptions {
  /** Files to import, in order: update files must come after the baseline they update. */
  readonly files: readonly string[];
  /** The files' format; detected from each file's first bytes when not given. */
  readonly format?: RecordFormat;
  /** Source name for records without a PMID (RIS, JSONL); PMID-identified records are always `pubmed`. */
  readonly source?: string;
  /** Records (and deleted ids) per transaction; `DEFAULT_IMPORT_BATCH_SIZE` when not given. */
  readonly batchSize?: number;
  readonly onProgress?: (progress: RecordImportProgress) => void;
  /** The clock, for tests. */
  readonly now?: () => Date;
  readonly actor?: AuditActor;
}

/** How far an import has got, reported a few times a second. */
export interface RecordImportProgress {
  readonly file: string;
  /** 1 for the first file. */
  readonly fileNumber: number;
  readonly fileCount: number;
  /** Bytes of the file as stored (compressed, for .gz), for a percentage. */
  readonly bytesRead: number;
  readonly totalBytes: number;
  /** Records and deletions read from this file so far. */
  readonly records: number;
  readonly skipped: number;
  readonly recordsPerSecond: number;
}

/** What an import did: totals over the files, each file's run, and the first file that failed. */
export interface RecordImportSummary extends ImportRunCounts {
  readonly files: readonly InputImportResult[];
  /** Skipped records with file, position and reason (the first few per file; `skipped` is the full count). */
  readonly problems: readonly SkippedRecord[];
  /** The file that could not be read to its end; the import stopped there. */
  readonly failure?: { readonly file: string; readonly message: string };
  /** Files after a failure, left alone so that update files are never applied out of order. */
  readonly notAttempted: readonly string[];
}

const PROGRESS_INTERVAL_MS = 200;

function chooseFormat(file: string, head: string, format: RecordFormat | undefined): RecordFormat {
  const chosen = format ?? detectRecordFormat(head);
  if (!chosen) throw new ImportFileError(file, `${file}: cannot tell the format (not PubMed XML, MEDLINE, RIS or JSONL); give it with --format`);
  return chosen;
}

type FileProgress = Pick<RecordFile, 'bytesRead' | 'totalBytes'>;

/**
 * Records per transaction. Each commit writes every index page its batch touched, and keys such as
 * match keys land on random pages: 5,000 records a batch writes 10% fewer bytes than 1,000 at
 * 1,000,000 records, and an interrupted import loses at most one batch (re-run to finish it).
 */
export const DEFAULT_IMPORT_BATCH_SIZE = 5_000;

function progressReporter(file: string, fileNumber: number, options: RecordImportOptions, opened: FileProgress): (read: number, skipped: number) => void {
  const startedAt = Date.now();
  let lastReport = 0;
  return (read, skipped) => {
    const now = Date.now();
    if (now - lastReport < PROGRESS_INTERVAL_MS) return;
    lastReport = now;
    const recordsPerSecond = read / Math.max((now - startedAt) / 1000, 0.001);
    options.onProgress?.({ file, fileNumber, fileCount: options.files.length, bytesRead: opened.bytesRead(), totalBytes: opened.totalBytes, records: read, skipped, recordsPerSecond });
  };
}

async function importRecordFile(db: Kysely<Database>, file: string, fileNumber: number, options: RecordImportOptions): Promise<InputImportResult> {
  const runOptions: RunOptions = { batchSize: options.batchSize ?? DEFAULT_IMPORT_BATCH_SIZE, now: options.now ?? (() => new Date()), actor: options.actor ?? 'cli' };
  let parsed: ParsedFile | undefined;
  try {
    // The file is opened here only to recognise it; the worker opens it again to parse it.
    const opened = await openRecordFile(file);
    opened.close();
    const format = chooseFormat(file, opened.head, options.format);
    parsed = parseInWorker(file, format, options.source);
    const onRead = options.onProgress ? progressReporter(file, fileNumber, options, { bytesRead: parsed.bytesRead, totalBytes: opened.totalBytes }) : undefined;
    const run = await RecordImportRun.start(db, file, format, { ...runOptions, onRead });
    try {
      return await run.consume(parsed.items);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (error instanceof ImportFileError) return await run.fail(message);
      // An unexpected failure (the database went away) is rethrown; recording it is best effort.
      await run.fail(message).catch(() => undefined);
      throw error;
    }
  } catch (error) {
    if (!(error instanceof ImportFileError)) throw error;
    // The file could not be opened or recognised: its run is recorded as failed before it started.
    const run = await RecordImportRun.start(db, file, options.format ?? 'unknown', runOptions);
    return run.fail(error.message);
  } finally {
    await parsed?.close();
  }
}

function summarise(files: InputImportResult[], notAttempted: readonly string[]): RecordImportSummary {
  const total = (key: keyof ImportRunCounts) => files.reduce((sum, file) => sum + file[key], 0);
  const failed = files.find((file) => file.status === 'failed');
  return {
    added: total('added'),
    updated: total('updated'),
    unchanged: total('unchanged'),
    deleted: total('deleted'),
    skipped: total('skipped'),
    files,
    problems: files.flatMap((file) => file.problems),
    ...(failed ? { failure: { file: failed.input, message: failed.error ?? 'failed' } } : {}),
    notAttempted,
  };
}

/**
 * Imports records files (PubMed/MEDLINE XML, MEDLINE text, RIS, JSONL; plain or gzip) in order.
 * Each file is streamed and committed in batches, each batch one transaction with its `import_run`
 * counts; re-importing updates by (source, source id) and never duplicates. A malformed record is
 * skipped and reported; a malformed file stops the import there, keeping every batch committed
 * before it, and its run is marked failed.
 */
export async function importRecords(db: Kysely<Database>, options: RecordImportOptions): Promise<RecordImportSummary> {
  const results: InputImportResult[] = [];
  for (const [index, file] of options.files.entries()) {
    const result = await importRecordFile(db, file, index + 1, options);
    results.push(result);
    if (result.status === 'failed') return summarise(results, options.files.slice(index + 1));
  }
  return summarise(results, []);
}
