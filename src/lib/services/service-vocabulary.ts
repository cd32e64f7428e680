/**
 * The vocabulary of Passerelle: kinds of service, ways families arrive, publics, fees, funders.
 * Each list is the single source for schemas, labels, filters and exports.
 */

export const SERVICE_KINDS = [
  'mediation-familiale',
  'espace-rencontre',
  'visites-tiers',
  'soutien-parentalite',
  'mediation-sociale',
] as const;
export type ServiceKind = (typeof SERVICE_KINDS)[number];

/** Whether a value (from a URL, a form) is one of the kinds. */
export function isServiceKind(value: unknown): value is ServiceKind {
  return (SERVICE_KINDS as readonly unknown[]).includes(value);
}

export interface ServiceKindInfo {
  id: ServiceKind;
  /** Label on cards, filters and headings. */
  label: string;
  /** Plural heading for lists ("Espaces de rencontre"). */
  plural: string;
  /** One plain sentence a family understands. */
  plainWords: string;
  /** Path of the kind's page. */
  path: string;
  /** Marker shape on the map (colour alone must never carry the meaning). */
  markerShape: 'circle' | 'square' | 'diamond' | 'triangle' | 'hexagon';
  /** Marker colour, with enough contrast on white (at least 3:1). */
  markerColor: string;
}

export const SERVICE_KIND_INFO: Record<ServiceKind, ServiceKindInfo> = {
  'mediation-familiale': {
    id: 'mediation-familiale',
    label: 'Médiation familiale',
    plural: 'Médiation familiale',
    plainWords:
      'Un médiateur familial diplômé d’État aide les parents à renouer le dialogue et à trouver ensemble des accords pour les enfants.',
    path: '/services/mediation-familiale/',
    markerShape: 'circle',
    markerColor: '#1d4ed8',
  },
  'espace-rencontre': {
    id: 'espace-rencontre',
    label: 'Espace de rencontre',
    plural: 'Espaces de rencontre',
    plainWords:
      'Un lieu neutre où l’enfant retrouve un parent ou un proche, en présence de professionnels, quand les rencontres sont difficiles ailleurs.',
    path: '/services/espace-rencontre/',
    markerShape: 'square',
    markerColor: '#b45309',
  },
  'visites-tiers': {
    id: 'visites-tiers',
    label: 'Visites en présence d’un tiers',
    plural: 'Visites en présence d’un tiers',
    plainWords:
      'Quand un enfant est placé, le juge des enfants peut décider que les visites avec ses parents se passent en présence d’un professionnel.',
    path: '/services/visites-tiers/',
    markerShape: 'diamond',
    markerColor: '#7e22ce',
  },
  'soutien-parentalite': {
    id: 'soutien-parentalite',
    label: 'Soutien à la parentalité',
    plural: 'Soutien à la parentalité',
    plainWords:
      'Des lieux et des actions pour les parents : lieux d’accueil enfants-parents (LAEP), groupes de parole, maisons des parents.',
    path: '/services/soutien-parentalite/',
    markerShape: 'triangle',
    markerColor: '#047857',
  },
  'mediation-sociale': {
    id: 'mediation-sociale',
    label: 'Médiation sociale',
    plural: 'Médiation sociale',
    plainWords: 'Un tiers impartial aide à apaiser les conflits de la vie quotidienne : voisinage, quartier, école, transports.',
    path: '/services/mediation-sociale/',
    markerShape: 'hexagon',
    markerColor: '#be123c',
  },
};

/** Finer kinds of parenting support. */
export const PARENTING_SUPPORT_FORMATS = ['laep', 'reaap', 'maison-des-parents', 'groupe-de-parole', 'autre'] as const;
export type ParentingSupportFormat = (typeof PARENTING_SUPPORT_FORMATS)[number];
export const PARENTING_SUPPORT_FORMAT_LABELS: Record<ParentingSupportFormat, string> = {
  laep: 'Lieu d’accueil enfants-parents (LAEP)',
  reaap: 'Action REAAP (réseau d’écoute, d’appui et d’accompagnement des parents)',
  'maison-des-parents': 'Maison des parents ou des familles',
  'groupe-de-parole': 'Groupe de parole',
  autre: 'Autre action de soutien',
};

export const SERVICE_STATUSES = ['actif', 'fermé temporairement', 'fermé'] as const;
export type ServiceStatus = (typeof SERVICE_STATUSES)[number];

/** How families get to a service. */
export const ACCESS_MODES = [
  'demarche-spontanee',
  'decision-jaf',
  'decision-juge-des-enfants',
  'orientation-service-social',
  'orientation-professionnel',
] as const;
export type AccessMode = (typeof ACCESS_MODES)[number];
export const ACCESS_MODE_LABELS: Record<AccessMode, string> = {
  'demarche-spontanee': 'Démarche spontanée',
  'decision-jaf': 'Décision du juge aux affaires familiales (JAF)',
  'decision-juge-des-enfants': 'Décision du juge des enfants',
  'orientation-service-social': 'Orientation par un service social (ASE, CAF, CCAS…)',
  'orientation-professionnel': 'Orientation par un autre professionnel (avocat, école, médecin…)',
};

/** The two court decisions among the access modes, in the order a page shows them. */
export const COURT_DECISION_MODES = ['decision-jaf', 'decision-juge-des-enfants'] as const satisfies readonly AccessMode[];
export type CourtDecisionMode = (typeof COURT_DECISION_MODES)[number];

/** How a service's agreement to receive online referrals was given (orientation.consent.channel). */
export const CONSENT_CHANNELS = ['lien-confirme', 'courrier', 'telephone'] as const;
export type ConsentChannel = (typeof CONSENT_CHANNELS)[number];

export const PUBLICS = [
  'parents',
  'grands-parents',
  'futurs-parents',
  'enfants',
  'adolescents',
  'familles',
  'habitants',
  'professionnels',
] as const;
export type Public = (typeof PUBLICS)[number];
export const PUBLIC_LABELS: Record<Public, string> = {
  parents: 'Parents',
  'grands-parents': 'Grands-parents',
  'futurs-parents': 'Futurs parents',
  enfants: 'Enfants',
  adolescents: 'Adolescents',
  familles: 'Familles',
  habitants: 'Habitants',
  professionnels: 'Professionnels',
};

export const FEE_KINDS = ['gratuit', 'bareme-national', 'payant', 'non-precise'] as const;
export type FeeKind = (typeof FEE_KINDS)[number];
export const FEE_KIND_LABELS: Record<FeeKind, string> = {
  gratuit: 'Gratuit',
  'bareme-national': 'Barème national CAF/MSA, selon les revenus',
  payant: 'Payant (voir le détail)',
  'non-precise': 'Tarif non précisé par les sources',
};

export const FUNDERS = ['caf', 'msa', 'conseil-departemental', 'justice', 'etat', 'commune', 'autre'] as const;
export type Funder = (typeof FUNDERS)[number];
export const FUNDER_LABELS: Record<Funder, string> = {
  caf: 'CAF',
  msa: 'MSA',
  'conseil-departemental': 'Conseil départemental',
  justice: 'Ministère de la Justice',
  etat: 'État',
  commune: 'Commune ou intercommunalité',
  autre: 'Autre financeur',
};

export const ORGANISATION_KINDS = ['operateur', 'federation', 'financeur', 'institution'] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];
export const ORGANISATION_KIND_LABELS: Record<OrganisationKind, string> = {
  operateur: 'Gestionnaire de services',
  federation: 'Fédération ou réseau',
  financeur: 'Financeur',
  institution: 'Institution publique',
};

/** Kinds that must never receive a referral where violence is alleged (mediation needs free consent). */
export const KINDS_EXCLUDED_WHEN_VIOLENCE: readonly ServiceKind[] = ['mediation-familiale', 'mediation-sociale'];
