/** What the results map receives, apart from its components so that both halves can name it. */
import type { SearchDocument, SearchPlace } from '../../lib/search/search-model.ts';

export interface MapTiles {
  /** Tile URL template ('' for none) and its attribution (HTML), from the site's configuration. */
  tileUrl: string;
  tileAttribution: string;
}

export interface ResultsMapProps {
  documents: readonly SearchDocument[];
  place: SearchPlace | undefined;
  /** Id of the list of the same results (cards marked `data-service-id`). */
  listId: string;
  tiles: MapTiles;
}
