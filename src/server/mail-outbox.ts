/**
 * The default transport when no Resend key is set (`npm start` on a fresh machine): each message is
 * written atomically (a temporary file, then a rename) as JSON in the outbox folder, under a name
 * derived from its idempotency key, so that a message is written once. Only the path is logged.
 * Files older than the retention period are deleted as new messages arrive.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { MailMessage, MailTransport, SendOptions, SendResult } from './mail-transport.ts';

/** How long the outbox keeps a message. */
export const OUTBOX_RETENTION_DAYS = 14;
const PURGE_EVERY_MS = 60 * 60 * 1000;

export interface OutboxOptions {
  dir: string;
  log?: (line: string) => void;
  now?: () => number;
}

export class OutboxTransport implements MailTransport {
  readonly name = 'outbox';
  readonly dir: string;
  readonly #log: (line: string) => void;
  readonly #now: () => number;
  #ready: Promise<unknown> | undefined;
  #lastPurge = 0;

  constructor(options: OutboxOptions) {
    this.dir = resolve(options.dir);
    this.#log = options.log ?? ((line) => console.info(line));
    this.#now = options.now ?? Date.now;
  }

  /** The file of a message: its idempotency key, made safe for a file name. */
  fileOf(idempotencyKey: string): string {
    return join(this.dir, `${idempotencyKey.replace(/[^a-zA-Z0-9-]+/g, '_')}.json`);
  }

  async send(message: MailMessage, { idempotencyKey }: SendOptions): Promise<SendResult> {
    try {
      this.#ready ??= mkdir(this.dir, { recursive: true, mode: 0o700 });
      await this.#ready;
      const path = this.fileOf(idempotencyKey);
      const exists = await stat(path).then(
        () => true,
        () => false,
      );
      if (!exists) {
        const temporary = join(this.dir, `.${randomUUID()}.tmp`);
        const record = { ...message, idempotencyKey, writtenAt: new Date(this.#now()).toISOString() };
        await writeFile(temporary, JSON.stringify(record, null, 2), { mode: 0o600 });
        await rename(temporary, path);
        this.#log(`Message d’orientation écrit dans ${path}`);
      }
      this.#purgeSometimes();
      return { ok: true, id: path };
    } catch (error) {
      return { ok: false, reason: `écriture dans l’outbox impossible (${(error as NodeJS.ErrnoException).code ?? 'erreur'})` };
    }
  }

  /** Deletes messages older than the retention period (at most once an hour, in the background). */
  #purgeSometimes(): void {
    const now = this.#now();
    if (now - this.#lastPurge < PURGE_EVERY_MS) return;
    this.#lastPurge = now;
    void this.purge(now).catch(() => undefined);
  }

  async purge(now: number = this.#now()): Promise<number> {
    const limit = now - OUTBOX_RETENTION_DAYS * 24 * 60 * 60 * 1000;
    let removed = 0;
    for (const name of await readdir(this.dir)) {
      const path = join(this.dir, name);
      const info = await stat(path).catch(() => undefined);
      if (info?.isFile() && info.mtimeMs < limit) {
        await rm(path, { force: true });
        removed++;
      }
    }
    return removed;
  }
}
