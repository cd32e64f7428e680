/**
 * The contribution form's field names and the ids that show their errors: light on purpose, since the
 * page's island imports them with the page, unlike the parsing (contribution-form.ts), which brings
 * the content schema.
 */

/** Names of the form's fields: most are the dotted path of the service field they fill. */
export const CONTRIBUTION_FIELDS = {
  kind: 'kind',
  serviceId: 'serviceId',
  name: 'name',
  /** One checkbox per kind: `kinds.mediation-familiale`… (a repeated field would keep its first value only). */
  kindsPrefix: 'kinds.',
  summary: 'summary',
  commune: 'commune',
  communeCode: 'communeCode',
  address: 'address',
  postalCode: 'postalCode',
  phone: 'contact.phone',
  email: 'contact.email',
  website: 'contact.website',
  openingHours: 'openingHours',
  openingHoursNote: 'openingHoursNote',
  accessPrefix: 'access.',
  feesKind: 'fees.kind',
  feesDetails: 'fees.details',
  /** Who runs the service, as typed: matched against the organisations' ids and names. */
  manager: 'gestionnaire',
  sourceUrl: 'source.url',
  /** "Je gère ce service": the contributor's own word is the source. */
  sourceIsManager: 'source.gestionnaire',
  contributorName: 'contributor.name',
  contributorRole: 'contributor.role',
  contributorEmail: 'contributor.email',
  note: 'note',
  orientationEmail: 'orientation.email',
  orientationAccessPrefix: 'orientation.acceptedAccess.',
  startedAt: 'startedAt',
  honeypot: 'confirmation_site',
} as const;

/** The id of the control (or group) that shows a field's error, in the page and in the error summary's links. */
export const contributionFieldId = (name: string): string => `contribution-${name.replace(/[^a-zA-Z0-9-]/g, '-')}`;

/** What ends the id of a field's error paragraph, after the field's id. */
export const CONTRIBUTION_ERROR_SUFFIX = '-erreur';

/** The id of a field's error paragraph, which its control names in aria-describedby (in the page and with the island). */
export const contributionErrorId = (name: string): string => `${contributionFieldId(name)}${CONTRIBUTION_ERROR_SUFFIX}`;

/** What the page says, with JavaScript, when sending went wrong. */
export const CONTRIBUTION_SEND_MESSAGES = {
  /** The request got no answer. */
  network:
    'Votre contribution n’a pas pu être envoyée : la connexion a échoué. Ce que vous avez écrit est conservé ; vérifiez votre connexion internet puis renvoyez-la.',
  /** The answer was not one of the endpoint's. */
  unexpected: (status: number) =>
    `Le site ne peut pas traiter votre contribution pour le moment (erreur ${status}). Ce que vous avez écrit est conservé ; réessayez dans quelques minutes.`,
} as const;
