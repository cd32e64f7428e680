/**
 * A commune as the compiled territory data and the browser's commune files hold it: one array per
 * commune. Free of the data itself, so that an island can read the rows it fetches.
 */
import type { Commune } from './territory-types.ts';

/** A commune as the files hold it (the row format of the territory data). */
export type CommuneRow = [
  code: string,
  name: string,
  departementCode: string,
  postalCodes: string,
  lat: number,
  lng: number,
  population: number,
  parentCode: string,
];

/** A commune as a row. */
export function toCommuneRow(c: Commune): CommuneRow {
  return [c.code, c.name, c.departementCode, c.postalCodes.join(' '), c.lat, c.lng, c.population, c.parentCode ?? ''];
}

/** A row as a commune. */
export function fromCommuneRow([code, name, departementCode, postalCodes, lat, lng, population, parentCode]: CommuneRow): Commune {
  return {
    code,
    name,
    departementCode,
    postalCodes: postalCodes ? postalCodes.split(' ') : [],
    lat,
    lng,
    population,
    ...(parentCode ? { parentCode } : {}),
  };
}
