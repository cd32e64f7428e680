/**
 * The search page's filters, in a disclosure that says how many are active: kinds, distance,
 * département and région, court decisions (always in view: a lawyer's first filter), and under
 * « Plus de filtres » the online referral, access, public, fee and language. Each box shows its
 * count of results when the engine counted them.
 */
import { useEffect, useState } from 'react';
import { DEFAULT_RADIUS_KM, RADIUS_CHOICES_KM, type FacetName, type SearchResults } from '../../lib/search/search-model.ts';
import {
  activeFilterCount,
  filterTerritories,
  filtersTitle,
  languageChoices,
  languageLabel,
  toggleValue,
  type Territory,
} from '../../lib/search/search-state.ts';
import type { SearchUrlState } from '../../lib/search/search-url.ts';
import {
  ACCESS_MODE_LABELS,
  ACCESS_MODES,
  type AccessMode,
  COURT_DECISION_MODES,
  FEE_KIND_LABELS,
  FEE_KINDS,
  PUBLIC_LABELS,
  PUBLICS,
  SERVICE_KIND_INFO,
  SERVICE_KINDS,
} from '../../lib/services/service-vocabulary.ts';
import { loadSearchManifest } from '../shared/site-feeds.ts';
import { FacetFieldset } from './FacetFieldset.tsx';

/** Where the filters sit above the results (search.css) and start open. */
const WIDE_SCREEN = '(min-width: 64rem)';

const isCourtDecision = (mode: AccessMode): boolean => (COURT_DECISION_MODES as readonly AccessMode[]).includes(mode);
const OTHER_ACCESS_MODES = ACCESS_MODES.filter((mode) => !isCourtDecision(mode));

/** A one-choice filter on a territory (département or région); the empty choice means all. */
function TerritorySelect(props: {
  id: string;
  label: string;
  allLabel: string;
  value: string | undefined;
  options: { code: string; text: string }[];
  onChange: (code: string) => void;
}) {
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

export interface SearchFiltersProps {
  state: SearchUrlState;
  /** The latest results: their facet counts. */
  results: SearchResults | undefined;
  /** A filter changed: the search runs again from its first page. */
  onChange: (change: Partial<SearchUrlState>) => void;
}

export function SearchFilters({ state, results, onChange }: SearchFiltersProps) {
  // Open above the results on a wide screen; on a phone, closed under them, so that the results come first.
  const [open, setOpen] = useState(() => window.matchMedia(WIDE_SCREEN).matches);
  const [territories, setTerritories] = useState<{ departements: Territory[]; regions: Territory[] }>({ departements: [], regions: [] });
  useEffect(() => {
    loadSearchManifest()
      .then((manifest) => setTerritories(filterTerritories(manifest)))
      .catch(() => undefined);
  }, []);

  const facets = results?.facets;
  const partial = (facet: FacetName): boolean => !facets || Boolean(results?.partialFacets?.includes(facet));
  const count =
    (facet: FacetName) =>
    (value: string): string =>
      partial(facet) ? '' : ` (${facets?.[facet][value] ?? 0})`;
  const toggleAccess = (mode: AccessMode, on: boolean): void => onChange({ access: toggleValue(state.access, mode, on) });
  // The court decisions have their own fieldset, always in view (a lawyer's first filter).
  const otherAccess = state.access.filter((mode) => !isCourtDecision(mode));
  const moreOpen = state.publics.length + otherAccess.length + state.fees.length + state.languages.length > 0 || state.orientation;

  return (
    <section className="search-filters" aria-labelledby="filtres-titre">
      <details open={open} onToggle={(event) => setOpen(event.currentTarget.open)}>
        <summary id="filtres-titre">{filtersTitle(activeFilterCount(state))}</summary>
        <FacetFieldset
          legend="Type de service"
          values={SERVICE_KINDS}
          checked={state.types}
          label={(kind) => SERVICE_KIND_INFO[kind].label}
          count={count('kinds')}
          onToggle={(kind, on) => onChange({ types: toggleValue(state.types, kind, on) })}
        />
        <div className="search-filters__selects">
          <p>
            <label htmlFor="recherche-rayon">Distance</label>
            <select
              id="recherche-rayon"
              value={state.rayon ?? DEFAULT_RADIUS_KM}
              onChange={(e) => onChange({ rayon: Number(e.target.value) })}
              disabled={!state.lieu && !state.autour}
            >
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
            options={territories.departements.map((d) => ({ code: d.code, text: `${d.code} – ${d.name}${count('departements')(d.code)}` }))}
            onChange={(code) => onChange({ departements: code ? [code] : [] })}
          />
          <TerritorySelect
            id="recherche-region"
            label="Région"
            allLabel="Toutes les régions"
            value={state.regions[0]}
            options={territories.regions.map((r) => ({ code: r.code, text: `${r.name}${count('regions')(r.code)}` }))}
            onChange={(code) => onChange({ regions: code ? [code] : [] })}
          />
        </div>
        <FacetFieldset
          legend="Sur décision de justice"
          values={COURT_DECISION_MODES}
          checked={state.access}
          label={(mode) => ACCESS_MODE_LABELS[mode]}
          count={count('access')}
          onToggle={toggleAccess}
        />
        <details className="search-filters__more" open={moreOpen}>
          <summary>Plus de filtres</summary>
          <label className="search-filters__option">
            <input type="checkbox" checked={state.orientation} onChange={(e) => onChange({ orientation: e.target.checked })} />
            Accepte les demandes d’orientation en ligne{count('acceptsReferral')('true')}
          </label>
          <FacetFieldset
            legend="Comment y arriver"
            values={OTHER_ACCESS_MODES}
            checked={state.access}
            label={(mode) => ACCESS_MODE_LABELS[mode]}
            count={count('access')}
            onToggle={toggleAccess}
          />
          <FacetFieldset
            legend="Public"
            values={PUBLICS}
            checked={state.publics}
            label={(p) => PUBLIC_LABELS[p]}
            count={count('publics')}
            onToggle={(p, on) => onChange({ publics: toggleValue(state.publics, p, on) })}
          />
          <FacetFieldset
            legend="Tarif"
            values={FEE_KINDS}
            checked={state.fees}
            label={(fee) => FEE_KIND_LABELS[fee]}
            count={count('fees')}
            onToggle={(fee, on) => onChange({ fees: toggleValue(state.fees, fee, on) })}
          />
          <FacetFieldset
            legend="Langue parlée"
            values={languageChoices(Object.keys(facets?.languages ?? {}), state.languages)}
            checked={state.languages}
            label={languageLabel}
            count={count('languages')}
            onToggle={(code, on) => onChange({ languages: toggleValue(state.languages, code, on) })}
          />
        </details>
      </details>
    </section>
  );
}
