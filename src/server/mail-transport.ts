/**
 * The mail transport interface: Resend when a key is configured, the local outbox otherwise.
 * A transport never logs a message's content.
 */
import type { MailAttachment, MailContent } from '../lib/referral/referral-email.ts';

/** The sender when MAIL_FROM is not set. */
export const MAIL_FROM_DEFAULT = 'Passerelle <orientation@passerelle.localhost>';
/** The moderators' address when CONTRIBUTION_MODERATORS_EMAIL is not set. */
export const MODERATORS_EMAIL_DEFAULT = 'moderation@passerelle.localhost';

/** A message ready to send. */
export interface MailMessage {
  /** "Passerelle <orientation@example.fr>" */
  from: string;
  to: string;
  replyTo?: string;
  subject: string;
  text: string;
  html: string;
  /** Files joined to the message: the outbox writes them beside it, Resend sends them. */
  attachments?: MailAttachment[];
}

export interface SendOptions {
  /** Same key, same message: sent once (Resend's Idempotency-Key; the outbox's file name). */
  idempotencyKey: string;
  /** Epoch milliseconds after which the transport stops retrying. */
  deadline: number;
}

export type SendResult =
  | { ok: true; id: string }
  /** `keyReusedWithOtherContent`: a message with another content was already sent under this key; nothing was sent now. */
  | { ok: false; reason: string; keyReusedWithOtherContent?: true };

export interface MailTransport {
  readonly name: 'resend' | 'outbox';
  send(message: MailMessage, options: SendOptions): Promise<SendResult>;
}

/** The bare address of a "Name <address>" sender, or the value itself. */
export function senderAddress(mailFrom: string): string {
  const match = /<([^<>\s]+)>\s*$/.exec(mailFrom);
  return (match?.[1] ?? mailFrom).trim();
}

/** A rendered message with its sender: the display name is ours (never user text), the address from the configuration. */
export function withSender(content: MailContent, mailFrom: string): MailMessage {
  const displayName = content.fromName.replace(/["\\\r\n<>]/g, '');
  return {
    from: `${displayName} <${senderAddress(mailFrom)}>`,
    to: content.to,
    ...(content.replyTo ? { replyTo: content.replyTo } : {}),
    subject: content.subject,
    text: content.text,
    html: content.html,
    ...(content.attachments?.length ? { attachments: content.attachments } : {}),
  };
}
