/**
 * Spaces out request starts so at most `perSecond` begin in any second — NCBI allows 3 a second
 * without an API key and 10 with one, and blocks clients that go faster.
 */
export class RateLimiter {
  readonly #intervalMs: number;
  #nextSlot = 0;

  constructor(
    perSecond: number,
    private readonly clock: { now(): number; sleep(ms: number): Promise<void> } = realClock,
  ) {
    this.#intervalMs = Math.ceil(1000 / perSecond);
  }

  /** Resolves when the caller may start its request. */
  async acquire(): Promise<void> {
    const now = this.clock.now();
    const slot = Math.max(now, this.#nextSlot);
    this.#nextSlot = slot + this.#intervalMs;
    if (slot > now) await this.clock.sleep(slot - now);
  }
}

export const realClock = {
  now: () => Date.now(),
  sleep: (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)),
};
