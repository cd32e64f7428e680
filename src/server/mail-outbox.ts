/**
 * The default transport when no Resend key is set (`npm start` on a fresh machine): each message is
 * written atomically (a temporary file, then a rename) as JSON in the outbox folder, under a name
 * derived from its idempotency key, so that a message is written once; like Resend, the same key
 * with another content is refused. Only the path is logged. Files older than the retention period
 * are deleted as new messages arrive, and by `startOutboxRetention` (at server start, then hourly),
 * with the temporary files a crash left half written. The folder is made private (0700) even when it
 * existed before, like its files (0600). A message's attachments are in its JSON and, to be opened or
 * copied as they are, each in a file beside it: `<message>.<attachment name>` (written before the
 * message, so that a message's file is only there once its attachments are).
 *
 * A message is written with synchronous calls: a few kilobytes into a local folder take about 75 µs
 * of CPU that way, against about 400 µs through the thread pool (five round trips per message,
 * measured with the referral benchmark); under load the asynchronous calls cost more of the event loop
 * than the writes block it.
 */
import { randomUUID } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { readdir, rm, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { MailMessage, MailTransport, SendOptions, SendResult } from './mail-transport.ts';

/** How long the outbox keeps a message. */
export const OUTBOX_RETENTION_DAYS = 14;
/** The outbox folder when OUTBOX_DIR is not set. */
export const OUTBOX_DEFAULT_DIR = './outbox';
const PURGE_EVERY_MS = 60 * 60 * 1000;
const RETENTION_MS = OUTBOX_RETENTION_DAYS * 24 * 60 * 60 * 1000;
/** A temporary file lives for microseconds, between its write and its rename: one older was left by a crash. */
const ORPHAN_AFTER_MS = 60 * 1000;

/** Whether a written message has this content (its file also holds its key and the time it was written). */
const sameMessage = (a: MailMessage, b: MailMessage): boolean =>
  a.from === b.from &&
  a.to === b.to &&
  a.replyTo === b.replyTo &&
  a.subject === b.subject &&
  a.text === b.text &&
  a.html === b.html &&
  JSON.stringify(a.attachments ?? []) === JSON.stringify(b.attachments ?? []);

/** A name safe for a file of the outbox. */
const safeName = (name: string): string => name.replace(/[^a-zA-Z0-9.-]+/g, '_').replace(/^\.+/, '_');

/** Deletes the files of a folder older than the retention period, and orphan temporary files; a missing folder has none. */
export async function purgeOutbox(dir: string, now: number = Date.now()): Promise<number> {
  const names = await readdir(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  let removed = 0;
  for (const name of names) {
    const path = join(dir, name);
    const info = await stat(path).catch(() => undefined);
    if (info?.isFile() && info.mtimeMs < now - (name.endsWith('.tmp') ? ORPHAN_AFTER_MS : RETENTION_MS)) {
      await rm(path, { force: true });
      removed++;
    }
  }
  return removed;
}

/**
 * Purges the outbox now, then every hour, for as long as the process runs (the timer never keeps it
 * alive). Returns a function that stops it. A failed purge is reported, never thrown.
 */
export function startOutboxRetention(
  dir: string,
  { log = (line: string) => console.error(line), everyMs = PURGE_EVERY_MS } = {},
): () => void {
  const folder = resolve(dir);
  const purge = (): void => {
    purgeOutbox(folder).catch((error: NodeJS.ErrnoException) => log(`Purge de l’outbox ${folder} impossible (${error.code ?? 'erreur'}).`));
  };
  purge();
  const timer = setInterval(purge, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}

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
  #folderMade = false;
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

  /** The file of a message's attachment, beside the message's own. */
  attachmentFileOf(idempotencyKey: string, filename: string): string {
    return this.fileOf(idempotencyKey).replace(/\.json$/, `.${safeName(filename)}`);
  }

  send(message: MailMessage, { idempotencyKey }: SendOptions): Promise<SendResult> {
    return Promise.resolve(this.#write(message, idempotencyKey));
  }

  /** Writes the message at once (the folder is local), and answers a failure rather than throwing it. */
  #write(message: MailMessage, idempotencyKey: string): SendResult {
    try {
      if (!this.#folderMade) {
        mkdirSync(this.dir, { recursive: true, mode: 0o700 });
        // mkdir leaves an existing folder's mode as it was (0755 by default).
        chmodSync(this.dir, 0o700);
        this.#folderMade = true;
      }
      const path = this.fileOf(idempotencyKey);
      const written = existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as MailMessage) : undefined;
      if (written && !sameMessage(written, message)) {
        return { ok: false, reason: 'un autre message a déjà été écrit sous cette clé', keyReusedWithOtherContent: true };
      }
      if (!written) {
        for (const attachment of message.attachments ?? [])
          this.#writeAtomically(this.attachmentFileOf(idempotencyKey, attachment.filename), attachment.content);
        const record = { ...message, idempotencyKey, writtenAt: new Date(this.#now()).toISOString() };
        this.#writeAtomically(path, JSON.stringify(record, null, 2));
        this.#log(`Message écrit dans ${path}`);
      }
      this.#purgeSometimes();
      return { ok: true, id: path };
    } catch (error) {
      return { ok: false, reason: `écriture dans l’outbox impossible (${(error as NodeJS.ErrnoException).code ?? 'erreur'})` };
    }
  }

  /** A temporary file, then a rename: a reader never sees a file half written. */
  #writeAtomically(path: string, text: string): void {
    const temporary = join(this.dir, `.${randomUUID()}.tmp`);
    writeFileSync(temporary, text, { mode: 0o600 });
    renameSync(temporary, path);
  }

  /** Deletes messages older than the retention period (at most once an hour, in the background). */
  #purgeSometimes(): void {
    const now = this.#now();
    if (now - this.#lastPurge < PURGE_EVERY_MS) return;
    this.#lastPurge = now;
    void this.purge(now).catch(() => undefined);
  }

  purge(now: number = this.#now()): Promise<number> {
    return purgeOutbox(this.dir, now);
  }
}
