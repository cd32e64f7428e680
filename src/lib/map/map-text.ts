/**
 * The map's interface text, in French, in one place.
 */
import { postalLocality } from '../services/service-format.ts';
import { NEAR_DISTANCE_KM, nothingNearText } from '../services/service-reach.ts';
import { SERVICE_KIND_INFO, type ServiceKind } from '../services/service-vocabulary.ts';
import type { MapLocationProperties } from './map-feed.ts';

export const MAP_TEXT = {
  fallback: 'La carte s’affiche ici. Les mêmes services sont présentés dans la liste.',
  noscript: 'La carte a besoin de JavaScript. Tous les services sont présentés dans la liste.',
  toList: 'Aller à la liste des services',
  legendTitle: 'Légende',
  legendArea: 'Lieu approximatif : seule la commune est connue ou publiée (lieu confidentiel).',
  legendCluster: 'Plusieurs lieux proches : activer pour zoomer.',
  searchArea: 'Rechercher dans cette zone',
  showAll: 'Afficher tous les services',
  areaSelector: 'Territoire affiché',
  close: 'Fermer',
  servicePage: 'Voir la fiche du service',
  orientation: 'Demander une orientation',
  loadingCard: 'Chargement des informations…',
  cardError: 'Les informations de ce lieu n’ont pas pu être chargées. Elles figurent dans la liste des services.',
  feedError: 'La carte n’a pas pu charger les services. Ils figurent tous dans la liste.',
  tilesUnavailable: 'Fond de carte indisponible : seuls les contours des départements sont dessinés.',
  mapHelp:
    'Carte interactive : flèches pour se déplacer, touches plus et moins pour zoomer, Tab pour passer d’un lieu à l’autre, Entrée pour l’ouvrir.',
} as const;

/** « 12 services dans cette zone. » */
export function servicesInAreaMessage(count: number): string {
  if (count === 0) return 'Aucun service de la liste dans cette zone. Déplacez la carte ou affichez tous les services.';
  return count === 1 ? '1 service de la liste dans cette zone.' : `${count} services de la liste dans cette zone.`;
}

/** « 3 lieux visibles sur la carte. » (announced after each move) */
export function visibleCountMessage(count: number): string {
  if (count === 0) return 'Aucun lieu visible sur la carte.';
  return count === 1 ? '1 lieu visible sur la carte.' : `${count.toLocaleString('fr-FR')} lieux visibles sur la carte.`;
}

/**
 * What the map's panel says of the kinds with nothing near the place shown, one line per kind, in
 * the words of the search and the département page: « Médiation familiale : aucun service connu à
 * moins de 100 km. »
 */
export function nothingNearLines(kinds: readonly ServiceKind[], placeLabel?: string): string[] {
  return kinds.map((kind) => {
    const text = nothingNearText(NEAR_DISTANCE_KM[kind], placeLabel);
    return `${SERVICE_KIND_INFO[kind].plural} : ${text.charAt(0).toLowerCase()}${text.slice(1)}`;
  });
}

/** Accessible name of a cluster marker. */
export function clusterLabel(count: number): string {
  return `${count.toLocaleString('fr-FR')} lieux regroupés : activer pour zoomer`;
}

/** The address line of a card, or what stands for it when it is withheld or unknown. */
export function addressLine(location: Pick<MapLocationProperties, 'address' | 'postalCode' | 'commune' | 'confidential'>): string {
  const locality = postalLocality(location.postalCode, location.commune);
  if (location.address) return `${location.address}, ${locality}`;
  if (location.confidential) return `${locality} : adresse confidentielle, communiquée par le service.`;
  return `${locality} : adresse non communiquée.`;
}

/** The note under the address of an approximate place. */
export function approximateNote(location: Pick<MapLocationProperties, 'approximate'>): string | undefined {
  return location.approximate === true ? 'Sur la carte, la zone indique la commune, pas l’emplacement exact.' : undefined;
}

/** Accessible name of a location marker: its service, kind and commune. */
export function markerLabel(location: { name?: string; kindLabel: string; commune?: string; approximate?: boolean }): string {
  const parts = [location.name, location.kindLabel, location.commune].filter(Boolean).join(', ');
  return location.approximate ? `${parts} (emplacement approximatif)` : parts;
}
