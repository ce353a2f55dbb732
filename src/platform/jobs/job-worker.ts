import type { FastifyBaseLogger } from 'fastify';

/** How often and how much the worker polls. */
export interface PollingOptions {
  /** Wait this long after a poll that found less than a full batch. */
  readonly pollIntervalMs: number;
  /** A poll that processed this many jobs is followed at once by another: there may be more waiting. */
  readonly batchSize: number;
  readonly log: FastifyBaseLogger;
}

/**
 * Calls `poll` again and again until stopped. Polls never overlap, and `stop()` resolves only once the
 * poll in progress (and so every job it claimed) has finished: that is the graceful part of shutdown.
 * @internal
 */
export class PollingLoop {
  #timer: NodeJS.Timeout | undefined;
  #current: Promise<void> | undefined;
  #running = false;

  constructor(
    private readonly poll: () => Promise<number>,
    private readonly options: PollingOptions,
  ) {}

  get running(): boolean {
    return this.#running;
  }

  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#next(0);
  }

  async stop(): Promise<void> {
    this.#running = false;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    await this.#current;
  }

  #next(delayMs: number): void {
    if (!this.#running) return;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.#current = this.#tick();
    }, delayMs);
    // The worker alone must not keep a process alive; the server or a CLI command decides that.
    this.#timer.unref();
  }

  async #tick(): Promise<void> {
    let processed = 0;
    try {
      processed = await this.poll();
    } catch (error) {
      // A database outage must not kill the worker: log it and try again at the next poll.
      this.options.log.error({ err: error }, 'job worker poll failed');
    }
    this.#current = undefined;
    this.#next(processed >= this.options.batchSize ? 0 : this.options.pollIntervalMs);
  }
}
