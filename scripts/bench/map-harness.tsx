/**
 * Browser entry of the map benchmark and of the embedding test (bundled by esbuild, never shipped):
 * the real island, alone on a page, reading the feed served beside it. The query string gives the
 * bounds to open on (?bbox=minLng,minLat,maxLng,maxLat), may name another feed (?feed=/region.geojson;
 * /feed.geojson by default) and its overview (?overview=/overview.json), and may restrict the services shown
 * (?services=a,b), as the search page does with its results; a `passerelle-harness:services`
 * event with an array (or null) in `detail` changes them afterwards.
 */
import { useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import ServiceMapIsland from '../../src/islands/map/ServiceMapIsland.tsx';
import '../../src/islands/map/service-map.css';
import { METROPOLE_BBOX, type BBox } from '../../src/lib/map/map-bbox.ts';

const query = new URLSearchParams(location.search);
const requested = query.get('bbox')?.split(',').map(Number);
const bbox = requested?.length === 4 ? (requested as BBox) : METROPOLE_BBOX;
const initialServices = query.get('services')?.split(',').filter(Boolean);
const feedUrl = query.get('feed') ?? '/feed.geojson';
const overviewUrl = query.get('overview');

function Harness() {
  const [services, setServices] = useState<string[] | undefined>(initialServices);
  useEffect(() => {
    const change = (event: Event): void => setServices((event as CustomEvent<string[] | null>).detail ?? undefined);
    window.addEventListener('passerelle-harness:services', change);
    return () => window.removeEventListener('passerelle-harness:services', change);
  }, []);
  return (
    <ServiceMapIsland
      label="Carte de mesure"
      bbox={bbox}
      feedUrl={feedUrl}
      {...(overviewUrl ? { overviewUrl } : {})}
      outlinesUrl="/outlines.geojson"
      tileUrl=""
      tileAttribution=""
      {...(services ? { serviceIds: services } : {})}
    />
  );
}

createRoot(document.getElementById('root') as HTMLElement).render(<Harness />);
