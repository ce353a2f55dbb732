import { basename } from 'node:path';
import cliProgress from 'cli-progress';
import type { RecordImportProgress } from '../modules/records/index.js';

/**
 * The records import's progress bar. It follows `progress.ts` (same library, same rule: only on a
 * terminal) but shows what a records import needs: records read, records a second and errors.
 */
export interface RecordProgressReporter {
  update(progress: RecordImportProgress): void;
  /** Removes the bar so the summary that follows starts on a clean line. */
  stop(): void;
}

/** A reporter that shows nothing: for tests, logs and CI output, which carry only the summary. */
export const quietRecordProgress: RecordProgressReporter = { update: () => undefined, stop: () => undefined };

const count = (value: number): string => new Intl.NumberFormat('en-GB').format(Math.round(value));

/** Time left from the share of the file read so far (cli-progress's own estimate shows "NF" while bytes arrive in large steps). */
function timeLeft(progress: RecordImportProgress): string {
  if (progress.bytesRead <= 0 || progress.recordsPerSecond <= 0) return '…';
  const elapsed = progress.records / progress.recordsPerSecond;
  const seconds = Math.round((elapsed * Math.max(progress.totalBytes - progress.bytesRead, 0)) / progress.bytesRead);
  return seconds < 60 ? `${seconds}s` : `${Math.floor(seconds / 60)}m ${String(seconds % 60).padStart(2, '0')}s`;
}

/**
 * A bar per file on the given stream when it is a terminal, and nothing otherwise.
 *
 * ### Examples
 * pubmed25n0001.xml.gz (1/3) [=====-----] 48% | 14,212 records | 6,120/s | 0 errors | ETA 2s
 */
export function createRecordProgress(stream: NodeJS.WriteStream): RecordProgressReporter {
  if (!stream.isTTY) return quietRecordProgress;
  const bar = new cliProgress.SingleBar(
    { stream, format: '{file} [{bar}] {percentage}% | {records} records | {rate}/s | {errors} errors | ETA {left}', hideCursor: true, clearOnComplete: true },
    cliProgress.Presets.shades_classic,
  );
  let current: string | undefined;
  return {
    update(progress) {
      const payload = {
        file: `${basename(progress.file)} (${progress.fileNumber}/${progress.fileCount})`,
        records: count(progress.records),
        rate: count(progress.recordsPerSecond),
        errors: count(progress.skipped),
        left: timeLeft(progress),
      };
      // The bar measures bytes of the file, the one total known before the end.
      const total = Math.max(progress.totalBytes, 1);
      if (current !== progress.file) {
        if (current) bar.stop();
        current = progress.file;
        bar.start(total, progress.bytesRead, payload);
        return;
      }
      bar.update(progress.bytesRead, payload);
    },
    stop() {
      if (current) bar.stop();
      current = undefined;
    },
  };
}
