import cliProgress from 'cli-progress';

/** Shows how a long command is getting on; every importer reports through one of these. */
export interface ProgressReporter {
  /** Moves the bar; a new phase (reading, then writing) starts a new bar. */
  update(phase: string, done: number, total: number, unit: 'bytes' | 'rows'): void;
  /** Removes the bar so the summary that follows starts on a clean line. */
  stop(): void;
}

const quiet: ProgressReporter = { update: () => undefined, stop: () => undefined };

function scaled(value: number, unit: 'bytes' | 'rows'): string {
  if (unit === 'rows') return new Intl.NumberFormat('en-GB').format(Math.round(value));
  return `${(value / 1_048_576).toFixed(1)} MB`;
}

/**
 * A progress bar with counts and rate on the given stream when it is a terminal, and nothing otherwise
 * (so logs and CI output carry only the summary).
 *
 * ### Examples
 * const progress = createProgress(process.stderr);
 * progress.update('Reading', 1_200_000, 5_300_000, 'bytes');  // Reading [=====-----] 23% | 1.1 MB of 5.1 MB | 4.0 MB/s | ETA 1s
 */
export function createProgress(stream: NodeJS.WriteStream): ProgressReporter {
  if (!stream.isTTY) return quiet;
  const bar = new cliProgress.SingleBar(
    { stream, format: '{phase} [{bar}] {percentage}% | {done} of {all} | {rate}/s | ETA {eta_formatted}', hideCursor: true, clearOnComplete: true },
    cliProgress.Presets.shades_classic,
  );
  let current: { phase: string; startedAt: number } | undefined;
  return {
    update(phase, done, total, unit) {
      const startedAt = current?.phase === phase ? current.startedAt : Date.now();
      const seconds = Math.max((Date.now() - startedAt) / 1000, 0.001);
      const payload = { phase, done: scaled(done, unit), all: scaled(total, unit), rate: scaled(done / seconds, unit) };
      if (current?.phase !== phase) {
        if (current) bar.stop();
        current = { phase, startedAt };
        // The first frame is drawn at start(), so it needs the payload too.
        bar.start(total, done, payload);
        return;
      }
      bar.setTotal(total);
      bar.update(done, payload);
    },
    stop() {
      if (current) bar.stop();
      current = undefined;
    },
  };
}
