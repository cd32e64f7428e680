/**
 * Browser entry of the map benchmark (bundled by map.bench.ts, never shipped): the real island,
 * alone on a page, reading the synthetic feed the benchmark serves. The query string gives the
 * bounds to open on (?bbox=minLng,minLat,maxLng,maxLat).
 */
import { createRoot } from 'react-dom/client';
import ServiceMapIsland from '../../src/islands/map/ServiceMapIsland.tsx';
import { METROPOLE_BBOX, type BBox } from '../../src/lib/map/map-bounds.ts';

const requested = new URLSearchParams(location.search).get('bbox')?.split(',').map(Number);
const bbox = requested?.length === 4 ? (requested as BBox) : METROPOLE_BBOX;
createRoot(document.getElementById('root') as HTMLElement).render(
  <ServiceMapIsland label="Carte de mesure" bbox={bbox} feedUrl="/feed.geojson" outlinesUrl="/outlines.geojson" tileUrl="" tileAttribution="" />,
);
