/**
 * The referral endpoint's dependencies in the running server, built once: the transport chosen from
 * the configuration (Resend when RESEND_API_KEY is set, the outbox otherwise), the state (Redis when
 * REDIS_URL is set, this process's memory otherwise: see referral-store.ts) with the limits against
 * abuse and the idempotency ledger. Secrets are read here only, through astro:env/server.
 */
import { join } from 'node:path';
import {
  getSecret,
  MAIL_FROM,
  OUTBOX_DIR,
  REFERRAL_ACK_LIMIT,
  REFERRAL_RATE_LIMIT,
  REFERRAL_SERVICE_LIMIT,
  RESEND_API_KEY,
  RESEND_BASE_URL,
} from 'astro:env/server';
import { getSiteContent } from '../data/content.ts';
import { SubmissionLedger } from '../lib/referral/referral-idempotency.ts';
import { chooseMailTransport } from './mail-choice.ts';
import type { MailTransport } from './mail-transport.ts';
import type { ReferralDependencies, RememberedOutcome } from './referral-handler.ts';
import { createMemoryReferralStore, createRedisReferralStore, type ReferralStore } from './referral-store.ts';

/** The memory store's records, beside the outbox's messages: a digest and a time per submission, for a day. */
export const LEDGER_SUBFOLDER = '.demandes-recues';

let dependencies: Promise<ReferralDependencies> | undefined;
let sharedStore: Promise<ReferralStore<RememberedOutcome>> | undefined;

async function chooseStore(): Promise<ReferralStore<RememberedOutcome>> {
  const limits = {
    requestsPerClientPerMinute: REFERRAL_RATE_LIMIT,
    acknowledgementsPerAddressPerHour: REFERRAL_ACK_LIMIT,
    messagesPerServicePerHour: REFERRAL_SERVICE_LIMIT,
  };
  // Read with getSecret: REDIS_URL may carry a password, and a host may set it after the build.
  const redisUrl = getSecret('REDIS_URL');
  if (redisUrl) return createRedisReferralStore<RememberedOutcome>({ url: redisUrl, limits });
  return createMemoryReferralStore<RememberedOutcome>({ limits, dir: join(OUTBOX_DIR, LEDGER_SUBFOLDER) });
}

/** The server's state (memory or Redis), chosen once: the referral endpoint's, also lent to the contribution endpoint's limits. */
export function serverStore(): Promise<ReferralStore<RememberedOutcome>> {
  sharedStore ??= chooseStore().catch((error: unknown) => {
    sharedStore = undefined;
    throw error;
  });
  return sharedStore;
}

/** The mail transport of the server, one for every endpoint. */
let transport: MailTransport | undefined;
export function serverTransport(): MailTransport {
  transport ??= chooseMailTransport({ RESEND_API_KEY, RESEND_BASE_URL, OUTBOX_DIR });
  return transport;
}

async function build(): Promise<ReferralDependencies> {
  const store = await serverStore();
  console.info(
    `Orientations : état (limites et registre des demandes) ${store.kind === 'redis' ? 'dans Redis, partagé entre les instances' : 'en mémoire, propre à ce processus'}.`,
  );
  return {
    services: async () => (await getSiteContent()).services,
    transport: serverTransport(),
    mailFrom: MAIL_FROM,
    limiters: store.limiters,
    ledger: new SubmissionLedger<RememberedOutcome>(store.submissions, { onStoreError: store.onStoreError }),
  };
}

/** The dependencies of POST /api/orientation, shared by every request of this process. */
export function referralDependencies(): Promise<ReferralDependencies> {
  dependencies ??= build().catch((error: unknown) => {
    dependencies = undefined;
    throw error;
  });
  return dependencies;
}
