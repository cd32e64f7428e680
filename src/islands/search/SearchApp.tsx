/**
 * The search page (/recherche/): words, place, filters and page live in the URL (shareable, back
 * button works); results as cards, with facet counts; the number of results is announced.
 *
 * The state and its URL live in `useSearch` (use-search.ts), around the pure steps of
 * src/lib/search/search-run.ts and search-state.ts; the filters are `SearchFilters`.
 */
import type { SubmitEvent } from 'react';
import { useRef } from 'react';
import type { WhereToAskContact } from '../../lib/content/where-to-ask-schema.ts';
import { DEFAULT_RADIUS_KM } from '../../lib/search/search-model.ts';
import { communeLabel } from '../../lib/search/search-place.ts';
import { searchSummary, submittedState, widerRadiusKm } from '../../lib/search/search-state.ts';
import type { SearchUrlState } from '../../lib/search/search-url.ts';
import { nearDistanceKm, nothingNearText } from '../../lib/services/service-reach.ts';
import { whereToAskFor } from '../../lib/services/where-to-ask.ts';
import CommuneField from '../shared/CommuneField.tsx';
import { WhereToAsk } from '../where-to-ask/WhereToAsk.tsx';
import ResultsMap, { type MapTiles } from './ResultsMap.tsx';
import type { MeilisearchConfig } from './search-loaders.ts';
import { SearchFilters } from './SearchFilters.tsx';
import SearchResults from './SearchResults.tsx';
import { useAroundMe } from './use-around-me.ts';
import { useSearch } from './use-search.ts';
import './search.css';

/** A submitted text field: FormData gives a string, a File for a file field, null when absent. */
const textValue = (value: FormDataEntryValue | null): string => (typeof value === 'string' ? value : '');

export interface SearchAppProps {
  /** Set when the site searches on Meilisearch (public URL and search-only key). */
  meilisearch?: MeilisearchConfig | undefined;
  /** Tiles of the results map. */
  tiles: MapTiles;
  /** Where to ask when no service is near the place (content/ou-demander.yaml). */
  whereToAsk: WhereToAskContact[];
}

export default function SearchApp({ meilisearch, tiles, whereToAsk }: SearchAppProps) {
  const { state, text, setText, place, results, preview, nearest, status, notice, sameName, run } = useSearch(meilisearch);
  const resultsHeading = useRef<HTMLHeadingElement>(null);

  // A filter or a page replaces the history entry: the back button (and the quick exit's) skips them.
  const update = (change: Partial<SearchUrlState>, how: 'push' | 'replace' = 'replace'): void =>
    void run({ ...state, page: 1, ...change }, how);
  const goToPage = (page: number): void => void run({ ...state, page }, 'replace').then(() => resultsHeading.current?.focus());
  const aroundMe = useAroundMe((autour) => update({ autour, lieu: '', commune: undefined }, 'push'));

  const onSubmit = (event: SubmitEvent<HTMLFormElement>): void => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    void run(submittedState(state, { q: text, lieu: textValue(form.get('lieu')), insee: textValue(form.get('lieuInsee')) }), 'push');
  };

  const radius = state.rayon ?? DEFAULT_RADIUS_KM;
  // The distance that would find the nearest service, if one of the choices reaches it.
  const widerRadius = widerRadiusKm(radius, nearest[0]?.distanceKm);
  // The map shows the services listed: this page of results, or the nearest ones when none matched.
  const mapped =
    status !== 'ready'
      ? undefined
      : results && results.total > 0
        ? { hits: results.hits, listId: 'liste-resultats' }
        : nearest.length > 0
          ? { hits: nearest, listId: 'liste-plus-proches' }
          : undefined;

  return (
    <div className="search-app">
      <form className="search-form" role="search" aria-label="Rechercher un service" onSubmit={onSubmit}>
        <div className="search-bar search-form__main">
          <div className="search-bar__field search-form__field">
            <label htmlFor="recherche-q">Mots-clés (facultatif)</label>
            <input
              id="recherche-q"
              name="q"
              type="search"
              value={text}
              onChange={(e) => setText(e.target.value)}
              placeholder="médiation, espace de rencontre, LAEP…"
            />
          </div>
          <div className="search-bar__field search-form__field">
            <CommuneField
              id="recherche-lieu"
              name="lieu"
              label="Commune ou code postal"
              defaultValue={state.autour ? '' : place?.communeCode ? place.label : state.lieu}
              defaultInsee={place?.communeCode ?? state.commune ?? ''}
              choices={sameName}
              onSelect={(commune) => {
                if (commune) update({ lieu: communeLabel(commune), commune: commune.code, autour: undefined, q: text.trim() }, 'push');
              }}
            />
            <button type="button" className="button button--secondary search-form__geo" onClick={aroundMe.locate}>
              Autour de moi
            </button>
            <p className="search-form__geo-message" role="status">
              {aroundMe.message}
            </p>
          </div>
          <button className="button search-form__submit" type="submit">
            Rechercher
          </button>
        </div>
      </form>

      <section className="search-answer" aria-labelledby="resultats-titre">
        <h2 id="resultats-titre" ref={resultsHeading} tabIndex={-1}>
          Résultats
        </h2>
        <p className="search-answer__status" role="status" aria-live="polite" aria-atomic="true">
          {status === 'loading' && 'Recherche en cours…'}
          {status === 'error' && 'La recherche n’a pas pu aboutir (connexion interrompue ?). Réessayez dans un instant.'}
          {status === 'choose' &&
            `Plusieurs communes s’appellent « ${state.lieu} » : choisissez la vôtre sous le champ « Commune ou code postal ».`}
          {status === 'idle' && 'Indiquez une commune, un code postal ou des mots-clés, ou choisissez un type de service.'}
          {status === 'ready' && results && searchSummary(results, place, radius)}
        </p>
        {notice && <p className="search-answer__notice">{notice}</p>}
        {mapped && results && results.total > 0 && (
          <p className="search-answer__jump">
            <a href={`#${mapped.listId}-carte`}>Voir ces services sur la carte</a>
          </p>
        )}
        <div className="search-answer__layout">
          <div className="search-answer__list">
            {status === 'loading' && preview && (
              <SearchResults hits={preview.hits} id="liste-resultats" label="Premiers services trouvés" />
            )}
            {status === 'ready' && results && results.total > 0 && (
              <>
                <SearchResults hits={results.hits} id="liste-resultats" label="Services trouvés" />
                {results.pageCount > 1 && (
                  <nav className="search-pages" aria-label="Pages de résultats">
                    {results.page > 1 && (
                      <button type="button" className="button button--secondary" onClick={() => goToPage(results.page - 1)}>
                        Page précédente
                      </button>
                    )}
                    {results.page < results.pageCount && (
                      <button type="button" className="button button--secondary" onClick={() => goToPage(results.page + 1)}>
                        Page suivante
                      </button>
                    )}
                  </nav>
                )}
              </>
            )}
            {status === 'ready' && results && results.total === 0 && (
              <div className="search-empty">
                <p>Aucun service ne correspond à tous ces critères. Vous pouvez :</p>
                <ul>
                  {place && widerRadius && (
                    <li>
                      <button type="button" className="link-button" onClick={() => update({ rayon: widerRadius })}>
                        {`Élargir la recherche à ${widerRadius} km`}
                      </button>
                    </li>
                  )}
                  {state.types.length > 0 && (
                    <li>
                      <button type="button" className="link-button" onClick={() => update({ types: [] })}>
                        Chercher tous les types de service
                      </button>
                    </li>
                  )}
                  {state.q && (
                    <li>
                      <button type="button" className="link-button" onClick={() => update({ q: '' })}>
                        {`Chercher sans les mots « ${state.q} »`}
                      </button>
                    </li>
                  )}
                  <li>
                    <a href="/departements/">Parcourir les services par département</a>
                  </li>
                </ul>
                {place && nearest.length === 0 && (
                  <p className="search-none-near">
                    <strong>{nothingNearText(nearDistanceKm(state.types), place.label)}</strong>
                  </p>
                )}
                <WhereToAsk contacts={whereToAskFor(whereToAsk, state.types)} />
                {nearest.length > 0 && (
                  <>
                    <h3>{`Les services les plus proches, à moins de ${nearDistanceKm(state.types)} km`}</h3>
                    <SearchResults hits={nearest} id="liste-plus-proches" label="Services les plus proches" headingLevel={4} />
                  </>
                )}
              </div>
            )}
          </div>
          {mapped && <ResultsMap documents={mapped.hits.map((hit) => hit.document)} place={place} listId={mapped.listId} tiles={tiles} />}
        </div>
      </section>

      <SearchFilters state={state} results={results} onChange={(change) => update(change)} />
    </div>
  );
}
