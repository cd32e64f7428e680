/**
 * Checks that need more than one file: references, duplicates, coordinates against their commune,
 * information not checked for a year. Used by `npm run content:check` and by the build.
 */
import { distanceKm } from '../territories/geo-distance.ts';
import { foldText } from '../territories/text-normalize.ts';
import { getCommune, getDepartement } from '../territories/territory-data.ts';
import type { ContentProblem } from './content-errors.ts';
import type { Organisation } from './organisation-schema.ts';
import type { Service } from './service-schema.ts';

/** Information older than this is reported (never unpublished). */
export const CHECK_DUE_AFTER_DAYS = 365;

export interface ContentSet {
  services: readonly Service[];
  organisations: readonly Organisation[];
  /** Path of an entry's file, for messages. */
  fileOf: (collection: 'services' | 'organisations', id: string) => string;
}

/** Whether a point lies inside a département's outline bounding box, with a margin in degrees. */
function insideDepartementBox(departementCode: string, lat: number, lng: number, marginDegrees = 0.2): boolean {
  const departement = getDepartement(departementCode);
  if (!departement) return true;
  const [minLng, minLat, maxLng, maxLat] = departement.bbox;
  return lng >= minLng - marginDegrees && lng <= maxLng + marginDegrees && lat >= minLat - marginDegrees && lat <= maxLat + marginDegrees;
}

export function crossCheckContent(content: ContentSet, today: Date = new Date()): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const organisationIds = new Set(content.organisations.map((o) => o.id));
  const error = (id: string, field: string, message: string): void => {
    problems.push({ file: content.fileOf('services', id), field, message, severity: 'erreur' });
  };
  const warning = (id: string, field: string, message: string): void => {
    problems.push({ file: content.fileOf('services', id), field, message, severity: 'avertissement' });
  };

  const seenByNameAndCommune = new Map<string, string>();
  for (const service of content.services) {
    if (service.organisation && !organisationIds.has(service.organisation)) {
      error(service.id, 'organisation', `L’organisation « ${service.organisation} » n’existe pas : créez content/organisations/${service.organisation}.yaml ou corrigez l’identifiant.`);
    }
    service.federations.forEach((federation, index) => {
      if (!organisationIds.has(federation)) {
        error(service.id, `federations[${index}]`, `La fédération « ${federation} » n’existe pas : créez content/organisations/${federation}.yaml ou corrigez l’identifiant.`);
      }
    });

    service.locations.forEach((location, index) => {
      const commune = getCommune(location.communeCode);
      if (!commune || location.latitude === undefined || location.longitude === undefined) return;
      if (!insideDepartementBox(commune.departementCode, location.latitude, location.longitude)) {
        const km = Math.round(distanceKm(commune, { lat: location.latitude, lng: location.longitude }));
        error(
          service.id,
          `locations[${index}].latitude`,
          `Les coordonnées (${location.latitude}, ${location.longitude}) tombent hors du département ${commune.departementCode}, à ${km} km de ${commune.name} : latitude et longitude inversées, ou erreur de saisie ?`,
        );
      }
    });

    for (const location of service.locations) {
      const key = `${foldText(service.name)}|${location.communeCode}`;
      const other = seenByNameAndCommune.get(key);
      if (other && other !== service.id) {
        error(service.id, 'name', `Doublon probable de « ${other} » : même nom et même commune. Fusionnez les deux fiches ou distinguez leurs noms.`);
        break;
      }
      seenByNameAndCommune.set(key, service.id);
    }

    const ageDays = (today.getTime() - Date.parse(service.lastChecked)) / 86_400_000;
    if (ageDays > CHECK_DUE_AFTER_DAYS) {
      warning(service.id, 'lastChecked', `Informations vérifiées le ${service.lastChecked}, il y a plus d’un an : à revérifier (la fiche reste publiée).`);
    } else if (ageDays < -1) {
      error(service.id, 'lastChecked', `La date de vérification ${service.lastChecked} est dans le futur.`);
    }
  }
  return problems;
}
