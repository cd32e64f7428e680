/**
 * Idempotency: the client's `submissionId` makes a retried or double-clicked submission send each
 * message once. The ledger runs the work of a submission once (concurrent duplicates wait for the
 * same outcome), remembers successes for a day and forgets failures, so that a retry after a mail
 * failure sends again. Each message also carries its own key to the mail provider (Resend's
 * Idempotency-Key), which covers a restart of the server between two attempts.
 */

export type ReferralMessageRole = 'service' | 'accuse';

/** The provider-side key of one message of one submission (at most 256 characters for Resend). */
export function messageIdempotencyKey(submissionId: string, role: ReferralMessageRole): string {
  return `passerelle-orientation/${submissionId.toLowerCase()}/${role}`;
}

export interface LedgerOptions {
  /** How long a success is remembered. */
  ttlMs: number;
  /** Bound on remembered successes: the oldest go first. */
  maxEntries: number;
  now: () => number;
}

interface Remembered<T> {
  value: T;
  expiresAt: number;
}

/** Runs the work of each key once; see the module comment. */
export class SubmissionLedger<T> {
  readonly #options: LedgerOptions;
  readonly #done = new Map<string, Remembered<T>>();
  readonly #running = new Map<string, Promise<{ value: T; keep: boolean }>>();

  constructor(options: Partial<LedgerOptions> = {}) {
    this.#options = { ttlMs: 24 * 60 * 60 * 1000, maxEntries: 10_000, now: Date.now, ...options };
  }

  /**
   * The outcome of `work` for this key: run now, shared with a run in progress, or replayed from a
   * remembered success. `work` says whether its outcome is a success to keep.
   */
  async run(key: string, work: () => Promise<{ value: T; keep: boolean }>): Promise<{ value: T; replayed: boolean }> {
    const now = this.#options.now();
    const remembered = this.#done.get(key);
    if (remembered && remembered.expiresAt > now) return { value: remembered.value, replayed: true };
    if (remembered) this.#done.delete(key);
    const running = this.#running.get(key);
    if (running) return { value: (await running).value, replayed: true };
    const promise = work();
    this.#running.set(key, promise);
    try {
      const outcome = await promise;
      if (outcome.keep) this.#remember(key, outcome.value);
      return { value: outcome.value, replayed: false };
    } finally {
      this.#running.delete(key);
    }
  }

  /** How many successes are remembered (for tests and monitoring). */
  get size(): number {
    return this.#done.size;
  }

  #remember(key: string, value: T): void {
    const now = this.#options.now();
    this.#done.set(key, { value, expiresAt: now + this.#options.ttlMs });
    if (this.#done.size <= this.#options.maxEntries) return;
    for (const [oldKey, entry] of this.#done) {
      if (this.#done.size <= this.#options.maxEntries && entry.expiresAt > now) break;
      this.#done.delete(oldKey);
    }
  }
}
