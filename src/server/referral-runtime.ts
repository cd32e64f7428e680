/**
 * The referral endpoint's dependencies in the running server, built once: the transport chosen from
 * the configuration (Resend when RESEND_API_KEY is set, the outbox otherwise), the limits against
 * abuse and the idempotency ledger. Secrets are read here only, through astro:env/server.
 */
import { MAIL_FROM, OUTBOX_DIR, REFERRAL_ACK_LIMIT, REFERRAL_RATE_LIMIT, REFERRAL_SERVICE_LIMIT, RESEND_API_KEY, RESEND_BASE_URL } from 'astro:env/server';
import { getSiteContent } from '../data/content.ts';
import { SubmissionLedger } from '../lib/referral/referral-idempotency.ts';
import { OutboxTransport } from './mail-outbox.ts';
import { ResendTransport } from './mail-resend.ts';
import type { MailTransport } from './mail-transport.ts';
import { createReferralLimiters, startForgettingStaleClients } from './referral-limits.ts';
import type { ReferralDependencies, ReferralOutcome } from './referral-handler.ts';

let dependencies: ReferralDependencies | undefined;

function chooseTransport(): MailTransport {
  if (RESEND_API_KEY) return new ResendTransport({ apiKey: RESEND_API_KEY, ...(RESEND_BASE_URL ? { baseUrl: RESEND_BASE_URL } : {}) });
  return new OutboxTransport({ dir: OUTBOX_DIR });
}

/** The dependencies of POST /api/orientation, shared by every request of this process. */
export function referralDependencies(): ReferralDependencies {
  if (dependencies) return dependencies;
  dependencies = {
    services: async () => (await getSiteContent()).services,
    transport: chooseTransport(),
    mailFrom: MAIL_FROM,
    limiters: createReferralLimiters({
      requestsPerClientPerMinute: REFERRAL_RATE_LIMIT,
      acknowledgementsPerAddressPerHour: REFERRAL_ACK_LIMIT,
      messagesPerServicePerHour: REFERRAL_SERVICE_LIMIT,
    }),
    ledger: new SubmissionLedger<ReferralOutcome>(),
  };
  startForgettingStaleClients(dependencies.limiters);
  return dependencies;
}
