/**
 * Interface text in one place (French first), so that a second language changes no URL and no component.
 */
import { phoneHref } from '../services/service-format.ts';
export const SITE = {
  name: 'Passerelle',
  tagline: 'Trouver un service pour garder le lien entre l’enfant et ses parents',
  locale: 'fr',
  /** Where the quick-exit control leads: a neutral, everyday site. */
  quickExitUrl: 'https://meteofrance.com/',
} as const;

export const NAV = [
  { href: '/recherche/', label: 'Trouver un service' },
  { href: '/services/', label: 'Les services expliqués' },
  { href: '/orienter/', label: 'Demander une orientation' },
  { href: '/numeros-utiles/', label: 'Vous êtes en danger ?' },
] as const;

export const FOOTER_LINKS = [
  { href: '/a-propos-des-donnees/', label: 'À propos des données' },
  { href: '/informations/', label: 'Informations' },
  { href: '/accessibilite/', label: 'Accessibilité : non conforme' },
  { href: '/confidentialite/', label: 'Confidentialité' },
  { href: '/mentions-legales/', label: 'Mentions légales' },
  { href: '/plan-du-site/', label: 'Plan du site' },
  { href: '/contribuer/', label: 'Proposer un service' },
] as const;

export const QUICK_EXIT = {
  label: 'Quitter ce site',
  hint: 'Quitte immédiatement Passerelle vers un site neutre. Raccourci : appuyez sur Échap, ou trois fois sur la touche Maj (Shift).',
  /** The shortcut, shown on screen under the button. */
  shortcut: 'Échap ou 3 × Maj',
  /** The page that tells how to clear the history, per browser; its address and title stay neutral. */
  tracesPath: '/historique-de-navigation/',
  tracesLabel: 'Effacer vos traces',
} as const;

/** The link of an emergency number: a text message for the 114 (for who cannot speak), a call for the others. */
export function emergencyHref(number: string): string {
  return number === '114' ? 'sms:114' : phoneHref(number);
}

export const EMERGENCY_NUMBERS = [
  {
    number: '3919',
    label: 'Violences femmes info',
    detail: 'Écoute anonyme et gratuite pour les victimes de violences et leur entourage, 24 h/24, 7 j/7.',
  },
  { number: '119', label: 'Allô enfance en danger', detail: 'Pour un enfant en danger ou en risque de l’être, 24 h/24, 7 j/7, gratuit.' },
  { number: '17', label: 'Police secours', detail: 'Urgence : danger immédiat. Depuis un portable, le 112 fonctionne aussi.' },
  {
    number: '114',
    label: 'Urgence par SMS',
    detail: 'Si vous ne pouvez pas parler (personne sourde, malentendante, ou qui ne peut pas parler sans danger) : envoyez un SMS au 114.',
  },
] as const;

/**
 * "Signaler une erreur" under each service. Where it leads is a build setting (PUBLIC_CORRECTIONS_EMAIL,
 * PUBLIC_CONTENT_EDIT_URL: see src/lib/services/service-feedback.ts), never a made-up address.
 */
export const CONTENT_FEEDBACK = {
  label: 'Signaler une erreur / proposer une modification',
  editLabel: 'Modifier la fiche',
  /** Who answers questions when the site has no contact address configured. */
  noAddress: 'l’organisme qui publie ce site',
} as const;
