/**
 * The map of the results shown, beside the list on a wide screen and below it on a phone. The map
 * island's code is fetched only when this spot comes near the screen, and Leaflet only when the map
 * itself is on screen: a phone that never scrolls to it downloads neither. Its points come from the
 * search documents already in the page; a marker's card reads its details from the département feed.
 */
import { lazy, Suspense, useEffect, useMemo, useRef, useState } from 'react';
import { METROPOLE_BBOX, pointsBBox, unionBBox } from '../../lib/map/map-bbox.ts';
import { searchResultsFeed } from '../../lib/map/map-feed.ts';
import { localOutlinesPath, OUTLINES_FEED_PATH } from '../../lib/map/map-scope.ts';
import type { SearchDocument, SearchPlace } from '../../lib/search/search-model.ts';
// Loaded with the page, not with the lazy island: Astro renames the stylesheet of a lazily imported
// island's chunk and the chunk's own reference to it then points to no file.
import '../map/service-map.css';

const ServiceMapIsland = lazy(() => import('../map/ServiceMapIsland.tsx'));

export interface MapTiles {
  /** Tile URL template ('' for none) and its attribution (HTML), from the site's configuration. */
  tileUrl: string;
  tileAttribution: string;
}

export interface ResultsMapProps {
  documents: readonly SearchDocument[];
  place: SearchPlace | undefined;
  /** Id of the list of the same results (cards marked `data-service-id`). */
  listId: string;
  tiles: MapTiles;
}

export default function ResultsMap({ documents, place, listId, tiles }: ResultsMapProps) {
  const spotRef = useRef<HTMLDivElement>(null);
  const [near, setNear] = useState(false);
  useEffect(() => {
    const spot = spotRef.current;
    if (!spot || near) return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((entry) => entry.isIntersecting)) setNear(true);
    }, { rootMargin: '200px' });
    observer.observe(spot);
    return () => observer.disconnect();
  }, [near]);

  const features = useMemo(() => searchResultsFeed(documents), [documents]);
  const points = features.features.map((f) => ({ lng: f.geometry.coordinates[0] as number, lat: f.geometry.coordinates[1] as number }));
  const bbox = unionBBox([pointsBBox(points), place ? pointsBBox([place]) : undefined].filter((box) => box !== undefined)) ?? METROPOLE_BBOX;
  // Results around a commune sit in its département and the neighbours: their outlines are enough.
  const outlinesUrl = place?.departementCode ? localOutlinesPath(place.departementCode) : OUTLINES_FEED_PATH;
  // A new set of results starts a new map, opened on their bounds.
  const key = features.features.map((f) => f.id).join('|');

  return (
    <div className="search-map" ref={spotRef} id={`${listId}-carte`} tabIndex={-1}>
      <h3 className="visually-hidden">Carte des résultats</h3>
      {near ? (
        <Suspense fallback={<p className="search-map__placeholder">Chargement de la carte…</p>}>
          <ServiceMapIsland key={key} label="Carte des services trouvés" bbox={bbox} features={features} outlinesUrl={outlinesUrl} listId={listId} {...tiles} />
        </Suspense>
      ) : (
        <p className="search-map__placeholder">La carte des services trouvés s’affiche ici.</p>
      )}
    </div>
  );
}
