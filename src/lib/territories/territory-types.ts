/**
 * The French territory model's types (commune, département, région), apart from the data that fills
 * them, so that matching and naming code can name them without loading the data.
 */
import type { GeoPoint } from './geo-distance.ts';

export interface Commune extends GeoPoint {
  /** INSEE code, always a 5-character string ("01001", "2A004", "97411"). */
  code: string;
  name: string;
  departementCode: string;
  postalCodes: string[];
  population: number;
  /** For an arrondissement municipal: the INSEE code of its commune (Paris, Lyon, Marseille). */
  parentCode?: string;
}

export interface Departement {
  code: string;
  name: string;
  regionCode: string;
  /** INSEE code of the préfecture. */
  chefLieu: string;
  /** INSEE "type de nom en clair", used to say "du Pas-de-Calais", "de la Somme", "des Yvelines". */
  typeLiaison: number;
  zone: 'metro' | 'drom';
  /** [minLng, minLat, maxLng, maxLat] of the outline. */
  bbox: [number, number, number, number];
  neighbours: string[];
  slug: string;
}

export interface Region {
  code: string;
  name: string;
  chefLieu: string;
  typeLiaison: number;
  zone: 'metro' | 'drom';
  slug: string;
}
