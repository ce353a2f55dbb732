import type { Kysely } from 'kysely';
import { type AuditActor, recordAudit } from '../../platform/audit/audit.js';
import type { Database } from '../../platform/db/database.js';
import { type ImportRunCounts, insertImportRun, updateImportRun } from './import-run.repository.js';
import type { ParsedItem } from './importers/parsed-item.js';
import type { PreparedRecord } from './record-mapping.js';
import { RecordImportBatch } from './record-import.batch.js';

/** What an import consumes: a parser's items, or records the parse thread has already prepared. */
export type ImportItem = ParsedItem | { kind: 'prepared'; record: PreparedRecord; position: string };

/** A record that was reported and skipped: where it is and what is wrong with it. */
export interface SkippedRecord {
  readonly file: string;
  /** "record 37 (line 1204)", "line 120". */
  readonly position: string;
  readonly reason: string;
}

/** How one input ended: its run row and what it committed. */
export interface InputImportResult extends ImportRunCounts {
  readonly input: string;
  readonly format: string;
  readonly runId: number;
  readonly status: 'completed' | 'failed';
  readonly error?: string;
  /** The skipped records it committed the count of (the first `PROBLEMS_KEPT`). */
  readonly problems: readonly SkippedRecord[];
}

/** Skipped records kept on the run row and in memory per input; the count is always exact. */
export const PROBLEMS_KEPT = 50;

export interface RunOptions {
  readonly batchSize: number;
  readonly now: () => Date;
  readonly actor: AuditActor;
  /** Called as items are read: how many so far, and how many of them were skipped. */
  readonly onRead?: (read: number, skipped: number) => void;
}

const zero = (): ImportRunCounts => ({ added: 0, updated: 0, unchanged: 0, deleted: 0, skipped: 0 });

/**
 * One input's import: reads parsed items, commits them in batches, and keeps the `import_run` row's
 * counts in the same transactions, so after a crash the row says exactly what is in the database.
 */
export class RecordImportRun {
  readonly #batch = new RecordImportBatch();
  #committed = zero();
  #problems: SkippedRecord[] = [];
  #pendingProblems: SkippedRecord[] = [];
  #pendingSkipped = 0;

  private constructor(
    private readonly db: Kysely<Database>,
    readonly runId: number,
    private readonly input: string,
    private readonly format: string,
    private readonly options: RunOptions,
  ) {}

  /** Starts a run (its row says `running` until it completes or fails). */
  static async start(db: Kysely<Database>, input: string, format: string, options: RunOptions): Promise<RecordImportRun> {
    const runId = await insertImportRun(db, input, format, options.now().toISOString());
    return new RecordImportRun(db, runId, input, format, options);
  }

  /** Reads every item, committing each full batch; the last batch completes the run. Errors from `items` propagate. */
  async consume(items: AsyncIterable<ImportItem>): Promise<InputImportResult> {
    let read = 0;
    for await (const item of items) {
      read += 1;
      if (item.kind === 'prepared') this.#batch.addPrepared(item.record);
      else if (item.kind === 'record') this.#batch.addRecord(item.record);
      else if (item.kind === 'delete') this.#batch.addDeletion(item.source, item.sourceIds);
      else this.#skip({ file: this.input, position: item.position, reason: item.reason });
      if (this.#batch.size >= this.options.batchSize) await this.#commit();
      this.options.onRead?.(read, this.#committed.skipped + this.#pendingSkipped);
    }
    await this.#commit('completed');
    return this.result('completed');
  }

  /** Marks the run failed, keeping what earlier batches committed; the batch in hand is dropped. */
  async fail(error: string): Promise<InputImportResult> {
    this.#batch.clear();
    this.#pendingProblems = [];
    this.#pendingSkipped = 0;
    const now = this.options.now();
    await this.db.transaction().execute(async (trx) => {
      await updateImportRun(trx, this.runId, this.#committed, JSON.stringify(this.#problems), { status: 'failed', at: now.toISOString(), error });
      const details = { input: this.input, error, ...this.#committed };
      await recordAudit(trx, { actor: this.options.actor, action: 'records.import_failed', targetType: 'import_run', targetId: this.runId, details }, now);
    });
    return this.result('failed', error);
  }

  result(status: 'completed' | 'failed', error?: string): InputImportResult {
    return { input: this.input, format: this.format, runId: this.runId, status, ...this.#committed, problems: this.#problems, ...(error ? { error } : {}) };
  }

  #skip(problem: SkippedRecord): void {
    this.#pendingSkipped += 1;
    if (this.#problems.length + this.#pendingProblems.length < PROBLEMS_KEPT) this.#pendingProblems.push(problem);
  }

  async #commit(finish?: 'completed'): Promise<void> {
    const now = this.options.now();
    const { counts, problems } = await this.db.transaction().execute(async (trx) => {
      const written = await this.#batch.write(trx, now);
      const next: ImportRunCounts = {
        added: this.#committed.added + written.added,
        updated: this.#committed.updated + written.updated,
        unchanged: this.#committed.unchanged + written.unchanged,
        deleted: this.#committed.deleted + written.deleted,
        skipped: this.#committed.skipped + this.#pendingSkipped,
      };
      const kept = [...this.#problems, ...this.#pendingProblems];
      await updateImportRun(trx, this.runId, next, JSON.stringify(kept), finish ? { status: finish, at: now.toISOString() } : undefined);
      if (finish) await recordAudit(trx, { actor: this.options.actor, action: 'records.import', targetType: 'import_run', targetId: this.runId, details: { input: this.input, format: this.format, ...next } }, now);
      return { counts: next, problems: kept };
    });
    // Only what the transaction committed is counted: a failure above leaves these as they were.
    this.#committed = counts;
    this.#problems = problems;
    this.#pendingProblems = [];
    this.#pendingSkipped = 0;
    this.#batch.clear();
  }
}
