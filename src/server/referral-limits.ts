/**
 * The referral endpoint's limits against abuse, for JSON clients as much as the browser form (whose
 * honeypot and minimum fill time stop simple robots only). Each default is overridable by the
 * environment variable named beside it (declared in astro.config.mjs).
 */
import { RateLimiter } from './rate-limit.ts';

export const REFERRAL_ABUSE_LIMITS = {
  /** REFERRAL_RATE_LIMIT: requests per minute from one client (an IPv4 address, or an IPv6 /64). */
  requestsPerClientPerMinute: 20,
  /**
   * REFERRAL_ACK_LIMIT: acknowledgements per hour to one requester e-mail address. Beyond, the request
   * still reaches the service, without an acknowledgement, and the answer says so: nobody can use the
   * form to flood someone else's mailbox.
   */
  acknowledgementsPerAddressPerHour: 3,
  /**
   * REFERRAL_SERVICE_LIMIT: messages per hour to one service. Beyond, 429 with the service's phone: a
   * service that receives a handful of online requests a week is not buried under a flood.
   */
  messagesPerServicePerHour: 20,
} as const;

export type ReferralAbuseLimits = { -readonly [K in keyof typeof REFERRAL_ABUSE_LIMITS]: number };

/** The three counters of the referral endpoint. */
export interface ReferralLimiters {
  /** Requests by client (see rateLimitKey). */
  client: RateLimiter;
  /** Acknowledgements by requester address (counted under a hash: no address is kept in memory). */
  acknowledgement: RateLimiter;
  /** Messages by service id. */
  service: RateLimiter;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export function createReferralLimiters(limits: Partial<ReferralAbuseLimits> = {}, now?: () => number): ReferralLimiters {
  const { requestsPerClientPerMinute, acknowledgementsPerAddressPerHour, messagesPerServicePerHour } = { ...REFERRAL_ABUSE_LIMITS, ...limits };
  const clock = now ? { now } : {};
  return {
    client: new RateLimiter({ limit: requestsPerClientPerMinute, windowMs: MINUTE, ...clock }),
    acknowledgement: new RateLimiter({ limit: acknowledgementsPerAddressPerHour, windowMs: HOUR, ...clock }),
    service: new RateLimiter({ limit: messagesPerServicePerHour, windowMs: HOUR, ...clock }),
  };
}

/**
 * Forgets stale clients every minute even when no request comes, for as long as the process runs (the
 * timer never keeps it alive): an address is not kept past a few minutes. Returns a function that stops it.
 */
export function startForgettingStaleClients(limiters: ReferralLimiters, everyMs = MINUTE): () => void {
  const timer = setInterval(() => {
    for (const limiter of Object.values(limiters)) limiter.forgetStale();
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
