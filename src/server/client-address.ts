/**
 * Who is asking, for the rate limits: the client's address as the server sees it, or, behind a
 * trusted reverse proxy (TRUST_PROXY), as the proxy reports it; then the key the limits count on.
 */
import { isIP } from 'node:net';

/** TRUST_PROXY: off unless set explicitly to "1" or "true"; any other value is a mistake worth stopping for. */
export function parseTrustProxy(value: string | undefined): boolean {
  const setting = (value ?? '').trim().toLowerCase();
  if (setting === '' || setting === '0' || setting === 'false') return false;
  if (setting === '1' || setting === 'true') return true;
  throw new Error(`TRUST_PROXY vaut « ${value} » : écrivez 1 (derrière un proxy inverse de confiance) ou 0.`);
}

/** An address from a forwarding header entry: bare, "[v6]:port" or "v4:port"; undefined when it is not an IP address. */
function bareAddress(entry: string): string | undefined {
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(entry);
  const candidate = bracketed ? (bracketed[1] as string) : /^[\d.]+:\d+$/.test(entry) ? (entry.split(':')[0] as string) : entry;
  return isIP(candidate.split('%')[0] as string) ? candidate : undefined;
}

/**
 * The client's address behind a trusted proxy: the rightmost X-Forwarded-For entry, the one the proxy
 * itself added (entries to its left come from the client and can be forged). Undefined when absent or
 * not an address, so that the caller keeps the socket's.
 */
export function forwardedClientAddress(header: string | string[] | undefined): string | undefined {
  const entries = (Array.isArray(header) ? header.join(',') : (header ?? '')).split(',').map((entry) => entry.trim());
  const last = entries.filter(Boolean).at(-1);
  return last ? bareAddress(last) : undefined;
}

/** The protocol the client used, from the proxy's X-Forwarded-Proto (its rightmost value), or undefined. */
export function forwardedProtocol(header: string | string[] | undefined): 'http' | 'https' | undefined {
  const last = (Array.isArray(header) ? header.join(',') : (header ?? '')).split(',').at(-1)?.trim().toLowerCase();
  return last === 'https' || last === 'http' ? last : undefined;
}

/** The eight 16-bit groups of an IPv6 address, as numbers (an embedded IPv4 tail counts as two). */
function ipv6Groups(address: string): number[] {
  const toGroups = (part: string): number[] =>
    part
      ? part.split(':').flatMap((group) => {
          if (!group.includes('.')) return [Number.parseInt(group, 16)];
          const [a, b, c, d] = group.split('.').map(Number) as [number, number, number, number];
          return [(a << 8) | b, (c << 8) | d];
        })
      : [];
  const [head = '', tail] = address.split('::');
  const start = toGroups(head);
  const end = tail === undefined ? [] : toGroups(tail);
  return [...start, ...Array<number>(8 - start.length - end.length).fill(0), ...end];
}

/**
 * The key a client is counted under: an IPv4 address as it is (an IPv4-mapped IPv6 address included);
 * an IPv6 address by its /64 network, since one subscriber usually holds a whole /64 and could
 * otherwise take a new address for every request.
 */
export function rateLimitKey(address: string): string {
  const bare = address.trim().split('%')[0] as string;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(bare);
  if (mapped) return mapped[1] as string;
  if (isIP(bare) !== 6) return bare;
  return `${ipv6Groups(bare.toLowerCase())
    .slice(0, 4)
    .map((group) => group.toString(16))
    .join(':')}::/64`;
}
