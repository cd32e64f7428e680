/**
 * The contribution endpoint's dependencies in the running server, built once, from the configuration
 * read here only (astro:env/server). Every variable is optional: without a forge, changes go to the
 * moderators by e-mail through the referral endpoint's transport (Resend or the outbox); without a
 * secret, one is drawn at start (confirmation links then last until the server restarts).
 */
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  CONTRIBUTION_FORGE_API_URL,
  CONTRIBUTION_FORGE_REPOSITORY,
  CONTRIBUTION_FORGE_TOKEN,
  CONTRIBUTION_MODERATORS_EMAIL,
  CONTRIBUTION_SECRET,
  CONTRIBUTION_SITE_URL,
  MAIL_FROM,
} from 'astro:env/server';
import { getSiteContent } from '../data/content.ts';
import { serviceContentFile } from '../lib/services/service-feedback.ts';
import type { ContributionDependencies } from './contribution-handler.ts';
import { chooseForge } from './moderation-delivery.ts';
import { serverStore, serverTransport } from './referral-runtime.ts';

/** The limits against abuse: per client and minute, per e-mail address and hour. */
export const CONTRIBUTION_ABUSE_LIMITS = { requestsPerClientPerMinute: 10, messagesPerAddressPerHour: 5 } as const;

let dependencies: Promise<ContributionDependencies> | undefined;

// The same folder the build read its collections from (src/content.config.ts).
const contentDir = process.env.PASSERELLE_CONTENT_DIR ?? './content';

/** The dependencies of POST /api/contribution, shared by every request of this process. */
export function contributionDependencies(site: URL | undefined): Promise<ContributionDependencies> {
  dependencies ??= build(site).catch((error: unknown) => {
    dependencies = undefined;
    throw error;
  });
  return dependencies;
}

async function build(site: URL | undefined): Promise<ContributionDependencies> {
  // The same state as the referral endpoint (memory or Redis): counters shared by every instance.
  const store = await serverStore();
  const forge = chooseForge({ CONTRIBUTION_FORGE_TOKEN, CONTRIBUTION_FORGE_REPOSITORY, CONTRIBUTION_FORGE_API_URL }, (problem) =>
    console.error(`${problem} Les contributions partent aux modérateurs par e-mail.`),
  );
  if (!CONTRIBUTION_SECRET)
    console.warn(
      'CONTRIBUTION_SECRET absent : les liens de confirmation envoyés ne vaudront que jusqu’au prochain redémarrage du serveur.',
    );
  return {
    content: async () => {
      const { services, organisations } = await getSiteContent();
      return { services, organisations };
    },
    serviceFileText: (id) =>
      forge ? forge.fileText(serviceContentFile(id)) : readFile(join(contentDir, 'services', `${id}.yaml`), 'utf8'),
    // One transport for the whole server: the referral endpoint's.
    transport: serverTransport(),
    mailFrom: MAIL_FROM,
    moderators: CONTRIBUTION_MODERATORS_EMAIL,
    secret: CONTRIBUTION_SECRET ?? randomBytes(32).toString('base64url'),
    siteUrl: CONTRIBUTION_SITE_URL ?? site?.href ?? 'http://localhost:4321/',
    ...(forge ? { forge } : {}),
    limiters: {
      client: store.rateLimit('contribution-client', CONTRIBUTION_ABUSE_LIMITS.requestsPerClientPerMinute, 60),
      address: store.rateLimit('contribution-adresse', CONTRIBUTION_ABUSE_LIMITS.messagesPerAddressPerHour, 3600),
    },
  };
}
