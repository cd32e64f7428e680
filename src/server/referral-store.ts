/**
 * Where the referral endpoint keeps its state: the limits' counters and the idempotency ledger's
 * records, behind one interface with two implementations.
 *
 * - In memory (the default, one process): counters in the process; ledger records also appended to a
 *   journal in a folder (each submission's first arrival time, a digest of the request and the public
 *   outcome), so that a restart does not take an unchanged resubmission for a changed one.
 * - Redis, when REDIS_URL is set (a managed Redis, Upstash over TLS with `rediss://`, Valkey):
 *   shared by every instance of the server and every invocation of a function.
 *
 * Everything expires on its own (Redis TTL, or expiry dates checked on reading and purged). When
 * Redis does not answer, requests are still handled: the limits let them through, and the ledger
 * falls back on this process's copy of the records, each said in the log (at most once a minute); see
 * the README for what that trade-off means.
 */
import { createHash, randomUUID } from 'node:crypto';
import {
  chmodSync,
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { join, resolve } from 'node:path';
import { createClient, type RedisClientType } from 'redis';
import { type SubmissionRecord, type SubmissionStore } from '../lib/referral/referral-idempotency.ts';
import {
  createRateLimit,
  createReferralLimiters,
  type RateLimit,
  type ReferralAbuseLimits,
  type ReferralLimiters,
} from './referral-limits.ts';

/** The state of the referral endpoint. */
export interface ReferralStore<T> {
  /** "mémoire" or "redis", for the start-up log. */
  readonly kind: 'mémoire' | 'redis';
  readonly limiters: ReferralLimiters;
  readonly submissions: SubmissionStore<T>;
  /** Told when the store fails (the runtime logs it). */
  readonly onStoreError: (error: unknown) => void;
  /** Another counter in the same store (the contribution endpoint's limits share it). */
  rateLimit(name: string, points: number, durationSeconds: number): RateLimit;
  close(): Promise<void>;
}

/** A submission's name in memory and on disk: a digest of its key. */
const digestOf = (key: string): string => createHash('sha256').update(key).digest('base64url');

interface StoredRecord<T> {
  record: SubmissionRecord<T>;
  expiresAt: number;
}

export interface MemorySubmissionOptions {
  /** Folder where records are also written, to survive a restart; none: memory only. */
  dir?: string;
  /** Bound on remembered submissions: the oldest go first. */
  maxEntries?: number;
  now?: () => number;
  /** Told when the folder cannot be read or written: the records are then kept in memory only. */
  onStoreError?: (error: unknown) => void;
}

const COMPACT_EVERY_MS = 60 * 60 * 1000;
/** The journal's file in the folder. */
export const LEDGER_JOURNAL = 'registre.jsonl';

/** One line of the journal: a record as written, under the digest of its key. */
interface JournalLine<T> extends StoredRecord<T> {
  name: string;
}

/**
 * Ledger records in this process's memory, also appended to a journal in a folder when one is given
 * (folder 0700, file 0600): one line per write, a single system call, far cheaper than a file per
 * record. On start, the journal is read back (the last line of each submission wins; a line cut by a
 * crash is skipped), records past their expiry are dropped, an attempt that was running is taken as
 * failed (its process is gone) keeping its arrival time, and the journal is rewritten with what remains
 * (atomically); the same compaction runs every hour, so that nothing stays on disk past its day.
 */
export class MemorySubmissionStore<T> implements SubmissionStore<T> {
  /** By digest of the key, oldest write first. */
  readonly #records = new Map<string, StoredRecord<T>>();
  #dir: string | undefined;
  #journal: number | undefined;
  readonly #maxEntries: number;
  readonly #now: () => number;
  readonly #onStoreError: (error: unknown) => void;
  #lastCompaction: number;

  constructor({ dir, maxEntries = 100_000, now = Date.now, onStoreError = () => undefined }: MemorySubmissionOptions = {}) {
    this.#dir = dir ? resolve(dir) : undefined;
    this.#maxEntries = maxEntries;
    this.#now = now;
    this.#onStoreError = onStoreError;
    this.#lastCompaction = now();
    if (this.#dir) {
      try {
        this.#load(this.#dir);
      } catch (error) {
        // A read-only disk (some hosts) must not stop referrals: memory only, said in the log.
        this.#onStoreError(error);
        this.#dir = undefined;
      }
    }
  }

  // The store answers at once (memory, and a journal written synchronously): its promises only
  // give it the same shape as the Redis store.
  get(key: string): Promise<SubmissionRecord<T> | undefined> {
    return Promise.resolve(this.#read(digestOf(key)));
  }

  create(key: string, record: SubmissionRecord<T>, ttlMs: number): Promise<boolean> {
    const name = digestOf(key);
    if (this.#read(name)) return Promise.resolve(false);
    this.#write(name, record, ttlMs);
    return Promise.resolve(true);
  }

  put(key: string, record: SubmissionRecord<T>, ttlMs: number): Promise<void> {
    this.#write(digestOf(key), record, ttlMs);
    return Promise.resolve();
  }

  /** The record under a digested key, forgotten once it has expired. */
  #read(name: string): SubmissionRecord<T> | undefined {
    const stored = this.#records.get(name);
    if (!stored) return undefined;
    if (stored.expiresAt > this.#now()) return stored.record;
    this.#records.delete(name);
    return undefined;
  }

  /** How many submissions are remembered. */
  get size(): number {
    return this.#records.size;
  }

  #write(name: string, record: SubmissionRecord<T>, ttlMs: number): void {
    const stored: StoredRecord<T> = { record, expiresAt: this.#now() + ttlMs };
    this.#records.delete(name);
    this.#records.set(name, stored);
    for (const oldest of this.#records.keys()) {
      if (this.#records.size <= this.#maxEntries) break;
      this.#records.delete(oldest);
    }
    if (this.#journal === undefined) return;
    try {
      // Synchronous like the outbox's writes: one short line costs less that way than through the thread pool.
      writeSync(this.#journal, `${JSON.stringify({ name, ...stored } satisfies JournalLine<T>)}\n`);
      if (this.#now() - this.#lastCompaction >= COMPACT_EVERY_MS) this.#compact();
    } catch (error) {
      this.#onStoreError(error);
    }
  }

  /** Reads the journal back (see the class comment), then compacts it. */
  #load(dir: string): void {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    // A folder made earlier, by hand or by an older version, keeps its mode otherwise.
    chmodSync(dir, 0o700);
    const path = join(dir, LEDGER_JOURNAL);
    const text = existsSync(path) ? readFileSync(path, 'utf8') : '';
    for (const line of text.split('\n')) {
      let entry: JournalLine<T> | undefined;
      try {
        entry = line ? (JSON.parse(line) as JournalLine<T>) : undefined;
      } catch {
        entry = undefined;
      }
      if (!entry?.name || !entry.record) continue;
      const record = entry.record.state === 'running' ? { ...entry.record, state: 'failed' as const, leaseUntil: 0 } : entry.record;
      this.#records.delete(entry.name);
      this.#records.set(entry.name, { record, expiresAt: entry.expiresAt });
    }
    this.#compact();
  }

  /** Drops expired records and rewrites the journal with the others (a temporary file, then a rename). */
  #compact(): void {
    const dir = this.#dir as string;
    const now = this.#now();
    this.#lastCompaction = now;
    for (const [name, stored] of this.#records) if (stored.expiresAt <= now) this.#records.delete(name);
    const lines = [...this.#records].map(([name, stored]) => `${JSON.stringify({ name, ...stored } satisfies JournalLine<T>)}\n`).join('');
    const temporary = join(dir, `.${randomUUID()}.tmp`);
    writeFileSync(temporary, lines, { mode: 0o600 });
    renameSync(temporary, join(dir, LEDGER_JOURNAL));
    if (this.#journal !== undefined) closeSync(this.#journal);
    this.#journal = openSync(join(dir, LEDGER_JOURNAL), 'a', 0o600);
    // Leftovers of a compaction cut short by a crash.
    for (const file of readdirSync(dir)) if (file.endsWith('.tmp')) rmSync(join(dir, file), { force: true });
  }
}

/** Ledger records in Redis, under `passerelle:demande:<digest of the key>`, each with its TTL. */
export class RedisSubmissionStore<T> implements SubmissionStore<T> {
  readonly #client: RedisClientType;

  constructor(client: RedisClientType) {
    this.#client = client;
  }

  async get(key: string): Promise<SubmissionRecord<T> | undefined> {
    const text = await this.#client.get(redisKey(key));
    return text ? (JSON.parse(text) as SubmissionRecord<T>) : undefined;
  }

  async create(key: string, record: SubmissionRecord<T>, ttlMs: number): Promise<boolean> {
    return (await this.#client.set(redisKey(key), JSON.stringify(record), { PX: ttlMs, NX: true })) === 'OK';
  }

  async put(key: string, record: SubmissionRecord<T>, ttlMs: number): Promise<void> {
    await this.#client.set(redisKey(key), JSON.stringify(record), { PX: ttlMs });
  }
}

const redisKey = (key: string): string => `passerelle:demande:${digestOf(key)}`;

/**
 * The shared records, with a copy in this process's memory that answers while the shared store does
 * not: during an outage, an instance still recognises the submissions it handled itself (an unchanged
 * resubmission gets its 200, not a 409), and goes on recording new ones. Every failure is reported.
 */
export class FallbackSubmissionStore<T> implements SubmissionStore<T> {
  readonly #shared: SubmissionStore<T>;
  readonly #local: SubmissionStore<T>;
  readonly #onStoreError: (error: unknown) => void;

  constructor(shared: SubmissionStore<T>, local: SubmissionStore<T>, onStoreError: (error: unknown) => void) {
    this.#shared = shared;
    this.#local = local;
    this.#onStoreError = onStoreError;
  }

  async get(key: string): Promise<SubmissionRecord<T> | undefined> {
    try {
      return await this.#shared.get(key);
    } catch (error) {
      this.#onStoreError(error);
      return this.#local.get(key);
    }
  }

  async create(key: string, record: SubmissionRecord<T>, ttlMs: number): Promise<boolean> {
    let created: boolean;
    try {
      created = await this.#shared.create(key, record, ttlMs);
    } catch (error) {
      this.#onStoreError(error);
      return this.#local.create(key, record, ttlMs);
    }
    if (created) await this.#local.put(key, record, ttlMs);
    return created;
  }

  async put(key: string, record: SubmissionRecord<T>, ttlMs: number): Promise<void> {
    await this.#local.put(key, record, ttlMs);
    await this.#shared.put(key, record, ttlMs).catch((error: unknown) => this.#onStoreError(error));
  }
}

/** What a failure of each store means for the requests, in the log. */
const FAILURE_CONSEQUENCE = {
  mémoire: 'les demandes sont traitées, leur registre gardé en mémoire seulement (oublié au redémarrage)',
  redis: 'les demandes sont traitées sans limites partagées ni registre partagé, en attendant son retour',
} as const;

/** Reports store failures to the log, at most one line a minute, never a key or a value. */
export function storeErrorReporter(
  kind: ReferralStore<unknown>['kind'],
  log: (line: string) => void,
  now: () => number = Date.now,
): (error: unknown) => void {
  let last = Number.NEGATIVE_INFINITY;
  let missed = 0;
  return (error) => {
    if (now() - last < 60_000) {
      missed++;
      return;
    }
    const cause = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    log(
      `État des orientations (${kind}) indisponible (${cause.slice(0, 200)}${missed ? ` ; ${missed} autre(s) échec(s) depuis le dernier message` : ''}) : ${FAILURE_CONSEQUENCE[kind]}.`,
    );
    last = now();
    missed = 0;
  };
}

export interface ReferralStoreOptions {
  limits?: Partial<ReferralAbuseLimits>;
  log?: (line: string) => void;
}

/** The default store: this process's memory, ledger records also written to `dir` when given. */
export function createMemoryReferralStore<T>({
  limits,
  log = (line) => console.error(line),
  dir,
}: ReferralStoreOptions & { dir?: string } = {}): ReferralStore<T> {
  const onStoreError = storeErrorReporter('mémoire', log);
  return {
    kind: 'mémoire',
    limiters: createReferralLimiters(limits, { onStoreError }),
    submissions: new MemorySubmissionStore<T>(dir ? { dir, onStoreError } : {}),
    onStoreError,
    rateLimit: (name, points, durationSeconds) => createRateLimit(name, points, durationSeconds, { onStoreError }),
    close: () => Promise.resolve(),
  };
}

export interface RedisStoreOptions extends ReferralStoreOptions {
  /** redis://, rediss:// (TLS), with the password in the URL when the host gives one. */
  url: string;
  /** Longest wait for one command; beyond, the request goes on without it. */
  commandTimeoutMs?: number;
  /** Longest wait for the first connection at start. */
  connectTimeoutMs?: number;
}

/**
 * The shared store: counters and ledger records in Redis. Waits for the first connection (up to
 * `connectTimeoutMs`) and goes on without it if Redis is not there yet: it keeps reconnecting in the
 * background, and meanwhile each command fails at once instead of queueing.
 */
export async function createRedisReferralStore<T>({
  url,
  limits,
  log = (line) => console.error(line),
  commandTimeoutMs = 500,
  connectTimeoutMs = 2000,
}: RedisStoreOptions): Promise<ReferralStore<T>> {
  const onStoreError = storeErrorReporter('redis', log);
  const client: RedisClientType = createClient({
    url,
    disableOfflineQueue: true,
    commandOptions: { timeout: commandTimeoutMs, rejectInFlight: true },
    socket: { connectTimeout: connectTimeoutMs, reconnectStrategy: (retries) => Math.min(100 * 2 ** retries, 5000) },
  });
  client.on('error', onStoreError);
  const connected = client.connect().then(
    () => true,
    (error: unknown) => (onStoreError(error), false),
  );
  const waited = await Promise.race([connected, new Promise<false>((done) => setTimeout(() => done(false), connectTimeoutMs).unref())]);
  if (!waited) onStoreError(new Error(`pas de connexion à Redis après ${connectTimeoutMs} ms`));
  return {
    kind: 'redis',
    limiters: createReferralLimiters(limits, { redis: client, onStoreError }),
    submissions: new FallbackSubmissionStore<T>(new RedisSubmissionStore<T>(client), new MemorySubmissionStore<T>(), onStoreError),
    onStoreError,
    rateLimit: (name, points, durationSeconds) => createRateLimit(name, points, durationSeconds, { redis: client, onStoreError }),
    close: async () => {
      await connected;
      if (client.isOpen) await client.close();
    },
  };
}
