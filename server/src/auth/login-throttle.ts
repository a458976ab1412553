/**
 * Slows down password guessing: after a few wrong passwords for one address, every further
 * attempt waits longer (doubling, capped), until a correct login resets the count. Kept per
 * server instance, in memory: it bounds the guessing rate without a table write per attempt.
 * It measures wall time on purpose: a guessing rate is real time, even under the manual clock.
 */
const freeAttempts = 3;
const baseDelayMs = 250;
const maxDelayMs = 8_000;
const forgetAfterMs = 15 * 60_000;

export class LoginThrottle {
  readonly #failures = new Map<string, { count: number; last: number }>();

  delayFor(key: string): number {
    const entry = this.#failures.get(key);
    if (!entry || Date.now() - entry.last > forgetAfterMs) return 0;
    if (entry.count < freeAttempts) return 0;
    return Math.min(maxDelayMs, baseDelayMs * 2 ** (entry.count - freeAttempts));
  }

  async waitBeforeAttempt(key: string): Promise<void> {
    const delay = this.delayFor(key);
    if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
  }

  recordFailure(key: string): void {
    const entry = this.#failures.get(key);
    this.#failures.set(key, { count: (entry?.count ?? 0) + 1, last: Date.now() });
  }

  recordSuccess(key: string): void {
    this.#failures.delete(key);
  }
}
