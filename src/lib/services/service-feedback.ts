/**
 * "Signaler une erreur / proposer une modification" under a service: a prefilled e-mail to the
 * address that receives corrections and, where the site is published from a git forge, the edit page
 * of the service's file. Both are build settings (PUBLIC_CORRECTIONS_EMAIL, PUBLIC_CONTENT_EDIT_URL).
 * Without a corrections address, the link never leads to a made-up one: it opens the list of those who
 * keep the entry up to date (its federations and its operator), each reached by its own public address
 * or website.
 */
import type { Organisation } from '../content/organisation-schema.ts';
import type { Service } from '../content/service-schema.ts';

/** Where corrections go, as the site is built. */
export interface FeedbackSettings {
  /** The address that receives corrections (PUBLIC_CORRECTIONS_EMAIL). */
  email?: string | undefined;
  /** The forge's edit page of a content file, `{path}` standing for content/services/<id>.yaml (PUBLIC_CONTENT_EDIT_URL). */
  editUrlTemplate?: string | undefined;
}

/** Who can correct an entry when the site has no corrections address. */
export interface FeedbackContact {
  /** "FENAMEF (fédération)" */
  label: string;
  /** A prefilled e-mail when the organisation publishes an address, else its website. */
  href: string;
  by: 'courriel' | 'site';
}

export interface ServiceFeedback {
  /** The prefilled message to the corrections address, when one is configured. */
  mailto?: string;
  /** The forge's edit page of the service's file, when a template is configured. */
  editUrl?: string;
  /** Without a corrections address: the service's federations, then its operator, that publish a way to reach them. */
  contacts: FeedbackContact[];
}

type FeedbackService = Pick<Service, 'id' | 'name' | 'organisation' | 'federations'>;
type FeedbackOrganisation = Pick<Organisation, 'name' | 'acronym' | 'email' | 'website'>;

/** Path of a service's content file, from the project root. */
export function serviceContentFile(serviceId: string): string {
  return `content/services/${serviceId}.yaml`;
}

/** A mailto: link whose subject and body name the service, its page and its file, so the editor finds it at once. */
export function feedbackMailto(service: Pick<Service, 'id' | 'name'>, pageUrl: string, email: string): string {
  const subject = `Correction de la fiche « ${service.name} »`;
  const body = [
    'Bonjour,',
    '',
    `Je signale une erreur ou je propose une modification pour la fiche « ${service.name} » (${pageUrl}, fichier ${serviceContentFile(service.id)}).`,
    '',
    'Ce qui est inexact ou manque :',
    '',
    'La bonne information et sa source (page web, document) :',
    '',
  ].join('\n');
  return `mailto:${email}?subject=${encodeURIComponent(subject)}&body=${encodeURIComponent(body)}`;
}

/** The forge's edit link of a service's file, when a template is configured. */
export function editUrl(serviceId: string, template: string | undefined): string | undefined {
  return template ? template.replaceAll('{path}', serviceContentFile(serviceId)) : undefined;
}

/** The links under a service's page, from the build settings and the organisations that keep the entry. */
export function serviceFeedback(
  service: FeedbackService,
  organisationsById: ReadonlyMap<string, FeedbackOrganisation>,
  pageUrl: string,
  settings: FeedbackSettings,
): ServiceFeedback {
  const email = settings.email?.trim();
  const edit = editUrl(service.id, settings.editUrlTemplate?.trim());
  const links = { ...(edit ? { editUrl: edit } : {}) };
  if (email) return { mailto: feedbackMailto(service, pageUrl, email), ...links, contacts: [] };
  const keepers = [
    ...service.federations.map((id) => ({ id, role: 'fédération' })),
    ...(service.organisation ? [{ id: service.organisation, role: 'gestionnaire' }] : []),
  ];
  const seen = new Set<string>();
  const contacts = keepers.flatMap(({ id, role }): FeedbackContact[] => {
    const organisation = organisationsById.get(id);
    if (!organisation || seen.has(id)) return [];
    seen.add(id);
    const label = `${organisation.acronym ?? organisation.name} (${role})`;
    if (organisation.email) return [{ label, href: feedbackMailto(service, pageUrl, organisation.email), by: 'courriel' }];
    return organisation.website ? [{ label, href: organisation.website, by: 'site' }] : [];
  });
  return { ...links, contacts };
}
