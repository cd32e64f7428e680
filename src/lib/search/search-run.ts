/**
 * One search of the search page, step by step, apart from React and the network (given as
 * functions): the place (the browser's position, a commune typed or picked, or a commune named in the
 * words: « médiation Lens »), then the engine's results, then, when none matched around a place, the
 * nearest services within the kinds' near distance. A name shared by several communes stops the run:
 * results around the wrong one would mislead.
 */
import { nearDistanceKm } from '../services/service-reach.ts';
import type { TypedCommune } from '../territories/commune-matching.ts';
import type { Commune } from '../territories/territory-data.ts';
import type { SearchEngine, SearchHit, SearchPlace, SearchResults } from './search-model.ts';
import { communeLabel, communePlace } from './search-place.ts';
import { hasCriteria } from './search-state.ts';
import { queryFromUrlState, type SearchUrlState } from './search-url.ts';

export interface SearchRunSteps {
  /** The commune a URL or the field names (by its INSEE code when picked). */
  resolveCommune: (lieu: string, inseeCode?: string) => Promise<TypedCommune>;
  /** A commune named in the words, and the words left. */
  findPlaceInText: (text: string) => Promise<{ commune: Commune; rest: string } | undefined>;
  engine: () => Promise<SearchEngine>;
  /** The words named a commune: the state becomes words and place (the page shows it at once). */
  onPlaceInWords?: (state: SearchUrlState) => void;
  /** A sure first page while the farther files load: to show, not to announce as the count. */
  onFirstPage?: (first: SearchResults, place: SearchPlace | undefined) => void;
}

export type SearchRunOutcome =
  /** Nothing asked: no search. */
  | { type: 'idle' }
  /** The place typed is the name of several communes, and the person has not said which. */
  | { type: 'choose'; choices: Commune[] }
  | {
      type: 'ready';
      /** The state searched (a commune found in the words moved to the place). */
      state: SearchUrlState;
      place: SearchPlace | undefined;
      results: SearchResults;
      /** With no result around a place: the nearest services within the near distance of the kinds asked. */
      nearest: SearchHit[];
      /** Said above the results (a commune not found). */
      notice: string;
    };

/** What the page says when the place typed names no commune. */
export const unknownCommuneNotice = (lieu: string): string =>
  `Nous n’avons pas trouvé la commune « ${lieu} » : vérifiez l’orthographe ou tapez le code postal. Les résultats ci-dessous ne tiennent pas compte du lieu.`;

export async function runSearch(start: SearchUrlState, steps: SearchRunSteps): Promise<SearchRunOutcome> {
  if (!hasCriteria(start)) return { type: 'idle' };
  let state = start;
  let place: SearchPlace | undefined;
  let notice = '';
  if (state.autour) place = { ...state.autour, label: 'votre position' };
  else if (state.lieu) {
    const answer = await steps.resolveCommune(state.lieu, state.commune);
    if ('choices' in answer) return { type: 'choose', choices: answer.choices };
    if ('commune' in answer) place = communePlace(answer.commune);
    else notice = unknownCommuneNotice(state.lieu);
  } else if (state.q) {
    const found = await steps.findPlaceInText(state.q);
    if (found) {
      place = communePlace(found.commune);
      state = { ...state, q: found.rest, lieu: communeLabel(found.commune), commune: found.commune.code };
      steps.onPlaceInWords?.(state);
    }
  }
  const engine = await steps.engine();
  const query = queryFromUrlState(state, place);
  const results = await engine.search(query, { onFirstPage: (first) => steps.onFirstPage?.(first, place) });
  // Never farther than the kinds' near distance: beyond, the page says so and where to ask.
  const nearest =
    results.total === 0 && place
      ? (await engine.search({ ...query, radiusKm: nearDistanceKm(state.types), page: 1, pageSize: 3 })).hits
      : [];
  return { type: 'ready', state, place, results, nearest, notice };
}
