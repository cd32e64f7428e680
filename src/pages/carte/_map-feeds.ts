/** Feeds built once per build and shared by the feed routes. */
import { getSiteContent } from '../../data/content.ts';
import {
  buildFranceFeed,
  departementFeatureIndex,
  mappableServices,
  type MapLocationFeature,
  type MapPointGroupCollection,
} from '../../lib/map/map-feed.ts';

let index: Promise<Map<string, MapLocationFeature[]>> | undefined;
let france: Promise<MapPointGroupCollection> | undefined;

/** The département feature index (département and région feeds). */
export function departementIndex(): Promise<Map<string, MapLocationFeature[]>> {
  index ??= getSiteContent().then((content) => departementFeatureIndex(mappableServices(content.services)));
  return index;
}

/** The France feed (the feed itself and its overview). */
export function franceFeed(): Promise<MapPointGroupCollection> {
  france ??= getSiteContent().then((content) => buildFranceFeed(mappableServices(content.services)));
  return france;
}
