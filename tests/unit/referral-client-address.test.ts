import { describe, expect, it } from 'vitest';
import { forwardedClientAddress, forwardedProtocol, parseTrustProxy, rateLimitKey } from '../../src/server/client-address.ts';

describe('client address behind a reverse proxy (TRUST_PROXY)', () => {
  it('is off unless set to 1 or true, and refuses anything else', () => {
    expect([undefined, '', '0', 'false'].map(parseTrustProxy)).toEqual([false, false, false, false]);
    expect(['1', 'true', ' TRUE '].map(parseTrustProxy)).toEqual([true, true, true]);
    expect(() => parseTrustProxy('oui')).toThrow(/TRUST_PROXY vaut « oui »/);
  });

  it('takes the rightmost X-Forwarded-For entry, the one the proxy added', () => {
    expect(forwardedClientAddress('203.0.113.7')).toBe('203.0.113.7');
    // The client wrote the first entries itself: they may be forged.
    expect(forwardedClientAddress('1.1.1.1, 10.0.0.1,203.0.113.7')).toBe('203.0.113.7');
    expect(forwardedClientAddress(['1.1.1.1', '203.0.113.8'])).toBe('203.0.113.8');
    expect(forwardedClientAddress('203.0.113.7:51234')).toBe('203.0.113.7');
    expect(forwardedClientAddress('[2001:db8::1]:443')).toBe('2001:db8::1');
    expect(forwardedClientAddress('2001:db8::1')).toBe('2001:db8::1');
    expect(forwardedClientAddress('1.1.1.1, pas-une-adresse')).toBeUndefined();
    expect(forwardedClientAddress('')).toBeUndefined();
    expect(forwardedClientAddress(undefined)).toBeUndefined();
  });

  it('takes the protocol from X-Forwarded-Proto, http or https only', () => {
    expect(forwardedProtocol('https')).toBe('https');
    expect(forwardedProtocol('http, HTTPS')).toBe('https');
    expect(forwardedProtocol('ftp')).toBeUndefined();
    expect(forwardedProtocol(undefined)).toBeUndefined();
  });
});

describe('rate limit key', () => {
  it('keeps an IPv4 address, mapped into IPv6 or not', () => {
    expect(rateLimitKey('203.0.113.7')).toBe('203.0.113.7');
    expect(rateLimitKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
  });

  it('counts an IPv6 address by its /64, however it is written', () => {
    const key = rateLimitKey('2001:db8:85a3:8d3:1319:8a2e:370:7348');
    expect(key).toBe('2001:db8:85a3:8d3::/64');
    expect(rateLimitKey('2001:0DB8:85a3:08d3::1')).toBe(key);
    expect(rateLimitKey('2001:db8:85a3:8d3:ffff:ffff:ffff:ffff%eth0')).toBe(key);
    expect(rateLimitKey('2001:db8:85a3:8d4::1')).not.toBe(key);
    expect(rateLimitKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(rateLimitKey('::1')).toBe('0:0:0:0::/64');
    expect(rateLimitKey('64:ff9b::203.0.113.7')).toBe('64:ff9b:0:0::/64');
  });

  it('leaves anything else as it is', () => {
    expect(rateLimitKey('inconnu')).toBe('inconnu');
  });
});
