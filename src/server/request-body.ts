/**
 * Reading a referral request's body safely: a size limit enforced while reading (not only from
 * Content-Length), two content types (the browser form and JSON), strict UTF-8, and objects built
 * without prototype so that `__proto__`, `constructor` or `prototype` keys are refused, never applied.
 */
import type { FormFields } from '../lib/referral/referral-form.ts';

export type ParsedBody =
  | { ok: true; format: 'form'; fields: FormFields }
  | { ok: true; format: 'json'; data: unknown }
  | { ok: false; status: 413 | 415 | 422; message: string };

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export const BODY_MESSAGES = {
  tooLarge: (maxBytes: number) =>
    `La demande est trop volumineuse (plus de ${Math.round(maxBytes / 1024)} Ko) : raccourcissez le message puis renvoyez-la.`,
  contentType: 'Type de contenu non accepté : envoyez le formulaire (application/x-www-form-urlencoded) ou du JSON (application/json).',
  encoding: 'La demande contient des caractères mal encodés : elle doit être en UTF-8.',
  json: 'Le corps de la demande n’est pas un objet JSON valide.',
  forbiddenKey: (key: string) => `Champ interdit « ${key} » : la demande n’est pas acceptée.`,
} as const;

/** The media type of a Content-Type header, lower case, without parameters. */
export function mediaType(contentType: string | null): string {
  return (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

/** The body as text, or undefined when it exceeds `maxBytes` (the reading stops there). */
export async function readLimitedText(request: Request, maxBytes: number): Promise<string | undefined> {
  const declared = Number(request.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    void request.body?.cancel().catch(() => undefined);
    return undefined;
  }
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      void reader.cancel().catch(() => undefined);
      return undefined;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
}

/** The first forbidden key found anywhere in a JSON value. */
export function forbiddenKeyIn(value: unknown, depth = 0): string | undefined {
  if (depth > 8 || value === null || typeof value !== 'object') return undefined;
  for (const key of Object.keys(value)) {
    if (FORBIDDEN_KEYS.has(key)) return key;
    const found = forbiddenKeyIn((value as Record<string, unknown>)[key], depth + 1);
    if (found) return found;
  }
  return undefined;
}

/** Reads and parses a referral request's body. */
export async function parseReferralBody(request: Request, maxBytes: number): Promise<ParsedBody> {
  const type = mediaType(request.headers.get('content-type'));
  if (type !== 'application/json' && type !== 'application/x-www-form-urlencoded') {
    void request.body?.cancel().catch(() => undefined);
    return { ok: false, status: 415, message: BODY_MESSAGES.contentType };
  }
  let text: string | undefined;
  try {
    text = await readLimitedText(request, maxBytes);
  } catch {
    return { ok: false, status: 422, message: BODY_MESSAGES.encoding };
  }
  if (text === undefined) return { ok: false, status: 413, message: BODY_MESSAGES.tooLarge(maxBytes) };
  if (type === 'application/json') {
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      return { ok: false, status: 422, message: BODY_MESSAGES.json };
    }
    if (data === null || typeof data !== 'object' || Array.isArray(data)) return { ok: false, status: 422, message: BODY_MESSAGES.json };
    const forbidden = forbiddenKeyIn(data);
    if (forbidden) return { ok: false, status: 422, message: BODY_MESSAGES.forbiddenKey(forbidden) };
    return { ok: true, format: 'json', data };
  }
  const fields: FormFields = Object.create(null) as FormFields;
  for (const [name, value] of new URLSearchParams(text)) {
    if (FORBIDDEN_KEYS.has(name)) return { ok: false, status: 422, message: BODY_MESSAGES.forbiddenKey(name) };
    // A repeated field keeps its first value: the form never repeats one.
    if (!(name in fields)) fields[name] = value;
  }
  return { ok: true, format: 'form', fields };
}
