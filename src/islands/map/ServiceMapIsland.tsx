/**
 * The map of services: a React island that renders on the server without Leaflet (legend, help,
 * tools), then loads Leaflet and its feed only when the map comes on screen. It stays in step with
 * the list of the same services on the page: cards marked `data-service-id` highlight their
 * markers and the reverse, and « Rechercher dans cette zone » hides the cards outside the view.
 *
 * Embeddable from React too (search results): pass `features` instead of `feedUrl`. Its stylesheet,
 * service-map.css, is brought by the host (ServiceMap.astro with the page, ResultsMap when it shows
 * the map): Astro renames the stylesheet of a lazily imported chunk, and its reference then breaks.
 */
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import type { BBox } from '../../lib/map/map-bbox.ts';
import type { MapArea } from '../../lib/map/map-bounds.ts';
import type {
  MapLocationCollection,
  MapLocationProperties,
  MapPointCollection,
  MapPointGroupCollection,
  MapPointProperties,
} from '../../lib/map/map-feed.ts';
import { areaLegendSvg, kindSymbolSvg, legendEntries } from '../../lib/map/map-markers.ts';
import { pointFeaturesOf } from '../../lib/map/map-points.ts';
import { departementFeedPath, OUTLINES_FEED_PATH } from '../../lib/map/map-scope.ts';
import { addressLine, approximateNote, MAP_TEXT, servicesInAreaMessage, visibleCountMessage } from '../../lib/map/map-text.ts';
import { phoneHref } from '../../lib/services/service-format.ts';
import { orientationPath, servicePath } from '../../lib/services/service-paths.ts';
import { SERVICE_KIND_INFO } from '../../lib/services/service-vocabulary.ts';
import leafletCssUrl from 'leaflet/dist/leaflet.css?url';
import { loadStylesheet } from '../load-stylesheet.ts';
import type { MapEngine, MapPoint, PointOverview } from './map-engine.ts';

export interface ServiceMapIslandProps {
  /** Accessible name of the map. */
  label: string;
  /** Bounds the map opens on. */
  bbox: BBox;
  /** Prerendered feed to read (light or full); or `features` for a small inline set (light or full). */
  feedUrl?: string;
  /** Groups of the feed computed at build time (map-overview.ts), drawn while the feed loads. */
  overviewUrl?: string;
  features?: MapPointCollection | MapLocationCollection;
  /** Selector of areas (France: the mainland and the overseas départements). */
  areas?: MapArea[];
  /** Départements whose outline is emphasized. */
  emphasized?: string[];
  /** Tile URL template ('' for none) and its attribution (HTML). */
  tileUrl: string;
  tileAttribution: string;
  outlinesUrl?: string;
  /**
   * Id of the element holding the list of the same services (cards marked `data-service-id`);
   * without it, the cards are looked for in the whole page.
   */
  listId?: string;
  /** Only the locations of these services (e.g. the current search results); all when absent. */
  serviceIds?: readonly string[];
  /**
   * The kinds with no service near the place shown, as nothingNearLines words them: said in the map's
   * panel as text (in a live region), not left to the absence of markers.
   */
  nothingNear?: readonly string[];
  /** Called with the ids of the services in view after « Rechercher dans cette zone » (null: reset). */
  onAreaSearch?: (serviceIds: Set<string> | null) => void;
}

type CardState = { point: MapPoint; details?: MapLocationProperties; error?: boolean; byKeyboard: boolean };

const hasDetails = (properties: MapPointProperties | MapLocationProperties): properties is MapLocationProperties => 'kinds' in properties;

// Full département feeds, fetched once each when a card of the France map needs them.
const detailFeeds = new Map<string, Promise<Map<string, MapLocationProperties>>>();
function loadDetails(departement: string): Promise<Map<string, MapLocationProperties>> {
  let feed = detailFeeds.get(departement);
  if (!feed) {
    feed = fetch(departementFeedPath(departement))
      .then((response) => {
        if (!response.ok) throw new Error(String(response.status));
        return response.json() as Promise<MapLocationCollection>;
      })
      .then((collection) => new Map(collection.features.map((f) => [String(f.id), f.properties])));
    feed.catch(() => detailFeeds.delete(departement));
    detailFeeds.set(departement, feed);
  }
  return feed;
}

function Symbol({ svg }: { svg: string }) {
  return <span className="pmap-symbol" dangerouslySetInnerHTML={{ __html: svg }} />;
}

export default function ServiceMapIsland(props: ServiceMapIslandProps) {
  const {
    label,
    bbox,
    feedUrl,
    overviewUrl,
    features,
    areas,
    emphasized,
    tileUrl,
    tileAttribution,
    listId,
    onAreaSearch,
    serviceIds,
    nothingNear,
  } = props;
  const serviceIdsRef = useRef(serviceIds);
  serviceIdsRef.current = serviceIds;
  const serviceKey = serviceIds?.join('\n');
  const appliedKeyRef = useRef<string | undefined>(undefined);
  const outlinesUrl = props.outlinesUrl ?? OUTLINES_FEED_PATH;
  const rootRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLDivElement>(null);
  const engineRef = useRef<MapEngine | null>(null);
  const cardHeadingRef = useRef<HTMLHeadingElement>(null);
  /** The map is drawn (from the overview, or the points). */
  const [drawn, setDrawn] = useState(false);
  /** Every point is loaded: the tools that need them work. */
  const [ready, setReady] = useState(false);
  const [failed, setFailed] = useState(false);
  const [tilesDown, setTilesDown] = useState(false);
  const [status, setStatus] = useState('');
  const [filtered, setFiltered] = useState(false);
  const [card, setCard] = useState<CardState | null>(null);
  const ids = useId();
  const helpId = `${ids}-aide`;
  const cardTitleId = `${ids}-fiche`;

  const listRoot = useCallback((): Document | HTMLElement | null => (listId ? document.getElementById(listId) : document), [listId]);
  // The map's own markers carry data-service-id too: a card is one outside the map.
  const cardOf = useCallback((target: EventTarget | null): HTMLElement | null => {
    const card = target instanceof Element ? target.closest<HTMLElement>('[data-service-id]') : null;
    return card && !rootRef.current?.contains(card) ? card : null;
  }, []);
  const listCards = useCallback((): HTMLElement[] => {
    const root = listRoot();
    return root ? [...root.querySelectorAll<HTMLElement>('[data-service-id]')].filter((card) => !rootRef.current?.contains(card)) : [];
  }, [listRoot]);

  const markListCards = useCallback(
    (serviceId: string | null) => {
      for (const element of listCards())
        element.classList.toggle('is-map-highlighted', serviceId !== null && element.dataset.serviceId === serviceId);
    },
    [listCards],
  );

  const select = useCallback((point: MapPoint, byKeyboard: boolean) => {
    const properties = point.properties;
    if (hasDetails(properties)) {
      setCard({ point, details: properties, byKeyboard });
      return;
    }
    setCard({ point, byKeyboard });
    loadDetails(properties.departement)
      .then((details) => {
        const found = details.get(point.id);
        setCard((current) =>
          current?.point.id === point.id ? { ...current, ...(found ? { details: found } : { error: true }) } : current,
        );
      })
      .catch(() => setCard((current) => (current?.point.id === point.id ? { ...current, error: true } : current)));
  }, []);

  // Load Leaflet, the feed and the index only once the map is (nearly) on screen.
  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    let cancelled = false;
    const start = async (): Promise<void> => {
      performance.mark('passerelle-map:start');
      try {
        const loadFeed = (): Promise<MapPointGroupCollection | MapPointCollection | MapLocationCollection> =>
          features
            ? Promise.resolve(features)
            : fetch(feedUrl as string).then((response) => {
                if (!response.ok) throw new Error(`${feedUrl} : ${response.status}`);
                return response.json() as Promise<MapPointGroupCollection | MapLocationCollection>;
              });
        // With an overview, the feed is asked for once the overview is drawn: read at the same time,
        // the feed (megabytes) held back the overview and Leaflet's code until its own end.
        const collectionPromise = overviewUrl ? undefined : loadFeed();
        // A missing or broken overview only means waiting for the feed.
        const overviewPromise: Promise<PointOverview | undefined> = overviewUrl
          ? fetch(overviewUrl)
              .then((response) => (response.ok ? (response.json() as Promise<PointOverview>) : undefined))
              .catch(() => undefined)
          : Promise.resolve(undefined);
        // Leaflet's stylesheet comes with the map, not with the page; first in <head>, so the island's own styles win.
        const [{ createMapEngine }, overview] = await Promise.all([
          import('./map-engine.ts'),
          overviewPromise,
          loadStylesheet(leafletCssUrl, { first: true }),
        ]);
        if (cancelled) return;
        let first = true;
        const startEngine = (points: MapPoint[]): MapEngine =>
          createMapEngine(canvas, {
            bbox,
            points,
            ...(overview && !points.length ? { overview } : {}),
            outlinesUrl,
            ...(emphasized ? { emphasized } : {}),
            tileUrl,
            tileAttribution,
            onSelect: select,
            onHover: markListCards,
            onTileError: () => setTilesDown(true),
            onRender: (count) => {
              if (first && count > 0) {
                first = false;
                requestAnimationFrame(() => performance.mark('passerelle-map:first-markers'));
              }
              setStatus(visibleCountMessage(count));
            },
          });
        if (overview) {
          engineRef.current = startEngine([]);
          setDrawn(true);
        }
        const collection = await (collectionPromise ?? loadFeed());
        if (cancelled) return;
        performance.mark('passerelle-map:feed-loaded');
        const points = pointFeaturesOf(collection) as MapPoint[];
        if (engineRef.current) engineRef.current.setPoints(points);
        else engineRef.current = startEngine(points);
        performance.mark('passerelle-map:points-indexed');
        setDrawn(true);
        if (serviceIdsRef.current) engineRef.current.showServices(serviceIdsRef.current);
        appliedKeyRef.current = serviceIdsRef.current?.join('\n');
        setReady(true);
      } catch {
        if (!cancelled) setFailed(true);
      }
    };
    const observer = new IntersectionObserver(
      (entries) => {
        if (!entries.some((entry) => entry.isIntersecting)) return;
        observer.disconnect();
        void start();
      },
      { rootMargin: '200px' },
    );
    observer.observe(canvas);
    return () => {
      cancelled = true;
      observer.disconnect();
      engineRef.current?.destroy();
      engineRef.current = null;
    };
    // The island mounts once per page and its props do not change: no dependencies.
  }, []);

  // A new set of results redraws the markers (the first one is applied when the map starts).
  useEffect(() => {
    if (!ready || appliedKeyRef.current === serviceKey) return;
    appliedKeyRef.current = serviceKey;
    engineRef.current?.showServices(serviceIdsRef.current ?? null);
  }, [ready, serviceKey]);

  // The list's cards highlight their markers.
  useEffect(() => {
    const list = listRoot();
    if (!list || !ready) return;
    let current: string | null = null;
    const enter = (event: Event): void => {
      const serviceId = cardOf(event.target)?.dataset.serviceId ?? null;
      if (serviceId === current) return;
      current = serviceId;
      engineRef.current?.highlightService(serviceId);
    };
    const leave = (event: Event): void => {
      if (cardOf((event as FocusEvent | MouseEvent).relatedTarget) || current === null) return;
      current = null;
      engineRef.current?.highlightService(null);
    };
    list.addEventListener('focusin', enter);
    list.addEventListener('mouseover', enter);
    list.addEventListener('focusout', leave);
    list.addEventListener('mouseout', leave);
    return () => {
      list.removeEventListener('focusin', enter);
      list.removeEventListener('mouseover', enter);
      list.removeEventListener('focusout', leave);
      list.removeEventListener('mouseout', leave);
    };
  }, [listRoot, cardOf, ready]);

  useEffect(() => {
    if (card?.byKeyboard) cardHeadingRef.current?.focus();
  }, [card?.point.id, card?.byKeyboard]);

  const closeCard = (): void => {
    const pointId = card?.point.id;
    setCard(null);
    engineRef.current?.focusPoint(pointId);
  };

  const searchArea = (): void => {
    const engine = engineRef.current;
    if (!engine) return;
    const inView = engine.visibleServiceIds();
    const cards = listCards();
    let shown = 0;
    for (const element of cards) {
      const visible = inView.has(element.dataset.serviceId ?? '');
      element.hidden = !visible;
      if (visible) shown++;
    }
    setFiltered(true);
    setStatus(servicesInAreaMessage(cards.length ? shown : inView.size));
    onAreaSearch?.(inView);
  };

  const showAll = (): void => {
    for (const element of listCards()) element.hidden = false;
    setFiltered(false);
    setStatus(MAP_TEXT.showAll + ' : fait.');
    onAreaSearch?.(null);
  };

  const details = card?.details;
  return (
    <div className="pmap" ref={rootRef}>
      <p className="pmap__help" id={helpId}>
        {MAP_TEXT.mapHelp}
        {listId && (
          <>
            {' '}
            <a href={`#${listId}`}>{MAP_TEXT.toList}</a>
          </>
        )}
      </p>
      {areas && areas.length > 1 && (
        <div className="pmap__areas" role="group" aria-label={MAP_TEXT.areaSelector}>
          {areas.map((area) => (
            <button key={area.id} type="button" disabled={!ready} onClick={() => engineRef.current?.fitBBox(area.bbox)}>
              {area.label}
            </button>
          ))}
        </div>
      )}
      <div className={`pmap__layout${card ? ' pmap__layout--card' : ''}`}>
        <div className="pmap__frame">
          <div
            ref={canvasRef}
            className="pmap__canvas"
            role="region"
            aria-label={label}
            aria-describedby={helpId}
            data-map-ready={ready ? 'true' : undefined}
          />
          {(!drawn || failed) && <p className="pmap__placeholder">{failed ? MAP_TEXT.feedError : MAP_TEXT.fallback}</p>}
        </div>
        {card && (
          <section className="pmap__card" aria-labelledby={cardTitleId}>
            <h3 id={cardTitleId} ref={cardHeadingRef} tabIndex={-1}>
              {card.point.properties.name}
            </h3>
            {details ? (
              <>
                {details.place && <p className="pmap__place">{details.place}</p>}
                <ul className="pmap__kinds">
                  {details.kinds.map((k) => (
                    <li key={k}>
                      <Symbol svg={kindSymbolSvg(k, 16)} /> {SERVICE_KIND_INFO[k].label}
                    </li>
                  ))}
                </ul>
                <p>{addressLine(details)}</p>
                {approximateNote(details) && <p className="pmap__note">{approximateNote(details)}</p>}
                {details.phone && (
                  <p>
                    Téléphone : <a href={phoneHref(details.phone)}>{details.phone}</a>
                  </p>
                )}
                <p className="pmap__links">
                  <a href={servicePath(details.service)}>
                    {MAP_TEXT.servicePage}
                    <span className="visually-hidden"> {details.name}</span>
                  </a>
                  {details.acceptsReferrals && (
                    <a className="pmap__orientation" href={orientationPath(details.service)}>
                      {MAP_TEXT.orientation}
                      <span className="visually-hidden"> à {details.name}</span>
                    </a>
                  )}
                </p>
              </>
            ) : (
              <p>{card.error ? MAP_TEXT.cardError : MAP_TEXT.loadingCard}</p>
            )}
            <button type="button" className="pmap__close" onClick={closeCard}>
              {MAP_TEXT.close}
              <span className="visually-hidden"> la fiche {card.point.properties.name}</span>
            </button>
          </section>
        )}
      </div>
      {nothingNear && nothingNear.length > 0 && (
        <ul className="pmap__none-near" aria-live="polite">
          {nothingNear.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      )}
      <div className="pmap__tools">
        <button type="button" onClick={searchArea} disabled={!ready}>
          {MAP_TEXT.searchArea}
        </button>
        {filtered && (
          <button type="button" onClick={showAll}>
            {MAP_TEXT.showAll}
          </button>
        )}
        <p className="pmap__status" role="status">
          {status}
        </p>
      </div>
      {tilesDown && <p className="pmap__note">{MAP_TEXT.tilesUnavailable}</p>}
      <details className="pmap__legend" open>
        <summary>{MAP_TEXT.legendTitle}</summary>
        <ul>
          {legendEntries().map((entry) => (
            <li key={entry.kind}>
              <Symbol svg={kindSymbolSvg(entry.kind, 20)} /> {entry.label}
            </li>
          ))}
          <li>
            <Symbol svg={areaLegendSvg(24)} /> {MAP_TEXT.legendArea}
          </li>
          <li>
            <span className="pmap-cluster pmap-cluster--legend" aria-hidden="true">
              <span>12</span>
            </span>{' '}
            {MAP_TEXT.legendCluster}
          </li>
        </ul>
      </details>
    </div>
  );
}
