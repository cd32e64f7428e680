/**
 * The mail transport the settings choose, for the server and the command-line tools alike: Resend when
 * a key is set, the outbox otherwise. The settings carry the names of the server's variables.
 */
import { OutboxTransport } from './mail-outbox.ts';
import { ResendTransport } from './mail-resend.ts';
import type { MailTransport } from './mail-transport.ts';

export interface MailSettings {
  RESEND_API_KEY?: string | undefined;
  RESEND_BASE_URL?: string | undefined;
  OUTBOX_DIR: string;
}

export function chooseMailTransport({ RESEND_API_KEY, RESEND_BASE_URL, OUTBOX_DIR }: MailSettings): MailTransport {
  if (RESEND_API_KEY) return new ResendTransport({ apiKey: RESEND_API_KEY, ...(RESEND_BASE_URL ? { baseUrl: RESEND_BASE_URL } : {}) });
  return new OutboxTransport({ dir: OUTBOX_DIR });
}
