/**
 * The referral endpoint's limits against abuse, for JSON clients as much as the browser form (whose
 * honeypot and minimum fill time stop simple robots only), counted by rate-limiter-flexible in the
 * process's memory or in Redis (shared by every instance). Each default is overridable by the
 * environment variable named beside it (declared in astro.config.mjs).
 *
 * No single client can exhaust a service's allowance: a client (an IPv4 address, or an IPv6 /64) may
 * use at most a fifth of it each hour, so that it takes five distinct networks to silence a service
 * for the hour, and a family elsewhere still reaches it. Keys are digests: neither a client's address
 * nor a requester's e-mail address is stored, in memory or in Redis. Counters expire on their own.
 */
import { createHash } from 'node:crypto';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { RedisClientType } from 'redis';

export const REFERRAL_ABUSE_LIMITS = {
  /** REFERRAL_RATE_LIMIT: requests per minute from one client (an IPv4 address, or an IPv6 /64). */
  requestsPerClientPerMinute: 20,
  /**
   * REFERRAL_ACK_LIMIT: acknowledgements per hour to one requester e-mail address (its "+tag" and
   * case ignored). Beyond, the request still reaches the service, without an acknowledgement, and the
   * answer says so: nobody can use the form to flood someone else's mailbox.
   */
  acknowledgementsPerAddressPerHour: 3,
  /**
   * REFERRAL_SERVICE_LIMIT: messages per hour to one service, from all clients together. Beyond, 429
   * with the service's phone: a service that receives a handful of online requests a week is not
   * buried under a flood.
   */
  messagesPerServicePerHour: 20,
} as const;

/** The share of a service's hourly allowance one client may use (see the module comment). */
export const CLIENT_SHARE_OF_SERVICE = 1 / 5;

export type ReferralAbuseLimits = { -readonly [K in keyof typeof REFERRAL_ABUSE_LIMITS]: number };

/** Messages per hour one client may send to one service: a fifth of the service's allowance, at least one. */
export function messagesPerClientPerServicePerHour(messagesPerServicePerHour: number): number {
  return Math.max(1, Math.floor(messagesPerServicePerHour * CLIENT_SHARE_OF_SERVICE));
}

export type RateLimitDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** One counter: counts a hit under a key and says whether it may go on. */
export interface RateLimit {
  hit(key: string): Promise<RateLimitDecision>;
}

/** The counters of the referral endpoint. */
export interface ReferralLimiters {
  /** Requests by client (see rateLimitKey). */
  client: RateLimit;
  /** Messages by client and service (`clientServiceKey`). */
  clientService: RateLimit;
  /** Acknowledgements by requester address (`acknowledgementKey`). */
  acknowledgement: RateLimit;
  /** Messages by service id. */
  service: RateLimit;
}

const digest = (text: string): string => createHash('sha256').update(text).digest('base64url').slice(0, 32);

/** The key of a client's counter: a digest of its rateLimitKey. */
export const clientKey = (rateLimitKey: string): string => digest(`client:${rateLimitKey}`);

/** The key of a client's counter for one service. */
export const clientServiceKey = (rateLimitKey: string, serviceId: string): string => digest(`client:${rateLimitKey}|service:${serviceId}`);

/**
 * The key of an address's acknowledgement counter: a digest of the address in lower case, without
 * its "+tag" (victime+1@, victime+2@… reach the same mailbox, and count as one).
 */
export function acknowledgementKey(email: string): string {
  const address = email.trim().toLowerCase();
  const at = address.lastIndexOf('@');
  const local = at > 0 ? address.slice(0, at) : address;
  const domain = at > 0 ? address.slice(at) : '';
  const plus = local.indexOf('+');
  return digest(`acknowledgement:${plus > 0 ? local.slice(0, plus) : local}${domain}`);
}

export interface LimiterStoreOptions {
  /** Counters in Redis (shared by every instance); in this process's memory otherwise. */
  redis?: RedisClientType;
  /** Told when Redis fails: the request is then let through (fail open). */
  onStoreError?: (error: unknown) => void;
}

const MINUTE_SECONDS = 60;
const HOUR_SECONDS = 60 * MINUTE_SECONDS;

/** A counter over a rate-limiter-flexible limiter; a store failure lets the request through. */
function rateLimit(limiter: RateLimiterAbstract, onStoreError: (error: unknown) => void): RateLimit {
  return {
    async hit(key) {
      try {
        await limiter.consume(key);
        return { allowed: true };
      } catch (refusal) {
        if (refusal instanceof RateLimiterRes)
          return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(refusal.msBeforeNext / 1000)) };
        onStoreError(refusal);
        return { allowed: true };
      }
    },
  };
}

/**
 * One counter named `name`, `points` hits per `duration` seconds, in Redis when given (shared by every
 * instance) or in this process's memory; its keys expire on their own.
 */
export function createRateLimit(
  name: string,
  points: number,
  duration: number,
  { redis, onStoreError = () => undefined }: LimiterStoreOptions = {},
): RateLimit {
  const keyPrefix = `passerelle:limite:${name}`;
  const limiter = redis
    ? new RateLimiterRedis({ storeClient: redis, useRedisPackage: true, rejectIfRedisNotReady: true, keyPrefix, points, duration })
    : new RateLimiterMemory({ keyPrefix, points, duration });
  return rateLimit(limiter, onStoreError);
}

/** The endpoint's counters, in memory or in Redis. */
export function createReferralLimiters(limits: Partial<ReferralAbuseLimits> = {}, options: LimiterStoreOptions = {}): ReferralLimiters {
  const { requestsPerClientPerMinute, acknowledgementsPerAddressPerHour, messagesPerServicePerHour } = {
    ...REFERRAL_ABUSE_LIMITS,
    ...limits,
  };
  const make = (name: string, points: number, duration: number): RateLimit => createRateLimit(name, points, duration, options);
  return {
    client: make('client', requestsPerClientPerMinute, MINUTE_SECONDS),
    clientService: make('client-service', messagesPerClientPerServicePerHour(messagesPerServicePerHour), HOUR_SECONDS),
    acknowledgement: make('accuse', acknowledgementsPerAddressPerHour, HOUR_SECONDS),
    service: make('service', messagesPerServicePerHour, HOUR_SECONDS),
  };
}
