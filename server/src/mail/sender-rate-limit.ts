/**
 * A sender flooding the listener (a mail loop we did not detect, a broken script) is told
 * to come back later (450 at MAIL FROM) once it has sent `limit` messages within `windowMs`.
 * A temporary refusal loses nothing: the sending relay keeps the mail and retries.
 *
 * Wall time, per listener instance: this guards the process against bursts; it is not a
 * quota. Mail through `receiveEmail` is not limited here: its callers are authenticated.
 */
export class SenderRateLimit {
  readonly #seen = new Map<string, number[]>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts one message from `sender`; false when it is over the limit (then it is not counted). */
  admit(sender: string): boolean {
    if (this.limit === 0) return true;
    const now = this.now();
    const key = sender.trim().toLowerCase();
    const recent = (this.#seen.get(key) ?? []).filter((at) => now - at < this.windowMs);
    if (recent.length >= this.limit) {
      this.#seen.set(key, recent);
      return false;
    }
    recent.push(now);
    this.#seen.set(key, recent);
    if (this.#seen.size > 10_000) this.#forgetQuiet(now);
    return true;
  }

  /** Drops senders with nothing in the window, so the map stays small. */
  #forgetQuiet(now: number): void {
    for (const [key, times] of this.#seen) if (!times.some((at) => now - at < this.windowMs)) this.#seen.delete(key);
  }
}
