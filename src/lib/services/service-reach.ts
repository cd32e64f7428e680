/**
 * How far a service of each kind can be and still be called "near": beyond it, Passerelle says
 * plainly that it knows no service within that distance and shows where to ask, instead of
 * presenting a service hundreds of kilometres away as "the nearest".
 *
 * The distances follow how families use each kind (content/README.md explains them to editors):
 * - an espace de rencontre or a visit in the presence of a third party is a journey a child makes
 *   every week or fortnight, often with a parent who has no car: about an hour's travel;
 * - a LAEP or a parenting action is a drop-in place for a parent and a toddler: a short trip;
 * - médiation sociale is the mediators of one town or neighbourhood;
 * - médiation familiale takes a handful of sessions, some of which can be held remotely.
 */
import type { ServiceKind } from './service-vocabulary.ts';

/** Distance (km, as the crow flies) within which a service of the kind counts as near. */
export const NEAR_DISTANCE_KM: Readonly<Record<ServiceKind, number>> = {
  'mediation-familiale': 100,
  'espace-rencontre': 60,
  'visites-tiers': 60,
  'soutien-parentalite': 30,
  'mediation-sociale': 30,
};

/**
 * The "near" distance for a search over several kinds (or none: every kind): the largest of theirs,
 * so that a service counted near for its own kind is never hidden.
 */
export function nearDistanceKm(kinds: readonly ServiceKind[]): number {
  const chosen = kinds.length ? kinds : (Object.keys(NEAR_DISTANCE_KM) as ServiceKind[]);
  return Math.max(...chosen.map((kind) => NEAR_DISTANCE_KM[kind]));
}

/** Whether a service of `kind` at `distanceKm` counts as near. */
export function isNear(kind: ServiceKind, distanceKm: number): boolean {
  return distanceKm <= NEAR_DISTANCE_KM[kind];
}

/**
 * The honest answer where nothing is near, in the same words everywhere (search, département page,
 * referral answer, map): « Aucun service connu à moins de 60 km de Lens. »
 */
export function nothingNearText(km: number, placeLabel?: string): string {
  return `Aucun service connu à moins de ${km} km${placeLabel ? ` de ${placeLabel}` : ''}.`;
}
