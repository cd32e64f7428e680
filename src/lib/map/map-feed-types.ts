/**
 * The shapes of the map feeds (GeoJSON features and their properties), apart from the code that
 * builds them so that the feed builders and the point helpers can both name them.
 */
import type { Feature, FeatureCollection, MultiPoint, Point } from 'geojson';
import type { ServiceKind } from '../services/service-vocabulary.ts';

/**
 * Properties of a marker on a light feed (all of France, a région). Kept short, since such a feed holds every
 * location: the service id is in the feature id, and `approximate` is only written when true.
 */
export interface MapPointProperties {
  /** Name of the service (markers are announced by it). */
  name: string;
  /** Kind that gives the marker its shape and colour (see primaryKind). */
  kind: ServiceKind;
  /** Present when the point is a commune centroid: drawn as an area, never as an exact pin. */
  approximate?: true;
  /** Département of the location: its full feed holds the card's details. */
  departement: string;
}

/** Properties of a location on a full feed: everything its card shows. */
export interface MapLocationProperties extends MapPointProperties {
  /** Id of the service. */
  service: string;
  /** Name of the place, when it differs from the service (never given for a confidential place). */
  place?: string;
  kinds: ServiceKind[];
  /** Street address; absent when confidential or unknown. */
  address?: string;
  /** Absent when no source gives it. */
  postalCode?: string;
  commune: string;
  phone?: string;
  /** The address is withheld on purpose (protected place). */
  confidential: boolean;
  /** The service receives referrals through Passerelle's form. */
  acceptsReferrals: boolean;
}

export type MapPointFeature = Feature<Point, MapPointProperties> & { id: string };
export type MapLocationFeature = Feature<Point, MapLocationProperties> & { id: string };
export type MapPointCollection = FeatureCollection<Point, MapPointProperties>;

/**
 * A group of light points that share a département, a kind and approximateness: one MultiPoint,
 * with the id and the name of each point in the order of its coordinates.
 */
export interface MapPointGroupProperties extends Omit<MapPointProperties, 'name'> {
  ids: string[];
  names: string[];
}
export type MapPointGroupFeature = Feature<MultiPoint, MapPointGroupProperties>;
export type MapPointGroupCollection = FeatureCollection<MultiPoint, MapPointGroupProperties>;
export type MapLocationCollection = FeatureCollection<Point, MapLocationProperties>;
