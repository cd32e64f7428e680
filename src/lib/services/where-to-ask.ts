/**
 * Where to ask when no service is known near a family: the contacts of content/ou-demander.yaml
 * that fit the kinds asked, in their order. One list for every page and answer that needs it.
 */
import type { WhereToAskContact } from '../content/where-to-ask-schema.ts';
import type { ServiceKind } from './service-vocabulary.ts';

/** The contacts for any of `kinds` (every contact when no kind is given), by their `order`. */
export function whereToAskFor<C extends Pick<WhereToAskContact, 'kinds' | 'order'>>(
  contacts: readonly C[],
  kinds: readonly ServiceKind[],
): C[] {
  return contacts
    .filter((contact) => !kinds.length || contact.kinds.some((kind) => kinds.includes(kind)))
    .sort((a, b) => a.order - b.order);
}
