/**
 * The map island on the results shown, opened on their bounds. Loaded by ResultsMap only when its
 * spot comes near the screen: its points come from the search documents already in the page, and a
 * marker's card reads its details from the département feed.
 */
import { useMemo } from 'react';
import { METROPOLE_BBOX, pointsBBox, unionBBox } from '../../lib/map/map-bbox.ts';
import { searchResultsFeed } from '../../lib/map/map-points.ts';
import { localOutlinesPath, OUTLINES_FEED_PATH } from '../../lib/map/map-scope.ts';
import ServiceMapIsland from '../map/ServiceMapIsland.tsx';
import type { ResultsMapProps } from './results-map-props.ts';

export default function ResultsMapView({ documents, place, listId, tiles }: ResultsMapProps) {
  const features = useMemo(() => searchResultsFeed(documents), [documents]);
  const points = features.features.map((f) => ({ lng: f.geometry.coordinates[0] as number, lat: f.geometry.coordinates[1] as number }));
  const bbox =
    unionBBox([pointsBBox(points), place ? pointsBBox([place]) : undefined].filter((box) => box !== undefined)) ?? METROPOLE_BBOX;
  // Results around a commune sit in its département and the neighbours: their outlines are enough.
  const outlinesUrl = place?.departementCode ? localOutlinesPath(place.departementCode) : OUTLINES_FEED_PATH;
  // A new set of results starts a new map, opened on their bounds.
  const key = features.features.map((f) => f.id).join('|');
  return (
    <ServiceMapIsland
      key={key}
      label="Carte des services trouvés"
      bbox={bbox}
      features={features}
      outlinesUrl={outlinesUrl}
      listId={listId}
      {...tiles}
    />
  );
}
