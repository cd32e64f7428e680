/**
 * Idempotency: the client's `submissionId` makes a retried or double-clicked submission send each
 * message once. The ledger remembers, for a day, each submission's first arrival time and the
 * fingerprint of its validated request: messages are rendered from the request and that time only,
 * so a retry sends byte for byte the same messages under the same keys (Resend refuses a key reused
 * with another body). A success is replayed to a retry with the same request, and refused to a
 * changed one; after a failure, a retry (corrected or not) sends again. Each message also carries its
 * own key to the mail provider (Resend's Idempotency-Key), which covers a restart of the server.
 */

export type ReferralMessageRole = 'service' | 'accuse';

/** The provider-side key of one message of one submission (at most 256 characters for Resend). */
export function messageIdempotencyKey(submissionId: string, role: ReferralMessageRole): string {
  return `passerelle-orientation/${submissionId.toLowerCase()}/${role}`;
}

export interface LedgerOptions {
  /** How long a submission is remembered after its last attempt. */
  ttlMs: number;
  /** Bound on remembered submissions: the oldest go first. */
  maxEntries: number;
  now: () => number;
}

/** What a run of the ledger gives back. */
export type LedgerRun<T> =
  /** The work ran now for this request (`replayed`: false), or its outcome was shared or remembered. */
  | { status: 'done'; value: T; replayed: boolean }
  /** The submission already succeeded with another request: its outcome, not run again. */
  | { status: 'changed'; value: T };

interface Submission<T> {
  /** Epoch milliseconds of the first attempt: the time written in the messages. */
  receivedAt: number;
  /** The request of the attempt running or remembered. */
  fingerprint: string;
  state: 'running' | 'succeeded' | 'failed';
  running?: Promise<{ value: T; keep: boolean }>;
  value?: T;
  expiresAt: number;
}

/** Runs the work of each submission once per request; see the module comment. */
export class SubmissionLedger<T> {
  readonly #options: LedgerOptions;
  readonly #submissions = new Map<string, Submission<T>>();

  constructor(options: Partial<LedgerOptions> = {}) {
    this.#options = { ttlMs: 24 * 60 * 60 * 1000, maxEntries: 10_000, now: Date.now, ...options };
  }

  /**
   * The outcome of `work` for this submission and request (`fingerprint`): run now with the
   * submission's first arrival time, shared with an identical run in progress, or replayed from a
   * success. A different request waits for a run in progress, then runs or gets `changed`.
   * `work` says whether its outcome is a success to keep.
   */
  async run(key: string, fingerprint: string, work: (receivedAt: number) => Promise<{ value: T; keep: boolean }>): Promise<LedgerRun<T>> {
    for (;;) {
      const now = this.#options.now();
      let submission = this.#submissions.get(key);
      if (submission && submission.state !== 'running' && submission.expiresAt <= now) {
        this.#submissions.delete(key);
        submission = undefined;
      }
      if (submission?.state === 'succeeded') {
        const value = submission.value as T;
        return submission.fingerprint === fingerprint ? { status: 'done', value, replayed: true } : { status: 'changed', value };
      }
      if (submission?.state === 'running') {
        const running = submission.running as Promise<{ value: T; keep: boolean }>;
        if (submission.fingerprint === fingerprint) return { status: 'done', value: (await running).value, replayed: true };
        await running.catch(() => undefined);
        continue;
      }
      return this.#start(key, fingerprint, submission?.receivedAt ?? now, work);
    }
  }

  /** How many submissions are remembered (for tests and monitoring). */
  get size(): number {
    return this.#submissions.size;
  }

  async #start(key: string, fingerprint: string, receivedAt: number, work: (receivedAt: number) => Promise<{ value: T; keep: boolean }>): Promise<LedgerRun<T>> {
    const running = work(receivedAt);
    const submission: Submission<T> = { receivedAt, fingerprint, state: 'running', running, expiresAt: Number.POSITIVE_INFINITY };
    this.#submissions.delete(key);
    this.#submissions.set(key, submission);
    try {
      const outcome = await running;
      submission.state = outcome.keep ? 'succeeded' : 'failed';
      submission.value = outcome.value;
      return { status: 'done', value: outcome.value, replayed: false };
    } catch (error) {
      submission.state = 'failed';
      throw error;
    } finally {
      delete submission.running;
      submission.expiresAt = this.#options.now() + this.#options.ttlMs;
      this.#bound();
    }
  }

  /** Beyond the bound, forgets the least recently attempted submissions (never one that is running). */
  #bound(): void {
    for (const [key, submission] of this.#submissions) {
      if (this.#submissions.size <= this.#options.maxEntries) break;
      if (submission.state !== 'running') this.#submissions.delete(key);
    }
  }
}
