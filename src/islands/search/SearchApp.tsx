/**
 * The search page (/recherche/): words, place, filters and page live in the URL (shareable, back
 * button works); results as cards, with facet counts; the number of results is announced.
 */
import { useCallback, useEffect, useRef, useState, type SubmitEvent } from 'react';
import { DEFAULT_RADIUS_KM, RADIUS_CHOICES_KM, type FacetName, type SearchHit, type SearchPlace, type SearchResults as Results } from '../../lib/search/search-model.ts';
import type { SearchManifest } from '../../lib/search/search-shards.ts';
import type { Commune } from '../../lib/territories/territory-data.ts';
import { parseSearchUrl, queryFromUrlState, roundCoordinate, searchUrlParams, type SearchUrlState } from '../../lib/search/search-url.ts';
import { languageName } from '../../lib/services/service-format.ts';
import {
  ACCESS_MODE_LABELS,
  ACCESS_MODES,
  type AccessMode,
  FEE_KIND_LABELS,
  FEE_KINDS,
  PUBLIC_LABELS,
  PUBLICS,
  SERVICE_KIND_INFO,
  SERVICE_KINDS,
} from '../../lib/services/service-vocabulary.ts';
import CommuneField from './CommuneField.tsx';
import ResultsMap, { type MapTiles } from './ResultsMap.tsx';
import { communeLabel, communePlace, loadSearchEngine, loadSearchManifest, resolveCommune, suggestCommunes, type MeilisearchConfig } from './search-loaders.ts';
import SearchResults from './SearchResults.tsx';
import type { WhereToAskContact } from '../../lib/content/where-to-ask-schema.ts';
import { nearDistanceKm } from '../../lib/services/service-reach.ts';
import { whereToAskFor } from '../../lib/services/where-to-ask.ts';
import { WhereToAsk } from '../where-to-ask/WhereToAsk.tsx';
import { COURT_DECISION_MODES } from '../../lib/services/court-decision-services.ts';
import './search.css';

export interface SearchAppProps {
  /** Set when the site searches on Meilisearch (public URL and search-only key); the page passes undefined otherwise. */
  meilisearch?: MeilisearchConfig | undefined;
  /** Tiles of the results map. */
  tiles: MapTiles;
  /** Where to ask when no service is near the place (content/ou-demander.yaml). */
  whereToAsk: WhereToAskContact[];
}

/** « Anglais », « Langue des signes française »: a filter label. */
const languageLabel = (code: string): string => {
  const name = languageName(code);
  return name.charAt(0).toUpperCase() + name.slice(1);
};

/** 'choose': the place typed is the name of several communes, and the person has not said which. */
const isCourtDecision = (mode: AccessMode): boolean => (COURT_DECISION_MODES as readonly AccessMode[]).includes(mode);

/** Where the filters sit above the results (search.css) and start open. */
const WIDE_SCREEN = '(min-width: 64rem)';

type Status = 'idle' | 'loading' | 'ready' | 'error' | 'choose';

const plural = (n: number, one: string, many: string): string => (n > 1 ? many : one);
/** A submitted text field: FormData gives a string, a File for a file field, null when absent. */
const textValue = (value: FormDataEntryValue | null): string => (typeof value === 'string' ? value : '');

function summary(results: Results, place: SearchPlace | undefined, radiusKm: number | undefined): string {
  if (results.total === 0) return 'Aucun service trouvé.';
  const count = `${results.total} ${plural(results.total, 'service trouvé', 'services trouvés')}`;
  const near = place ? (place.communeCode ? ` à moins de ${radiusKm} km de ${place.label} ou intervenant dans cette commune` : ` à moins de ${radiusKm} km de votre position`) : '';
  const pages = results.pageCount > 1 ? `, page ${results.page} sur ${results.pageCount}` : '';
  return `${count}${near}${pages}.`;
}

const hasCriteria = (s: SearchUrlState): boolean =>
  Boolean(s.q || s.lieu || s.autour || s.types.length || s.departements.length || s.regions.length || s.publics.length || s.access.length || s.fees.length || s.languages.length || s.orientation);

interface Territory {
  code: string;
  name: string;
}

/** The départements (by code, as everywhere on the site) and régions (by name) of the filters, from the search manifest. */
function filterTerritories(manifest: SearchManifest): { departements: Territory[]; regions: Territory[] } {
  return {
    departements: Object.entries(manifest.departements)
      .map(([code, d]) => ({ code, name: d.name }))
      .sort((a, b) => a.code.localeCompare(b.code)),
    regions: Object.entries(manifest.regions)
      .map(([code, name]) => ({ code, name }))
      .sort((a, b) => a.name.localeCompare(b.name, 'fr')),
  };
}

/** A one-choice filter on a territory (département or région); the empty choice means all. */
function TerritorySelect(props: { id: string; label: string; allLabel: string; value: string | undefined; options: { code: string; text: string }[]; onChange: (code: string) => void }) {
  return (
    <p>
      <label htmlFor={props.id}>{props.label}</label>
      <select id={props.id} value={props.value ?? ''} onChange={(e) => props.onChange(e.target.value)}>
        <option value="">{props.allLabel}</option>
        {props.options.map((option) => (
          <option key={option.code} value={option.code}>
            {option.text}
          </option>
        ))}
      </select>
    </p>
  );
}

export default function SearchApp({ meilisearch, tiles, whereToAsk }: SearchAppProps) {
  const [state, setState] = useState<SearchUrlState>(() => parseSearchUrl(new URLSearchParams()));
  const [text, setText] = useState('');
  const [place, setPlace] = useState<SearchPlace>();
  const [results, setResults] = useState<Results>();
  const [preview, setPreview] = useState<Results>();
  const [nearest, setNearest] = useState<SearchHit[]>([]);
  const [status, setStatus] = useState<Status>('idle');
  const [notice, setNotice] = useState('');
  const [geoMessage, setGeoMessage] = useState('');
  const [sameName, setSameName] = useState<Commune[]>([]);
  // Open above the results on a wide screen; on a phone, closed under them, so that the results come first.
  const [filtersOpen, setFiltersOpen] = useState(() => window.matchMedia(WIDE_SCREEN).matches);
  const [territories, setTerritories] = useState<{ departements: Territory[]; regions: Territory[] }>({ departements: [], regions: [] });
  const request = useRef(0);
  const resultsHeading = useRef<HTMLHeadingElement>(null);

  const run = useCallback(
    async (next: SearchUrlState, how: 'push' | 'replace' | 'none') => {
      setState(next);
      setText(next.q);
      if (how !== 'none') {
        const query = searchUrlParams(next).toString();
        const url = `${location.pathname}${query ? `?${query}` : ''}`;
        if (how === 'push') history.pushState(null, '', url);
        else history.replaceState(null, '', url);
      }
      const current = ++request.current;
      setNotice('');
      setSameName([]);
      setPreview(undefined);
      if (!hasCriteria(next)) {
        setResults(undefined);
        setNearest([]);
        setStatus('idle');
        setPlace(undefined);
        return;
      }
      setStatus('loading');
      try {
        let where: SearchPlace | undefined;
        if (next.autour) where = { ...next.autour, label: 'votre position' };
        else if (next.lieu) {
          const answer = await resolveCommune(next.lieu, next.commune);
          if ('choices' in answer) {
            // No search until the person says which commune: results around the wrong one would mislead.
            if (current !== request.current) return;
            setSameName(answer.choices);
            setResults(undefined);
            setNearest([]);
            setPlace(undefined);
            setStatus('choose');
            return;
          }
          if ('commune' in answer) where = communePlace(answer.commune);
          else setNotice(`Nous n’avons pas trouvé la commune « ${next.lieu} » : vérifiez l’orthographe ou tapez le code postal. Les résultats ci-dessous ne tiennent pas compte du lieu.`);
        } else if (next.q) {
          // « médiation Lens » typed in the words box: the commune becomes the place, the rest the words.
          const { findPlaceInText } = await import('../../lib/search/search-place-in-text.ts');
          const found = await findPlaceInText(next.q, suggestCommunes);
          if (found && current === request.current) {
            where = communePlace(found.commune);
            next = { ...next, q: found.rest, lieu: communeLabel(found.commune), commune: found.commune.code };
            setState(next);
            setText(next.q);
            history.replaceState(null, '', `${location.pathname}?${searchUrlParams(next).toString()}`);
          }
        }
        const engine = await loadSearchEngine(meilisearch);
        const query = queryFromUrlState(next, where);
        const found = await engine.search(query, {
          // A sure first page while the farther files load: shown, but not announced as the count.
          onFirstPage: (first) => {
            if (current !== request.current) return;
            setPlace(where);
            setPreview(first);
          },
        });
        let closest: SearchHit[] = [];
        if (found.total === 0 && where) {
          // Never farther than the kinds' near distance: beyond, the page says so and where to ask.
          closest = (await engine.search({ ...query, radiusKm: nearDistanceKm(next.types), page: 1, pageSize: 3 })).hits;
        }
        if (current !== request.current) return;
        setPlace(where);
        setResults(found);
        setPreview(undefined);
        setNearest(closest);
        setStatus('ready');
      } catch {
        if (current !== request.current) return;
        setStatus('error');
      }
    },
    [meilisearch],
  );

  useEffect(() => {
    // The engine's code and manifest are small: fetch them now, so that choosing a commune only waits for its files.
    loadSearchEngine(meilisearch).catch(() => undefined);
    loadSearchManifest()
      .then((manifest) => setTerritories(filterTerritories(manifest)))
      .catch(() => undefined);
    const fromUrl = (): void => void run(parseSearchUrl(new URLSearchParams(location.search)), 'none');
    fromUrl();
    window.addEventListener('popstate', fromUrl);
    return () => window.removeEventListener('popstate', fromUrl);
  }, [run, meilisearch]);

  // A filter or a page replaces the history entry: the back button (and the quick exit's) skips them.
  const update = (change: Partial<SearchUrlState>, how: 'push' | 'replace' = 'replace'): void => void run({ ...state, page: 1, ...change }, how);
  const toggle = <T extends string>(list: readonly T[], value: T, on: boolean): T[] => (on ? [...list, value] : list.filter((v) => v !== value));

  const onSubmit = (event: SubmitEvent<HTMLFormElement>): void => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const lieu = textValue(form.get('lieu')).trim();
    const insee = textValue(form.get('lieuInsee'));
    void run({ ...state, q: text.trim(), lieu, ...(insee ? { commune: insee } : { commune: undefined }), ...(lieu ? { autour: undefined } : {}), page: 1 }, 'push');
  };

  const aroundMe = (): void => {
    setGeoMessage('');
    if (!('geolocation' in navigator)) {
      setGeoMessage('Votre navigateur ne permet pas de donner votre position : tapez votre commune ou votre code postal.');
      return;
    }
    setGeoMessage('Recherche de votre position…');
    navigator.geolocation.getCurrentPosition(
      (position) => {
        setGeoMessage('Position trouvée : voici les services autour de vous.');
        update({ autour: { lat: roundCoordinate(position.coords.latitude), lng: roundCoordinate(position.coords.longitude) }, lieu: '', commune: undefined }, 'push');
      },
      (error) => {
        setGeoMessage(
          error.code === error.PERMISSION_DENIED
            ? 'Vous n’avez pas autorisé l’accès à votre position. Tapez plutôt votre commune ou votre code postal.'
            : 'Votre position n’a pas pu être trouvée. Tapez plutôt votre commune ou votre code postal.',
        );
      },
      { enableHighAccuracy: false, timeout: 15_000, maximumAge: 600_000 },
    );
  };

  const facets = results?.facets;
  const partial = (facet: FacetName): boolean => !facets || Boolean(results?.partialFacets?.includes(facet));
  const count = (facet: FacetName, value: string): string => (partial(facet) ? '' : ` (${facets?.[facet][value] ?? 0})`);
  const radius = state.rayon ?? DEFAULT_RADIUS_KM;
  // The distance that would find the nearest service, if one of the choices reaches it.
  const nearestKm = nearest[0]?.distanceKm;
  const widerRadius = nearestKm === undefined ? undefined : RADIUS_CHOICES_KM.find((r) => r > radius && r >= nearestKm);
  // The court decisions have their own fieldset, always in view (a lawyer's first filter).
  const otherAccess = state.access.filter((mode) => !isCourtDecision(mode));
  const activeFilters =
    state.types.length + state.departements.length + state.regions.length + state.publics.length + state.access.length + state.fees.length + state.languages.length + (state.orientation ? 1 : 0) + (state.rayon !== undefined && state.rayon !== DEFAULT_RADIUS_KM ? 1 : 0);
  const languages = [...new Set(['fr', ...Object.keys(facets?.languages ?? {}), ...state.languages])].sort((a, b) => languageLabel(a).localeCompare(languageLabel(b), 'fr'));
  // The map shows the services listed: this page of results, or the nearest ones when none matched.
  const mapped = status !== 'ready' ? undefined : results && results.total > 0 ? { hits: results.hits, listId: 'liste-resultats' } : nearest.length > 0 ? { hits: nearest, listId: 'liste-plus-proches' } : undefined;

  return (
    <div className="search-app">
      <form className="search-form" role="search" aria-label="Rechercher un service" onSubmit={onSubmit}>
        <div className="search-form__main">
          <div className="search-form__field">
            <label htmlFor="recherche-q">Mots-clés (facultatif)</label>
            <input id="recherche-q" name="q" type="search" value={text} onChange={(e) => setText(e.target.value)} placeholder="médiation, espace de rencontre, LAEP…" />
          </div>
          <div className="search-form__field">
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
            <button type="button" className="button button--secondary search-form__geo" onClick={aroundMe}>
              Autour de moi
            </button>
            <p className="search-form__geo-message" role="status">
              {geoMessage}
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
          {status === 'choose' && `Plusieurs communes s’appellent « ${state.lieu} » : choisissez la vôtre sous le champ « Commune ou code postal ».`}
          {status === 'idle' && 'Indiquez une commune, un code postal ou des mots-clés, ou choisissez un type de service.'}
          {status === 'ready' && results && summary(results, place, radius)}
        </p>
        {notice && <p className="search-answer__notice">{notice}</p>}
        {mapped && results && results.total > 0 && (
          <p className="search-answer__jump">
            <a href={`#${mapped.listId}-carte`}>Voir ces services sur la carte</a>
          </p>
        )}
        <div className="search-answer__layout">
          <div className="search-answer__list">
            {status === 'loading' && preview && <SearchResults hits={preview.hits} id="liste-resultats" label="Premiers services trouvés" />}
            {status === 'ready' && results && results.total > 0 && (
              <>
                <SearchResults hits={results.hits} id="liste-resultats" label="Services trouvés" />
                {results.pageCount > 1 && (
                  <nav className="search-pages" aria-label="Pages de résultats">
                    {results.page > 1 && (
                      <button type="button" className="button button--secondary" onClick={() => void run({ ...state, page: results.page - 1 }, 'replace').then(() => resultsHeading.current?.focus())}>
                        Page précédente
                      </button>
                    )}
                    {results.page < results.pageCount && (
                      <button type="button" className="button button--secondary" onClick={() => void run({ ...state, page: results.page + 1 }, 'replace').then(() => resultsHeading.current?.focus())}>
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
                    <strong>{`Aucun service connu à moins de ${nearDistanceKm(state.types)} km de ${place.label}.`}</strong>
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

      <section className="search-filters" aria-labelledby="filtres-titre">
        <details open={filtersOpen} onToggle={(event) => setFiltersOpen(event.currentTarget.open)}>
          <summary id="filtres-titre">{activeFilters ? `Filtres (${activeFilters} actif${activeFilters > 1 ? 's' : ''})` : 'Filtres'}</summary>
          <fieldset>
            <legend>Type de service</legend>
            {SERVICE_KINDS.map((kind) => (
              <label key={kind} className="search-filters__option">
                <input type="checkbox" checked={state.types.includes(kind)} onChange={(e) => update({ types: toggle(state.types, kind, e.target.checked) })} />
                {SERVICE_KIND_INFO[kind].label}
                {count('kinds', kind)}
              </label>
            ))}
          </fieldset>
          <div className="search-filters__selects">
            <p>
              <label htmlFor="recherche-rayon">Distance</label>
              <select id="recherche-rayon" value={radius} onChange={(e) => update({ rayon: Number(e.target.value) })} disabled={!state.lieu && !state.autour}>
                {RADIUS_CHOICES_KM.map((r) => (
                  <option key={r} value={r}>
                    {`Moins de ${r} km`}
                  </option>
                ))}
              </select>
            </p>
            <TerritorySelect
              id="recherche-dep"
              label="Département"
              allLabel="Tous les départements"
              value={state.departements[0]}
              options={territories.departements.map((d) => ({ code: d.code, text: `${d.code} – ${d.name}${count('departements', d.code)}` }))}
              onChange={(code) => update({ departements: code ? [code] : [] })}
            />
            <TerritorySelect
              id="recherche-region"
              label="Région"
              allLabel="Toutes les régions"
              value={state.regions[0]}
              options={territories.regions.map((r) => ({ code: r.code, text: `${r.name}${count('regions', r.code)}` }))}
              onChange={(code) => update({ regions: code ? [code] : [] })}
            />
          </div>
          <fieldset>
            <legend>Sur décision de justice</legend>
            {COURT_DECISION_MODES.map((mode) => (
              <label key={mode} className="search-filters__option">
                <input type="checkbox" checked={state.access.includes(mode)} onChange={(e) => update({ access: toggle(state.access, mode, e.target.checked) })} />
                {ACCESS_MODE_LABELS[mode]}
                {count('access', mode)}
              </label>
            ))}
          </fieldset>
          <details className="search-filters__more" open={state.publics.length + otherAccess.length + state.fees.length + state.languages.length > 0 || state.orientation}>
            <summary>Plus de filtres</summary>
            <label className="search-filters__option">
              <input type="checkbox" checked={state.orientation} onChange={(e) => update({ orientation: e.target.checked })} />
              Accepte les demandes d’orientation en ligne{count('acceptsReferral', 'true')}
            </label>
            <fieldset>
              <legend>Comment y arriver</legend>
              {ACCESS_MODES.filter((mode) => !isCourtDecision(mode)).map((mode) => (
                <label key={mode} className="search-filters__option">
                  <input type="checkbox" checked={state.access.includes(mode)} onChange={(e) => update({ access: toggle(state.access, mode, e.target.checked) })} />
                  {ACCESS_MODE_LABELS[mode]}
                  {count('access', mode)}
                </label>
              ))}
            </fieldset>
            <fieldset>
              <legend>Public</legend>
              {PUBLICS.map((p) => (
                <label key={p} className="search-filters__option">
                  <input type="checkbox" checked={state.publics.includes(p)} onChange={(e) => update({ publics: toggle(state.publics, p, e.target.checked) })} />
                  {PUBLIC_LABELS[p]}
                  {count('publics', p)}
                </label>
              ))}
            </fieldset>
            <fieldset>
              <legend>Tarif</legend>
              {FEE_KINDS.map((fee) => (
                <label key={fee} className="search-filters__option">
                  <input type="checkbox" checked={state.fees.includes(fee)} onChange={(e) => update({ fees: toggle(state.fees, fee, e.target.checked) })} />
                  {FEE_KIND_LABELS[fee]}
                  {count('fees', fee)}
                </label>
              ))}
            </fieldset>
            <fieldset>
              <legend>Langue parlée</legend>
              {languages.map((code) => (
                <label key={code} className="search-filters__option">
                  <input type="checkbox" checked={state.languages.includes(code)} onChange={(e) => update({ languages: toggle(state.languages, code, e.target.checked) })} />
                  {languageLabel(code)}
                  {count('languages', code)}
                </label>
              ))}
            </fieldset>
          </details>
        </details>
      </section>
    </div>
  );
}
