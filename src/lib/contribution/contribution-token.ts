/**
 * The signed link of an opt-in ("recevoir les demandes d'orientation"): what the manager asked for,
 * bound to the service's entry as it was when the link was sent, signed with HMAC-SHA-256 under a
 * server secret, valid a few days. Nothing is stored on the server: the link carries it all.
 *
 * Replay without server state: the token carries the hash of the service's published entry. Once the
 * change it asks for is in the content (or any other change to that entry), the hash no longer
 * matches and the link is refused; until then, following it again yields the same change under the
 * same key (same branch, same message idempotency key), which the forge and the mail transports
 * refuse to apply twice.
 *
 * Web Crypto only (no node:*), with the clock and the secret injected, so that tests pin every case.
 */
import { canonicalJson } from '../editing/service-changes.ts';
import { ACCESS_MODES, type AccessMode } from '../services/service-vocabulary.ts';

/** What a confirmation link asks for and binds. */
export interface OptInClaim {
  serviceId: string;
  /** canonicalJson hash of the service entry when the link was sent (see entryHash). */
  entryHash: string;
  /** The published address the link went to: the consent's provenance. */
  confirmedBy: string;
  /** The address that will receive referrals. */
  email: string;
  acceptedAccess: AccessMode[];
  /** Epoch seconds after which the link is refused. */
  expiresAt: number;
}

export type TokenCheck =
  { ok: true; claim: OptInClaim } | { ok: false; reason: 'forge' | 'expire' | 'autre-service' | 'deja-appliquee'; message: string };

export const TOKEN_MESSAGES = {
  forge:
    'Ce lien de confirmation n’est pas valide (il a été modifié ou mal copié) : rien n’a été changé. Copiez le lien entier depuis le message reçu, ou refaites la demande.',
  expire:
    'Ce lien de confirmation a expiré : rien n’a été changé. Refaites la demande depuis la page du service ; un nouveau lien sera envoyé à l’adresse publiée.',
  'autre-service': 'Ce lien de confirmation concerne un autre service : rien n’a été changé. Ouvrez le lien reçu pour ce service-ci.',
  'deja-appliquee':
    'Ce lien a déjà servi, ou la fiche du service a changé depuis son envoi : rien de plus n’a été changé. Si le service ne reçoit toujours pas de demandes, refaites la demande.',
} as const;

const encoder = new TextEncoder();

const base64url = (bytes: Uint8Array): string =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');

function fromBase64url(text: string): Uint8Array | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return undefined;
  try {
    const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
    return Uint8Array.from(binary, (c) => c.charCodeAt(0));
  } catch {
    return undefined;
  }
}

const hmacKey = (secret: string): Promise<CryptoKey> =>
  crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);

/** The hash a token binds: SHA-256 of the entry's canonical JSON, base64url. */
export async function entryHash(entry: unknown): Promise<string> {
  return base64url(new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(canonicalJson(entry)))));
}

/** "<payload>.<signature>", both base64url: a link-safe token. */
export async function signOptIn(claim: OptInClaim, secret: string): Promise<string> {
  const payload = base64url(encoder.encode(JSON.stringify(claim)));
  const signature = new Uint8Array(await crypto.subtle.sign('HMAC', await hmacKey(secret), encoder.encode(payload)));
  return `${payload}.${base64url(signature)}`;
}

function isClaim(value: unknown): value is OptInClaim {
  if (!value || typeof value !== 'object') return false;
  const c = value as Record<string, unknown>;
  return (
    typeof c.serviceId === 'string' &&
    typeof c.entryHash === 'string' &&
    typeof c.confirmedBy === 'string' &&
    typeof c.email === 'string' &&
    typeof c.expiresAt === 'number' &&
    Array.isArray(c.acceptedAccess) &&
    c.acceptedAccess.every((mode) => (ACCESS_MODES as readonly unknown[]).includes(mode))
  );
}

/**
 * Checks a token for a service: signature first (an altered token says nothing more), then the
 * service, the expiry, and the entry it was signed for. `currentHash` is the hash of the entry now.
 */
export async function verifyOptIn(
  token: string,
  expected: { serviceId: string; currentHash: string | undefined; secret: string; now: number },
): Promise<TokenCheck> {
  const refuse = (reason: Exclude<TokenCheck, { ok: true }>['reason']): TokenCheck => ({
    ok: false,
    reason,
    message: TOKEN_MESSAGES[reason],
  });
  const [payload = '', signatureText = '', extra] = token.split('.');
  const signature = fromBase64url(signatureText);
  if (extra !== undefined || !payload || !signature) return refuse('forge');
  // crypto.subtle.verify compares in constant time.
  const valid = await crypto.subtle.verify(
    'HMAC',
    await hmacKey(expected.secret),
    signature as Uint8Array<ArrayBuffer>,
    encoder.encode(payload),
  );
  if (!valid) return refuse('forge');
  let claim: unknown;
  try {
    claim = JSON.parse(new TextDecoder().decode(fromBase64url(payload)));
  } catch {
    return refuse('forge');
  }
  if (!isClaim(claim)) return refuse('forge');
  if (claim.serviceId !== expected.serviceId) return refuse('autre-service');
  if (expected.now / 1000 > claim.expiresAt) return refuse('expire');
  if (claim.entryHash !== expected.currentHash) return refuse('deja-appliquee');
  return { ok: true, claim };
}
