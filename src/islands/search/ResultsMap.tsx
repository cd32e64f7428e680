/**
 * The spot of the results map, beside the list on a wide screen and below it on a phone. The map's
 * code (ResultsMapView, the map island) and styles are fetched only when the spot comes near the
 * screen, and Leaflet only when the map itself is on screen: a phone that never scrolls to it
 * downloads none of them.
 */
import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import { loadStylesheet } from '../load-stylesheet.ts';
import serviceMapStylesUrl from '../map/service-map.css?url';
import type { ResultsMapProps } from './results-map-props.ts';

const ResultsMapView = lazy(() => import('./ResultsMapView.tsx'));

export type { MapTiles, ResultsMapProps } from './results-map-props.ts';

export default function ResultsMap(props: ResultsMapProps) {
  const spotRef = useRef<HTMLDivElement>(null);
  const [near, setNear] = useState(false);
  useEffect(() => {
    const spot = spotRef.current;
    if (!spot || near) return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (!entries.some((entry) => entry.isIntersecting)) return;
        observer.disconnect();
        void loadStylesheet(serviceMapStylesUrl).then(() => setNear(true));
      },
      { rootMargin: '200px' },
    );
    observer.observe(spot);
    return () => observer.disconnect();
  }, [near]);

  const placeholder = (text: string) => <p className="search-map__placeholder">{text}</p>;
  return (
    <div className="search-map" ref={spotRef} id={`${props.listId}-carte`} tabIndex={-1}>
      <h3 className="visually-hidden">Carte des résultats</h3>
      {near ? (
        <Suspense fallback={placeholder('Chargement de la carte…')}>{<ResultsMapView {...props} />}</Suspense>
      ) : (
        placeholder('La carte des services trouvés s’affiche ici.')
      )}
    </div>
  );
}
