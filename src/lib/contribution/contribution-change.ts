/**
 * A contribution as the change a moderator reviews: exactly the service file an editor would write
 * (through the same YAML writer as the import, comments kept for a correction), the field-by-field
 * change, and the title a federation sees in the moderators' message or the pull request.
 */
import type { Organisation } from '../content/organisation-schema.ts';
import type { ServiceData, ServiceInput } from '../content/service-schema.ts';
import { canonicalJson, describeChanges, type FieldChange } from '../editing/service-changes.ts';
import { serviceYaml, updatedServiceYaml } from '../editing/service-yaml.ts';
import { serviceContentFile } from '../services/service-feedback.ts';
import type { Contribution, Contributor } from './contribution-form.ts';
import type { OptInClaim } from './contribution-token.ts';
import type { ContributionKind } from './contribution-vocabulary.ts';

/** A change to one content file, ready for the moderators. */
export interface ContentChange {
  kind: ContributionKind;
  serviceId: string;
  serviceName: string;
  /** content/services/<id>.yaml */
  path: string;
  /** The whole file after the change. */
  yaml: string;
  /** Field by field, for a correction or an opt-in (empty for a new service). */
  changes: FieldChange[];
  /** "Nouveau service : …", also the pull request's title. */
  title: string;
  /** An opt-in whose control could not be proven by e-mail: to check by phone before merging. */
  verifyByPhone?: string;
}

const TITLES: Record<ContributionKind, string> = {
  nouveau: 'Nouveau service',
  correction: 'Correction',
  orientation: 'Demandes d’orientation en ligne',
};

/** The top-level fields whose values differ between two versions of an entry as written. */
export function changedFields(before: ServiceInput, after: ServiceInput): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].filter(
    (key) => canonicalJson((before as Record<string, unknown>)[key]) !== canonicalJson((after as Record<string, unknown>)[key]),
  );
}

/** The file after a change: the current file updated in place when its text is known, else written anew. */
function fileAfter(input: ServiceInput, current?: { input: ServiceInput; text?: string | undefined }): string {
  return current?.text ? updatedServiceYaml(current.text, input, changedFields(current.input, input)) : serviceYaml(input);
}

/** The change a validated contribution (a new service or a correction) asks for. */
export function contributionChange(
  contribution: Contribution,
  current?: { input: ServiceInput; data: ServiceData; text?: string | undefined },
): ContentChange {
  return {
    kind: contribution.kind,
    serviceId: contribution.serviceId,
    serviceName: contribution.data.name,
    path: serviceContentFile(contribution.serviceId),
    yaml: fileAfter(contribution.input, current),
    changes: current ? describeChanges(current.data, contribution.data) : [],
    title: `${TITLES[contribution.kind]} : ${contribution.data.name}`,
  };
}

/** The entry with the orientation block a confirmed opt-in adds, its consent's provenance included. */
export function withOrientation(
  input: ServiceInput,
  claim: Pick<OptInClaim, 'email' | 'acceptedAccess' | 'confirmedBy'>,
  date: string,
  channel: 'lien-confirme' | 'telephone',
): ServiceInput {
  return {
    ...input,
    orientation: { email: claim.email, acceptedAccess: claim.acceptedAccess, consent: { date, channel, confirmedBy: claim.confirmedBy } },
  };
}

/**
 * The change of an opt-in: confirmed through the link sent to the published address, or, when the
 * content publishes none, proposed to the moderators to check by phone first.
 */
export function optInChange(
  current: { id: string; input: ServiceInput; data: ServiceData; text?: string | undefined },
  after: ServiceInput,
  afterData: ServiceData,
  verifyByPhone?: string,
): ContentChange {
  return {
    kind: 'orientation',
    serviceId: current.id,
    serviceName: current.data.name,
    path: serviceContentFile(current.id),
    yaml: fileAfter(after, current),
    changes: describeChanges(current.data, afterData),
    title: `${TITLES.orientation} : ${current.data.name}${verifyByPhone ? ' (à vérifier par téléphone)' : ''}`,
    ...(verifyByPhone ? { verifyByPhone } : {}),
  };
}

/**
 * The address that proves control of a service: the one its entry publishes, else its organisation's.
 * Never an address typed in the form.
 */
export function publishedAddress(
  service: Pick<ServiceData, 'contact' | 'organisation'>,
  organisations: readonly Pick<Organisation, 'id' | 'email'>[],
): string | undefined {
  return service.contact.email ?? organisations.find((o) => o.id === service.organisation)?.email;
}

/** Who proposed a change, as a moderator reads it (the e-mail address goes in Reply-To only). */
export type ContributionAuthor = Pick<Contributor, 'name' | 'role' | 'email'>;
