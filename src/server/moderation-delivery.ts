/**
 * The moderation path: how a proposed change of content files reaches the people who review it, for
 * every producer of such changes (a contribution from the site, the candidates of an import from the
 * field's directories). A pull request when a forge is configured, else one message to the moderators
 * through the mail transport (Resend or the outbox). The settings are read by the caller (astro:env in
 * the server, the environment in a script) and turned into a path here, the same way for both.
 */
import { GitHubForge, type ContentForge, type ForgeFile } from './contribution-forge.ts';
import { withSender, type MailTransport } from './mail-transport.ts';
import type { MailContent } from '../lib/referral/referral-email.ts';

/** A change for review: its files, the pull request it becomes, the message it becomes. */
export interface ModerationItem {
  /** Deterministic for a change, so that proposing it again finds the same branch instead of a second one. */
  branch: string;
  title: string;
  labels: string[];
  files: ForgeFile[];
  /** The pull request's description (public on most forges: nothing personal). */
  forgeBody: string;
  /** The message to the moderators when there is no forge. */
  message: MailContent;
  /** Same key, same message: sent once. */
  idempotencyKey: string;
}

export interface ModerationPath {
  forge?: ContentForge;
  transport: MailTransport;
  mailFrom: string;
  now?: () => number;
}

export type ModerationResult =
  | { ok: true; via: 'forge'; url: string; created: boolean }
  /** `alreadySent`: another message was sent under this key before; nothing was sent now. */
  | { ok: true; via: 'email'; alreadySent: boolean }
  | { ok: false; via: 'forge' | 'email'; reason: string };

/** Sends a change for review: a pull request when the path has a forge, else a message to the moderators. */
export async function sendForModeration(item: ModerationItem, path: ModerationPath): Promise<ModerationResult> {
  if (path.forge) {
    const result = await path.forge.propose({
      branch: item.branch,
      files: item.files,
      title: item.title,
      body: item.forgeBody,
      labels: item.labels,
    });
    return result.ok
      ? { ok: true, via: 'forge', url: result.url, created: result.created }
      : { ok: false, via: 'forge', reason: result.reason };
  }
  const now = path.now ?? Date.now;
  const sent = await path.transport.send(withSender(item.message, path.mailFrom), {
    idempotencyKey: item.idempotencyKey,
    deadline: now() + 8000,
  });
  if (sent.ok) return { ok: true, via: 'email', alreadySent: false };
  if (sent.keyReusedWithOtherContent) return { ok: true, via: 'email', alreadySent: true };
  return { ok: false, via: 'email', reason: sent.reason };
}

/** The forge's settings, under the names of the server's variables (docs/contributions.md). */
export interface ForgeSettings {
  CONTRIBUTION_FORGE_TOKEN?: string | undefined;
  CONTRIBUTION_FORGE_REPOSITORY?: string | undefined;
  CONTRIBUTION_FORGE_API_URL?: string | undefined;
}

/**
 * The forge when both its token and its repository are set. A mistyped repository is reported through
 * `report` and no forge is returned: changes then go by e-mail.
 */
export function chooseForge(settings: ForgeSettings, report: (message: string) => void): GitHubForge | undefined {
  const { CONTRIBUTION_FORGE_TOKEN: token, CONTRIBUTION_FORGE_REPOSITORY: repository, CONTRIBUTION_FORGE_API_URL: baseUrl } = settings;
  if (!token || !repository) return undefined;
  try {
    return new GitHubForge({ token, repository, ...(baseUrl ? { baseUrl } : {}) });
  } catch (error) {
    report((error as Error).message);
    return undefined;
  }
}
