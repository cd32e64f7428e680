/** "Signaler une erreur / proposer une modification": a prefilled e-mail naming the service, and an optional edit link. */
import type { Service } from '../content/service-schema.ts';
import { CONTENT_FEEDBACK } from '../site/site-text.ts';

/** Path of a service's content file, from the project root. */
export function serviceContentFile(serviceId: string): string {
  return `content/services/${serviceId}.yaml`;
}

/** A mailto: link whose subject and body name the service, its page and its file, so the editor finds it at once. */
export function feedbackMailto(service: Pick<Service, 'id' | 'name'>, pageUrl: string, email: string = CONTENT_FEEDBACK.email): string {
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

/** The git-forge edit link of a service's file, when a template is configured. */
export function editUrl(serviceId: string, template: string | undefined = CONTENT_FEEDBACK.editUrlTemplate): string | undefined {
  return template ? template.replace('{path}', serviceContentFile(serviceId)) : undefined;
}
