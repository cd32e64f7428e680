/** The département feature index, built once per build and shared by the feed routes. */
import { getSiteContent } from '../../data/content.ts';
import { departementFeatureIndex, mappableServices, type MapLocationFeature } from '../../lib/map/map-feed.ts';

let index: Promise<Map<string, MapLocationFeature[]>> | undefined;

export function departementIndex(): Promise<Map<string, MapLocationFeature[]>> {
  index ??= getSiteContent().then((content) => departementFeatureIndex(mappableServices(content.services)));
  return index;
}
