/**
 * Search results as cards: name, kinds, distance, commune, phone, link. A plain list with no state,
 * so that a map of the same results can sit beside it (ids in order: `hits.map(h => h.document.id)`).
 */
import type { SearchHit } from '../../lib/search/search-model.ts';
import { phoneHref } from '../../lib/services/service-format.ts';
import { orientationPath } from '../../lib/services/service-paths.ts';
import { SERVICE_KIND_INFO } from '../../lib/services/service-vocabulary.ts';
import { roundDistanceKm } from '../../lib/territories/geo-distance.ts';

export interface SearchResultsProps {
  hits: readonly SearchHit[];
  /** id of the list, for a skip link or a map's "back to the list". */
  id?: string;
  /** Accessible name of the list. */
  label: string;
  /** Heading level of each card's title. */
  headingLevel?: 2 | 3 | 4;
}

/** « 3,2 km », « 12 km ». */
export function formatDistance(km: number): string {
  return `${roundDistanceKm(km).toLocaleString('fr-FR')} km`;
}

export default function SearchResults({ hits, id, label, headingLevel = 3 }: SearchResultsProps) {
  const Heading = (['h2', 'h3', 'h4'] as const)[headingLevel - 2] ?? 'h3';
  return (
    <ol className="search-results" id={id} aria-label={label}>
      {hits.map(({ document, distanceKm, nearest, servesPlace }) => {
        const where = nearest ?? document.locations[0];
        return (
          <li key={document.id} className="search-result" data-service-id={document.id}>
            <Heading className="search-result__name">
              <a href={document.path}>{document.name}</a>
            </Heading>
            <p className="search-result__kinds">{document.kinds.map((kind) => SERVICE_KIND_INFO[kind].label).join(' · ')}</p>
            {where && (
              <p className="search-result__place">
                {distanceKm !== undefined && <strong>{`À ${formatDistance(distanceKm)} · `}</strong>}
                {where.communeName}
                {document.locations.length > 1 &&
                  ` (et ${document.locations.length - 1} autre${document.locations.length > 2 ? 's' : ''} lieu${document.locations.length > 2 ? 'x' : ''})`}
              </p>
            )}
            {servesPlace && <p className="search-result__serves">Intervient dans votre commune</p>}
            {document.status === 'fermé temporairement' && <p className="search-result__closed">Fermé temporairement</p>}
            {document.phone ? (
              <p className="search-result__phone">
                Téléphone : <a href={phoneHref(document.phone)}>{document.phone}</a>
              </p>
            ) : (
              <p className="search-result__phone">
                {document.organisationName
                  ? `Pas de téléphone connu : contactez ${document.organisationName}, ou voyez `
                  : 'Pas de téléphone connu : voyez '}
                <a href={`${document.path}#contact`}>
                  les autres moyens de contact<span className="visually-hidden"> de {document.name}</span>
                </a>
                {document.acceptsReferral ? ', ou demandez une orientation en ligne.' : '.'}
              </p>
            )}
            <p className="search-result__links">
              <a href={document.path}>
                Voir la fiche<span className="visually-hidden"> de {document.name}</span>
              </a>
              {document.acceptsReferral && (
                <>
                  {' · '}
                  <a href={orientationPath(document.id)}>
                    Demander une orientation<span className="visually-hidden"> vers {document.name}</span>
                  </a>
                </>
              )}
            </p>
          </li>
        );
      })}
    </ol>
  );
}
