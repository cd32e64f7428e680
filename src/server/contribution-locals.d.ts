/** What the contribution endpoint hands to the pages it rewrites to (plain POST without JavaScript). */
import type { HandledContribution } from './contribution-handler.ts';

declare global {
  namespace App {
    interface Locals {
      contribution?: HandledContribution;
    }
  }
}
