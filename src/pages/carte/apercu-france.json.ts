/** The France map's groups at its first zooms, drawn while the France feed loads (map-overview.ts). */
import type { APIRoute } from 'astro';
import { withIdInProperties } from '../../lib/map/map-clusters.ts';
import { buildMapOverview } from '../../lib/map/map-overview.ts';
import { pointFeaturesOf } from '../../lib/map/map-points.ts';
import { franceFeed } from './_map-feeds.ts';

export const GET: APIRoute = async () => {
  // The same points, in the same order, as the island indexes from /carte/services.geojson.
  const points = pointFeaturesOf(await franceFeed());
  return new Response(JSON.stringify(buildMapOverview(withIdInProperties(points))), {
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
  });
};
