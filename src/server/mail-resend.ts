/**
 * Sending through Resend with its SDK. Each message carries its idempotency key; 429, 5xx, network
 * failures and a concurrent request under the same key are retried with exponential backoff (and
 * Retry-After when given) while the request's time budget lasts. Other errors (a refused address, a
 * bad key) are not retried.
 *
 * Resend and idempotency keys (https://resend.com/docs/dashboard/emails/idempotency-keys): the same
 * key with the same payload within 24 hours answers like the first request (the first email's id)
 * without sending again; 409 `concurrent_idempotent_requests` while a request with that key is still
 * in progress (safe to retry later); 409 `invalid_idempotent_request` when the key was already used
 * with another payload (useless to retry).
 */
import { Resend } from 'resend';
import type { MailMessage, MailTransport, SendOptions, SendResult } from './mail-transport.ts';

export interface ResendOptions {
  apiKey: string;
  /** Another API root (tests point it at a local recording server). */
  baseUrl?: string;
  /** First backoff delay; doubled at each attempt. */
  baseDelayMs?: number;
  /** Longest wait for one HTTP call. */
  attemptTimeoutMs?: number;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

const sleepFor = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Resend's 409 names for idempotency keys. */
export const RESEND_CONCURRENT_REQUEST = 'concurrent_idempotent_requests';
export const RESEND_KEY_REUSED = 'invalid_idempotent_request';

/** Whether a Resend error is worth another attempt: rate limit, server error, the same key still in progress, or no answer at all. */
export function isRetryable(statusCode: number | null | undefined, name?: string): boolean {
  if (statusCode === null || statusCode === undefined)
    return name !== 'validation_error' && name !== 'missing_api_key' && name !== 'invalid_api_key';
  return statusCode === 429 || statusCode >= 500 || (statusCode === 409 && name === RESEND_CONCURRENT_REQUEST);
}

export class ResendTransport implements MailTransport {
  readonly name = 'resend';
  readonly #client: Resend;
  readonly #baseDelayMs: number;
  readonly #attemptTimeoutMs: number;
  readonly #sleep: (ms: number) => Promise<void>;
  readonly #now: () => number;

  constructor(options: ResendOptions) {
    this.#client = new Resend(options.apiKey, options.baseUrl ? { baseUrl: options.baseUrl } : undefined);
    this.#baseDelayMs = options.baseDelayMs ?? 200;
    this.#attemptTimeoutMs = options.attemptTimeoutMs ?? 4000;
    this.#sleep = options.sleep ?? sleepFor;
    this.#now = options.now ?? Date.now;
  }

  async send(message: MailMessage, { idempotencyKey, deadline }: SendOptions): Promise<SendResult> {
    let reason = 'aucune tentative';
    for (let attempt = 0; ; attempt++) {
      const remaining = deadline - this.#now();
      if (remaining <= 0) return { ok: false, reason: `délai dépassé après ${attempt} tentative(s) : ${reason}` };
      const { data, error, headers } = await this.#client.emails.send(
        {
          from: message.from,
          to: [message.to],
          ...(message.replyTo ? { replyTo: message.replyTo } : {}),
          subject: message.subject,
          text: message.text,
          html: message.html,
          // The SDK reads a string as base64: the file's text goes as its UTF-8 bytes.
          ...(message.attachments?.length
            ? {
                attachments: message.attachments.map((a) => ({
                  filename: a.filename,
                  content: Buffer.from(a.content, 'utf8'),
                  ...(a.contentType ? { contentType: a.contentType } : {}),
                })),
              }
            : {}),
        },
        { idempotencyKey, signal: AbortSignal.timeout(Math.min(this.#attemptTimeoutMs, remaining)) },
      );
      if (data) return { ok: true, id: data.id };
      const statusCode = error?.statusCode ?? null;
      reason = `Resend ${statusCode ?? 'sans réponse'} ${error?.name ?? ''}`.trim();
      if (statusCode === 409 && error?.name === RESEND_KEY_REUSED) return { ok: false, reason, keyReusedWithOtherContent: true };
      if (!isRetryable(statusCode, error?.name)) return { ok: false, reason };
      const retryAfterSeconds = Number(headers?.['retry-after']);
      const backoff = this.#baseDelayMs * 2 ** attempt * (0.75 + Math.random() * 0.5);
      const wait = Number.isFinite(retryAfterSeconds) && retryAfterSeconds > 0 ? Math.max(backoff, retryAfterSeconds * 1000) : backoff;
      if (this.#now() + wait >= deadline) return { ok: false, reason: `délai dépassé : ${reason}` };
      await this.#sleep(wait);
    }
  }
}
