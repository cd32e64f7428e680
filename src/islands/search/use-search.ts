/**
 * The search page's state and its URL: the state is read from the address at load and at each
 * back or forward, and written to it at each search (a new entry for a new search, the same entry
 * for a filter or a page). A search runs the steps of `runSearch` (src/lib/search/search-run.ts)
 * against the commune files and the engine; only the latest search may change the page.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { SearchHit, SearchPlace, SearchResults } from '../../lib/search/search-model.ts';
import { runSearch } from '../../lib/search/search-run.ts';
import { hasCriteria, searchHref } from '../../lib/search/search-state.ts';
import { parseSearchUrl, type SearchUrlState } from '../../lib/search/search-url.ts';
import type { Commune } from '../../lib/territories/territory-data.ts';
import { resolveCommune, suggestCommunes } from '../shared/commune-loaders.ts';
import { loadSearchEngine, type MeilisearchConfig } from './search-loaders.ts';

/** 'choose': the place typed is the name of several communes, and the person has not said which. */
export type SearchStatus = 'idle' | 'loading' | 'ready' | 'error' | 'choose';

/** push: a new history entry (a new search); replace: the same entry (a filter, a page); none: the state came from the address. */
export type HistoryWrite = 'push' | 'replace' | 'none';

function writeHistory(state: SearchUrlState, how: HistoryWrite): void {
  if (how === 'push') history.pushState(null, '', searchHref(location.pathname, state));
  else if (how === 'replace') history.replaceState(null, '', searchHref(location.pathname, state));
}

const findPlaceInText = (text: string) =>
  import('../../lib/search/search-place-in-text.ts').then((m) => m.findPlaceInText(text, suggestCommunes));

export function useSearch(meilisearch: MeilisearchConfig | undefined) {
  const [state, setState] = useState<SearchUrlState>(() => parseSearchUrl(new URLSearchParams()));
  // The words box as typed, sent with the form.
  const [text, setText] = useState('');
  const [place, setPlace] = useState<SearchPlace>();
  const [results, setResults] = useState<SearchResults>();
  const [preview, setPreview] = useState<SearchResults>();
  const [nearest, setNearest] = useState<SearchHit[]>([]);
  const [status, setStatus] = useState<SearchStatus>('idle');
  const [notice, setNotice] = useState('');
  const [sameName, setSameName] = useState<Commune[]>([]);
  const request = useRef(0);

  const show = (next: SearchUrlState): void => {
    setState(next);
    setText(next.q);
  };

  const run = useCallback(
    async (next: SearchUrlState, how: HistoryWrite): Promise<void> => {
      show(next);
      writeHistory(next, how);
      const current = ++request.current;
      const isCurrent = (): boolean => current === request.current;
      setNotice('');
      setSameName([]);
      setPreview(undefined);
      const clear = (to: SearchStatus): void => {
        setResults(undefined);
        setNearest([]);
        setPlace(undefined);
        setStatus(to);
      };
      if (!hasCriteria(next)) return clear('idle');
      setStatus('loading');
      try {
        const outcome = await runSearch(next, {
          resolveCommune,
          findPlaceInText,
          engine: () => loadSearchEngine(meilisearch),
          onPlaceInWords: (moved) => {
            if (!isCurrent()) return;
            show(moved);
            writeHistory(moved, 'replace');
          },
          onFirstPage: (first, where) => {
            if (!isCurrent()) return;
            setPlace(where);
            setPreview(first);
          },
        });
        if (!isCurrent()) return;
        if (outcome.type === 'ready') {
          setPlace(outcome.place);
          setResults(outcome.results);
          setPreview(undefined);
          setNearest(outcome.nearest);
          setNotice(outcome.notice);
          setStatus('ready');
          return;
        }
        if (outcome.type === 'choose') setSameName(outcome.choices);
        clear(outcome.type);
      } catch {
        if (isCurrent()) setStatus('error');
      }
    },
    [meilisearch],
  );

  useEffect(() => {
    // The engine's code is small: fetch it now, so that choosing a commune only waits for its files.
    loadSearchEngine(meilisearch).catch(() => undefined);
    const fromUrl = (): void => void run(parseSearchUrl(new URLSearchParams(location.search)), 'none');
    fromUrl();
    window.addEventListener('popstate', fromUrl);
    return () => window.removeEventListener('popstate', fromUrl);
  }, [run, meilisearch]);

  return { state, text, setText, place, results, preview, nearest, status, notice, sameName, run };
}
