/**
 * The schema of a service file (content/services/<id>.yaml). The id is the file name.
 * Descriptions are in French: editors see them in their YAML editor through the generated JSON Schema.
 */
import { z } from 'astro/zod';
import {
  ACCESS_MODES,
  CONSENT_CHANNELS,
  FEE_KINDS,
  FUNDERS,
  PARENTING_SUPPORT_FORMATS,
  PUBLICS,
  SERVICE_KINDS,
  SERVICE_STATUSES,
} from '../services/service-vocabulary.ts';
import { postalCodeBelongsToCommune } from '../territories/commune-lookup.ts';
import { getCommune } from '../territories/territory-data.ts';
import {
  communeCodeField,
  departementCodeField,
  emailField,
  enumField,
  isoDateField,
  openingHoursField,
  phoneField,
  postalCodeField,
  referenceField,
  sourceField,
  urlField,
  withValues,
} from './content-fields.ts';

export const locationSchema = z
  .strictObject({
    name: z.string().min(2).optional().describe('Nom du lieu, s’il diffère du service (par exemple « Maison de la petite enfance »).'),
    address: z.string().min(3).optional().describe('Numéro et rue, tels que la source les donne. Laissez vide si aucune source ne les donne.'),
    postalCode: postalCodeField
      .optional()
      .describe('Code postal, entre guillemets (par exemple "62000"), tel que la source le donne. Laissez vide si aucune source ne le donne et que la commune en a plusieurs.'),
    communeCode: communeCodeField.describe('Code INSEE de la commune, entre guillemets (par exemple "62041" pour Arras). Ce n’est pas le code postal.'),
    latitude: z.number().min(-90).max(90).optional().describe('Latitude WGS84 (par exemple 50.2910). Absente : le centre de la commune est utilisé, signalé comme approximatif.'),
    longitude: z.number().min(-180).max(180).optional().describe('Longitude WGS84 (par exemple 2.7775).'),
    openingHours: openingHoursField.optional().describe('Horaires d’ouverture au format opening_hours d’OpenStreetMap, par exemple "Mo-Fr 09:00-12:00,14:00-17:00".'),
    openingHoursNote: z.string().optional().describe('Précision sur les horaires en français (sur rendez-vous, hors vacances scolaires…).'),
    confidential: z
      .boolean()
      .default(false)
      .describe('true si l’adresse ne doit pas être publiée (lieu protégé) : seule la commune sera affichée, jamais de point exact.'),
  })
  .refine((location) => (location.latitude === undefined) === (location.longitude === undefined), {
    error: 'Donnez la latitude et la longitude ensemble, ou aucune des deux.',
    path: ['latitude'],
  })
  // An unknown commune is reported on communeCode alone: no second message on its postal code.
  .refine(
    (location) => location.postalCode === undefined || getCommune(location.communeCode) === undefined || postalCodeBelongsToCommune(location.postalCode, location.communeCode),
    {
      error: (issue) => {
        const location = issue.input as { postalCode: string; communeCode: string };
        return `Le code postal "${location.postalCode}" n’appartient pas à la commune "${location.communeCode}" : vérifiez l’un ou l’autre.`;
      },
      path: ['postalCode'],
    },
  )
  // A protected place keeps only its commune from here on: the build (pages, feeds, open data, the
  // server's copy of the collection) never holds its address, name or exact point.
  .transform((location): typeof location => {
    if (!location.confidential) return location;
    const { address: _address, name: _name, latitude: _latitude, longitude: _longitude, ...commune } = location;
    return commune;
  });

/**
 * Where a service's agreement to receive referrals comes from: without this trace, no address of a
 * service may receive the families' requests.
 */
export const consentSchema = z
  .strictObject({
    date: isoDateField.describe('Date de l’accord du service (AAAA-MM-JJ).'),
    channel: enumField(CONSENT_CHANNELS, 'un moyen de recueil de l’accord').describe(
      withValues(
        'Comment l’accord a été donné : par un lien reçu à l’adresse publiée du service (lien-confirme), par un accord écrit reçu par une fédération (courrier) ou au numéro publié (telephone).',
        CONSENT_CHANNELS,
      ),
    ),
    confirmedBy: z
      .string()
      .min(3)
      .max(200)
      .describe('Pour un lien confirmé : l’adresse publiée qui l’a reçu. Pour un courrier ou un appel : qui a donné l’accord et où la fédération garde la trace.'),
  })
  .refine((consent) => consent.channel !== 'lien-confirme' || z.email().safeParse(consent.confirmedBy).success, {
    error: 'Pour un accord par lien confirmé, confirmedBy est l’adresse e-mail publiée qui a reçu le lien.',
    path: ['confirmedBy'],
  })
  .describe('D’où vient l’accord du service pour recevoir des demandes en ligne (obligatoire).');

export const serviceSchema = z
  .strictObject({
    name: z.string().min(3).max(160).describe('Nom du service tel qu’il est connu des familles.'),
    kinds: z
      .array(enumField(SERVICE_KINDS, 'un type de service'))
      .min(1, { error: 'Indiquez au moins un type de service (kinds).' })
      .describe(withValues('Types de service.', SERVICE_KINDS)),
    parentingSupportFormats: z
      .array(enumField(PARENTING_SUPPORT_FORMATS, 'une forme de soutien à la parentalité'))
      .default([])
      .describe(withValues('Pour le soutien à la parentalité : sa forme.', PARENTING_SUPPORT_FORMATS)),
    status: enumField(SERVICE_STATUSES, 'un statut').describe(withValues('Statut du service.', SERVICE_STATUSES)),
    organisation: referenceField('Le gestionnaire (organisation)').optional().describe('Identifiant de l’organisation qui gère le service (fichier de content/organisations).'),
    federations: z.array(referenceField('La fédération')).default([]).describe('Identifiants des fédérations ou réseaux dont le service est membre (par exemple fenamef, ffer).'),
    summary: z
      .string()
      .min(20, { error: 'Le résumé (summary) doit faire au moins 20 caractères.' })
      .max(300, { error: 'Le résumé (summary) ne doit pas dépasser 300 caractères : gardez les détails pour la description.' })
      .describe('Une ou deux phrases qui disent ce que fait le service, en mots simples.'),
    description: z.string().optional().describe('Description plus longue (texte simple, paragraphes séparés par une ligne vide).'),
    publics: z.array(enumField(PUBLICS, 'un public')).default([]).describe(withValues('Publics accueillis.', PUBLICS)),
    access: z.array(enumField(ACCESS_MODES, 'un mode d’accès')).default([]).describe(withValues('Comment les familles y arrivent.', ACCESS_MODES)),
    fees: z
      .strictObject({
        kind: enumField(FEE_KINDS, 'un type de tarif').describe(withValues('Type de tarif (bareme-national : le barème CAF/MSA).', FEE_KINDS)),
        details: z.string().optional().describe('Précisions sur le tarif, telles que la source les donne.'),
      })
      .refine((fees) => fees.kind !== 'payant' || fees.details !== undefined, { error: 'Pour un tarif « payant », précisez le montant dans details.', path: ['details'] })
      .default({ kind: 'non-precise' })
      .describe('Tarif.'),
    languages: z.array(z.string().regex(/^[a-z]{2,3}$/, { error: 'Une langue s’écrit avec son code ISO 639 en minuscules (fr, en, ar…).' })).default(['fr']).describe('Langues parlées (codes ISO 639 : fr, en, ar…).'),
    accessibility: z
      .strictObject({
        wheelchair: z.boolean().optional().describe('Lieu accessible en fauteuil roulant.'),
        details: z.string().optional().describe('Autres informations d’accessibilité.'),
      })
      .optional()
      .describe('Accessibilité du lieu.'),
    contact: z
      .strictObject({
        phone: phoneField.optional().describe('Téléphone d’accueil, entre guillemets.'),
        website: urlField.optional().describe('Site web du service.'),
        email: emailField.optional().describe('Adresse e-mail publique du service.'),
      })
      .default({})
      .describe('Coordonnées publiques.'),
    orientation: z
      .strictObject({
        email: emailField.describe('Adresse qui reçoit les demandes d’orientation envoyées par Passerelle (non publiée).'),
        acceptedAccess: z.array(enumField(ACCESS_MODES, 'un mode d’accès')).min(1).describe(withValues('Modes d’arrivée acceptés pour une demande en ligne.', ACCESS_MODES)),
        consent: consentSchema,
      })
      .optional()
      .describe('À remplir seulement si le service a accepté de recevoir des demandes d’orientation en ligne.'),
    locations: z.array(locationSchema).min(1, { error: 'Indiquez au moins un lieu (locations), avec au moins le code INSEE de la commune.' }).describe('Lieux d’accueil.'),
    servedArea: z
      .strictObject({
        departements: z.array(departementCodeField).default([]).describe('Départements desservis, codes entre guillemets ("62").'),
        communes: z.array(communeCodeField).default([]).describe('Communes desservies (codes INSEE entre guillemets).'),
      })
      .default({ departements: [], communes: [] })
      .describe('Territoire desservi, au-delà des lieux d’accueil.'),
    funding: z.array(enumField(FUNDERS, 'un financeur')).default([]).describe(withValues('Financeurs connus.', FUNDERS)),
    agrement: z.string().optional().describe('Agrément ou conventionnement (par exemple « conventionné CAF »), tel que la source le dit.'),
    sources: z.array(sourceField).min(1, { error: 'Chaque service doit citer au moins une source (page web ou document) : sans source, il ne peut pas être publié.' }).describe('Sources des informations.'),
    lastChecked: isoDateField.describe('Date de la dernière vérification des informations (AAAA-MM-JJ).'),
  })
  .describe('Un service de maintien des liens familiaux, de soutien à la parentalité ou de médiation.');

export type ServiceInput = z.input<typeof serviceSchema>;
export type ServiceData = z.output<typeof serviceSchema>;
export type ServiceLocationData = z.output<typeof locationSchema>;
/** A service with its id (the file name). */
export type Service = ServiceData & { id: string };
