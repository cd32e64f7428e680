/**
 * A per-client rate limit in memory (one server process, no database): a sliding window estimated
 * from the counts of the current and previous fixed windows, a few numbers per client. A client not
 * seen for two windows is forgotten: no address is kept longer than the limit needs it.
 */

export interface RateLimitOptions {
  /** Requests allowed per window and client. */
  limit: number;
  windowMs: number;
  /** Bound on tracked clients: beyond it, the stalest are forgotten. */
  maxClients?: number;
  now?: () => number;
}

interface Counter {
  windowStart: number;
  current: number;
  previous: number;
}

export type RateLimitDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export class RateLimiter {
  readonly #limit: number;
  readonly #windowMs: number;
  readonly #maxClients: number;
  readonly #now: () => number;
  readonly #counters = new Map<string, Counter>();

  constructor(options: RateLimitOptions) {
    this.#limit = options.limit;
    this.#windowMs = options.windowMs;
    this.#maxClients = options.maxClients ?? 50_000;
    this.#now = options.now ?? Date.now;
  }

  /** Counts a request from a client and says whether it may go on. */
  hit(client: string): RateLimitDecision {
    const now = this.#now();
    const windowStart = now - (now % this.#windowMs);
    this.forgetStale(now);
    let counter = this.#counters.get(client);
    if (!counter) {
      counter = { windowStart, current: 0, previous: 0 };
      this.#track(client, counter);
    } else if (counter.windowStart !== windowStart) {
      counter.previous = windowStart - counter.windowStart === this.#windowMs ? counter.current : 0;
      counter.current = 0;
      counter.windowStart = windowStart;
      // Re-insert so that Map order stays "least recently seen first".
      this.#counters.delete(client);
      this.#counters.set(client, counter);
    }
    const elapsed = (now - windowStart) / this.#windowMs;
    const estimate = counter.previous * (1 - elapsed) + counter.current;
    if (estimate + 1 > this.#limit) {
      const retryAfterSeconds = Math.max(1, Math.ceil((windowStart + this.#windowMs - now) / 1000));
      return { allowed: false, retryAfterSeconds };
    }
    counter.current++;
    return { allowed: true };
  }

  /** Clients currently remembered. */
  get trackedClients(): number {
    return this.#counters.size;
  }

  /**
   * Drops the clients whose last window ended before the previous one: they would count zero. Called
   * on each request, and by a timer when none comes. The Map is in order of last window seen, so only
   * its stale head is visited.
   */
  forgetStale(now = this.#now()): void {
    const windowStart = now - (now % this.#windowMs);
    for (const [client, counter] of this.#counters) {
      if (counter.windowStart >= windowStart - this.#windowMs) return;
      this.#counters.delete(client);
    }
  }

  #track(client: string, counter: Counter): void {
    this.#counters.set(client, counter);
    if (this.#counters.size <= this.#maxClients) return;
    const oldest = this.#counters.keys().next();
    if (!oldest.done) this.#counters.delete(oldest.value);
  }
}
