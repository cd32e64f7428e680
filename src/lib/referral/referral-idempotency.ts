/**
 * Idempotency: the client's `submissionId` makes a retried or double-clicked submission send each
 * message once. The ledger remembers, for a day, each submission's first arrival time and the
 * fingerprint (a digest) of its validated request: messages are rendered from the request and that
 * time only, so a retry sends byte for byte the same messages under the same keys (Resend refuses a
 * key reused with another body). A success is replayed to a retry with the same request, and refused
 * to a changed one; after a failure, a retry (corrected or not) sends again. Each message also
 * carries its own key to the mail provider (Resend's Idempotency-Key).
 *
 * The records live in a `SubmissionStore`: the process's memory (kept on disk across a restart) or
 * Redis, shared by every instance of the server. Within a process, identical requests share one run;
 * across instances, an attempt holds its submission for a lease, during which another instance waits
 * for its outcome. When the store cannot be read or written, the request is still handled (and the
 * failure reported): the messages' own keys still stop most duplicates.
 */

export type ReferralMessageRole = 'service' | 'accuse';

/** The provider-side key of one message of one submission (at most 256 characters for Resend). */
export function messageIdempotencyKey(submissionId: string, role: ReferralMessageRole): string {
  return `passerelle-orientation/${submissionId.toLowerCase()}/${role}`;
}

/** A submission as a store keeps it: a time, a digest and an outcome, never what the person wrote. */
export interface SubmissionRecord<T> {
  /** Epoch milliseconds of the first attempt: the time written in the messages. */
  receivedAt: number;
  /** The digest of the request of the attempt running or remembered. */
  fingerprint: string;
  state: 'running' | 'succeeded' | 'failed';
  /** While running: until when the attempt holds the submission (after a crash, another may take it). */
  leaseUntil: number;
  /** The outcome of a finished attempt. */
  value?: T;
}

/** Where submissions are remembered; each record expires on its own `ttlMs` after it is written. */
export interface SubmissionStore<T> {
  get(key: string): Promise<SubmissionRecord<T> | undefined>;
  /** Writes the record only if the key has none; whether it did (the first arrival wins). */
  create(key: string, record: SubmissionRecord<T>, ttlMs: number): Promise<boolean>;
  put(key: string, record: SubmissionRecord<T>, ttlMs: number): Promise<void>;
}

export interface LedgerOptions {
  /** How long a submission is remembered after its last attempt. */
  ttlMs: number;
  /** How long an attempt holds its submission: longer than the time allowed to send. */
  leaseMs: number;
  /** How often an instance waiting for another's attempt looks again. */
  pollMs: number;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  /** Told when the store fails; the request goes on without it. */
  onStoreError: (error: unknown) => void;
}

/** What a run of the ledger gives back. */
export type LedgerRun<T> =
  /** The work ran now for this request (`replayed`: false), or its outcome was shared or remembered. */
  | { status: 'done'; value: T; replayed: boolean }
  /** The submission already succeeded with another request: its outcome, not run again. */
  | { status: 'changed'; value: T };

/** What `work` gives back: its outcome, and whether that outcome is a success to keep. */
export type LedgerWork<T> = (receivedAt: number) => Promise<{ value: T; keep: boolean }>;

/** One day: a retry comes within minutes, a resubmission after a restart within hours. */
export const LEDGER_TTL_MS = 24 * 60 * 60 * 1000;

/** Runs the work of each submission once per request; see the module comment. */
export class SubmissionLedger<T> {
  readonly #store: SubmissionStore<T>;
  readonly #options: LedgerOptions;
  readonly #inFlight = new Map<string, { fingerprint: string; run: Promise<LedgerRun<T>> }>();

  constructor(store: SubmissionStore<T>, options: Partial<LedgerOptions> = {}) {
    this.#store = store;
    this.#options = {
      ttlMs: LEDGER_TTL_MS,
      leaseMs: 15_000,
      pollMs: 100,
      now: Date.now,
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
      onStoreError: () => undefined,
      ...options,
    };
  }

  /**
   * The outcome of `work` for this submission and request (`fingerprint`): run now with the
   * submission's first arrival time, shared with an identical run in progress, or replayed from a
   * success. A different request waits for a run in progress, then runs or gets `changed`.
   */
  async run(key: string, fingerprint: string, work: LedgerWork<T>): Promise<LedgerRun<T>> {
    for (;;) {
      const local = this.#inFlight.get(key);
      if (local) {
        if (local.fingerprint === fingerprint) {
          const shared = await local.run;
          return shared.status === 'done' ? { ...shared, replayed: true } : shared;
        }
        await local.run.catch(() => undefined);
        continue;
      }
      const entry = { fingerprint, run: this.#decide(key, fingerprint, work) };
      this.#inFlight.set(key, entry);
      try {
        return await entry.run;
      } finally {
        if (this.#inFlight.get(key) === entry) this.#inFlight.delete(key);
      }
    }
  }

  /** Reads the store, waits for another instance's attempt if one holds the submission, then replays or runs. */
  async #decide(key: string, fingerprint: string, work: LedgerWork<T>): Promise<LedgerRun<T>> {
    const { now, leaseMs, ttlMs } = this.#options;
    for (;;) {
      const arrival = now();
      let record: SubmissionRecord<T> | undefined;
      try {
        record = await this.#store.get(key);
      } catch (error) {
        this.#options.onStoreError(error);
        return this.#attempt(key, fingerprint, arrival, work, false);
      }
      if (record?.state === 'succeeded') {
        const value = record.value as T;
        return record.fingerprint === fingerprint ? { status: 'done', value, replayed: true } : { status: 'changed', value };
      }
      if (record?.state === 'running' && record.leaseUntil > arrival) {
        await this.#options.sleep(this.#options.pollMs);
        continue;
      }
      const claim: SubmissionRecord<T> = {
        receivedAt: record?.receivedAt ?? arrival,
        fingerprint,
        state: 'running',
        leaseUntil: arrival + leaseMs,
      };
      try {
        if (!record) {
          if (!(await this.#store.create(key, claim, ttlMs))) continue;
        } else {
          await this.#store.put(key, claim, ttlMs);
        }
      } catch (error) {
        this.#options.onStoreError(error);
        return this.#attempt(key, fingerprint, claim.receivedAt, work, false);
      }
      return this.#attempt(key, fingerprint, claim.receivedAt, work, true);
    }
  }

  /** Runs the work, then records its outcome (when the store answered so far). */
  async #attempt(key: string, fingerprint: string, receivedAt: number, work: LedgerWork<T>, record: boolean): Promise<LedgerRun<T>> {
    let outcome: { value: T; keep: boolean } | undefined;
    try {
      outcome = await work(receivedAt);
      return { status: 'done', value: outcome.value, replayed: false };
    } finally {
      if (record) {
        const finished: SubmissionRecord<T> = {
          receivedAt,
          fingerprint,
          state: outcome?.keep ? 'succeeded' : 'failed',
          leaseUntil: 0,
          ...(outcome?.keep ? { value: outcome.value } : {}),
        };
        await this.#store.put(key, finished, this.#options.ttlMs).catch((error: unknown) => this.#options.onStoreError(error));
      }
    }
  }
}
