/** What the referral endpoint hands to the form pages it rewrites to (plain POST without JavaScript). */
import type { HandledReferral } from './referral-handler.ts';

declare global {
  namespace App {
    interface Locals {
      referral?: HandledReferral;
    }
  }
}
