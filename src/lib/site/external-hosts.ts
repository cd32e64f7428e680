/**
 * The other hosts a visitor's browser may contact, read from the same settings as the build's
 * Content-Security-Policy (PUBLIC_MAP_TILE_URL, PUBLIC_MEILISEARCH_URL), so that the confidentialité
 * page names exactly the hosts the policy lets the browser reach, and no other.
 */
import { cspSourceOf, DEFAULT_MAP_TILE_URL } from '../security/content-security-policy.ts';

export interface ExternalHost {
  /** Host name as people read it, e.g. "tile.openstreetmap.org" (with its port, if any). */
  host: string;
  /** Whether its subdomains are used too: a tile template with {s} asks a., b. and c. */
  subdomains: boolean;
  /** Who runs it, when the host is a well-known public service. */
  operator?: { name: string; privacyPolicyUrl: string };
}

/** The build settings that bring in another host (undefined: the default; empty: none). */
export interface ExternalHostSettings {
  mapTileUrl?: string | undefined;
  searchUrl?: string | undefined;
}

export interface ExternalHosts {
  /** Where map tiles come from; undefined when maps draw no tiles (PUBLIC_MAP_TILE_URL empty). */
  mapTiles?: ExternalHost;
  /** The Meilisearch server the search page queries; undefined with the embedded search. */
  search?: ExternalHost;
}

const OPENSTREETMAP = { name: 'la fondation OpenStreetMap', privacyPolicyUrl: 'https://osmfoundation.org/wiki/Privacy_Policy' };

/** The host of a URL or tile template, or undefined for anything that is not an absolute http(s) URL. */
export function externalHostOf(urlOrTemplate: string | undefined): ExternalHost | undefined {
  const source = cspSourceOf(urlOrTemplate);
  if (!source) return undefined;
  const name = source.replace(/^https?:\/\//, '');
  const subdomains = name.startsWith('*.');
  const host = subdomains ? name.slice(2) : name;
  const bareHost = host.replace(/:\d+$/, '');
  const operator = bareHost === 'openstreetmap.org' || bareHost.endsWith('.openstreetmap.org') ? OPENSTREETMAP : undefined;
  return { host, subdomains, ...(operator ? { operator } : {}) };
}

/** The map tile host (OpenStreetMap's when the setting is absent) and the search host, if any. */
export function externalHosts(settings: ExternalHostSettings): ExternalHosts {
  const mapTiles = externalHostOf(settings.mapTileUrl ?? DEFAULT_MAP_TILE_URL);
  const search = externalHostOf(settings.searchUrl);
  return { ...(mapTiles ? { mapTiles } : {}), ...(search ? { search } : {}) };
}
