/**
 * The Leaflet side of the map island, loaded by a dynamic import once the map is on screen
 * (Leaflet touches `window` on import). It draws the outlines of the départements as a vector
 * layer (readable without tiles), the tiles when they load, and the markers of the visible box only,
 * clustered by supercluster and diffed on each move so that 50,000 locations stay smooth.
 */
import L from 'leaflet';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import type { PointFeature } from 'supercluster';
import type { BBox } from '../../lib/map/map-bbox.ts';
import { createClusterIndex, isCluster, withIdInProperties, type ClusterIndex } from '../../lib/map/map-clusters.ts';
import type { MapPointProperties } from '../../lib/map/map-feed.ts';
import { overviewIndex, type MapOverview } from '../../lib/map/map-overview.ts';
import { serviceIdOfFeature } from '../../lib/map/map-points.ts';
import { AREA_MARKER_SIZE, clusterCountLabel, clusterDiameter, MARKER_SIZE, markerSvg } from '../../lib/map/map-markers.ts';
import { clusterLabel, markerLabel } from '../../lib/map/map-text.ts';
import { SERVICE_KIND_INFO } from '../../lib/services/service-vocabulary.ts';

export type MapPoint = PointFeature<MapPointProperties> & { id: string };
type IndexedProperties = MapPointProperties & { id: string };
/** The build's overview of a light feed (see map-overview.ts). */
export type PointOverview = MapOverview<IndexedProperties>;

export interface MapEngineOptions {
  bbox: BBox;
  /** Every location; empty while an overview stands in for them (see setPoints). */
  points: readonly MapPoint[];
  /** Groups computed at build time, drawn until the points come (the France map). */
  overview?: PointOverview;
  outlinesUrl: string;
  /** Départements drawn with a stronger outline (the page's territory). */
  emphasized?: readonly string[];
  tileUrl: string;
  tileAttribution: string;
  /** A location was activated (click, Enter or Space on its marker). */
  onSelect: (point: MapPoint, byKeyboard: boolean) => void;
  /** The pointer or focus is on a location of this service (null: left it). */
  onHover: (serviceId: string | null) => void;
  /** Markers were redrawn after a move: number of locations in view. */
  onRender: (visibleLocations: number) => void;
  /** Tiles failed to load (offline, blocked): the outlines carry the map. */
  onTileError: () => void;
}

export interface MapEngine {
  fitBBox(bbox: BBox): void;
  /** Rings the locations of a service (from the list), or clears the rings with null. */
  highlightService(serviceId: string | null): void;
  /** Ids of the services with at least one location in the visible box. */
  visibleServiceIds(): Set<string>;
  /** Shows only the locations of these services (search results), or all of them with null. */
  showServices(serviceIds: readonly string[] | null): void;
  /** The locations, once loaded, in place of the overview (same groups: no marker changes). */
  setPoints(points: readonly MapPoint[]): void;
  /** Gives the keyboard focus back to a location's marker, or to the map. */
  focusPoint(pointId: string | undefined): void;
  destroy(): void;
}

const toLatLngBounds = (bbox: BBox): L.LatLngBoundsExpression => [
  [bbox[1], bbox[0]],
  [bbox[3], bbox[2]],
];

// An approximate place also gets its area drawn to scale from this zoom (a commune is a few km wide).
const AREA_ZOOM = 11;
const AREA_RADIUS_M = 1500;
// Time given to adding markers in one frame during a redraw (a frame lasts 16.7 ms at 60 Hz).
const FRAME_BUDGET_MS = 8;

/** A divIcon that clones a parsed SVG instead of parsing its HTML again for every marker. */
class TemplateIcon extends L.DivIcon {
  private readonly template: HTMLTemplateElement;

  constructor(html: string, options: L.DivIconOptions) {
    super(options);
    this.template = document.createElement('template');
    this.template.innerHTML = html;
  }

  override createIcon(oldIcon?: HTMLElement): HTMLElement {
    const div = oldIcon?.tagName === 'DIV' ? oldIcon : document.createElement('div');
    div.replaceChildren(this.template.content.cloneNode(true));
    (this as unknown as { _setIconStyles(element: HTMLElement, name: string): void })._setIconStyles(div, 'icon');
    return div;
  }
}

export function createMapEngine(container: HTMLElement, options: MapEngineOptions): MapEngine {
  const map = L.map(container, {
    zoomControl: false,
    attributionControl: false,
    keyboard: true,
    minZoom: 2,
    maxZoom: 18,
    worldCopyJump: false,
  });
  L.control.zoom({ zoomInTitle: 'Zoomer', zoomOutTitle: 'Dézoomer', position: 'topleft' }).addTo(map);
  L.control
    .attribution({ prefix: '<a href="https://leafletjs.com">Leaflet</a>' })
    .addAttribution('Contours : IGN, ADMIN EXPRESS')
    .addTo(map);
  map.createPane('outlines').style.zIndex = '250';
  map.createPane('highlights').style.zIndex = '590';
  map.getPane('highlights')!.style.pointerEvents = 'none';

  if (options.tileUrl) {
    let reported = false;
    L.tileLayer(options.tileUrl, { attribution: options.tileAttribution, maxZoom: 19 })
      .on('tileerror', () => {
        if (reported) return;
        reported = true;
        options.onTileError();
      })
      .addTo(map);
  }

  map.fitBounds(toLatLngBounds(options.bbox), { animate: false });

  const emphasized = new Set(options.emphasized ?? []);
  void fetch(options.outlinesUrl)
    .then((response) =>
      response.ok ? (response.json() as Promise<FeatureCollection<Polygon | MultiPolygon, { code: string }>>) : undefined,
    )
    .then((outlines) => {
      if (!outlines || destroyed) return;
      L.geoJSON<{ code: string }>(outlines, {
        pane: 'outlines',
        interactive: false,
        style: (feature) =>
          emphasized.has(feature?.properties.code ?? '')
            ? { color: '#1e3a8a', weight: 2.5, fillColor: '#dbe4f3', fillOpacity: 0.55 }
            : { color: '#64748b', weight: 1, fillColor: '#eef1f5', fillOpacity: 0.45 },
      }).addTo(map);
    })
    .catch(() => undefined);

  const indexOf = (points: readonly MapPoint[]): ClusterIndex<IndexedProperties> => createClusterIndex(withIdInProperties(points));
  let allPoints: readonly MapPoint[] = options.points;
  let wantedServices: Set<string> | undefined;
  let current: readonly MapPoint[] = allPoints;
  let index = options.overview && !allPoints.length ? overviewIndex(options.overview) : indexOf(allPoints);
  let pointsById = new Map<string, MapPoint>();
  let pointsByService = new Map<string, MapPoint[]>();
  const install = (points: readonly MapPoint[]): void => {
    allPoints = points;
    pointsById = new Map(points.map((p) => [p.id, p]));
    pointsByService = new Map();
    for (const p of points) {
      const service = serviceIdOfFeature(p.id);
      const list = pointsByService.get(service);
      if (list) list.push(p);
      else pointsByService.set(service, [p]);
    }
  };
  install(allPoints);
  /** A single point of the index: the loaded location, or the overview's copy of it. */
  const pointOf = (item: PointFeature<IndexedProperties>): MapPoint =>
    pointsById.get(item.properties.id) ?? { type: 'Feature', id: item.properties.id, geometry: item.geometry, properties: item.properties };

  const markerLayer = L.layerGroup().addTo(map);
  const areaLayer = L.layerGroup().addTo(map);
  const highlightLayer = L.layerGroup().addTo(map);
  const shown = new Map<string, L.Marker | undefined>();
  const areas = new Map<string, L.Circle>();
  const iconCache = new Map<string, L.DivIcon>();
  let destroyed = false;
  let highlighted: string | null = null;

  const pointIcon = (kind: MapPointProperties['kind'], approximate: boolean): L.DivIcon => {
    const key = `${kind}:${approximate}`;
    let icon = iconCache.get(key);
    if (!icon) {
      const size = approximate ? AREA_MARKER_SIZE : MARKER_SIZE;
      icon = new TemplateIcon(markerSvg(kind, approximate), {
        className: `pmap-marker${approximate ? ' pmap-marker--area' : ''}`,
        iconSize: [size, size],
      });
      iconCache.set(key, icon);
    }
    return icon;
  };

  const describe = (marker: L.Marker, label: string, onKey: () => void, serviceId?: string): void => {
    marker.on('add', () => {
      const element = marker.getElement();
      if (!element) return;
      element.setAttribute('aria-label', label);
      element.removeAttribute('title');
      if (serviceId) {
        element.dataset.serviceId = serviceId;
        if (serviceId === highlighted) element.classList.add('is-highlighted');
        element.addEventListener('focus', () => options.onHover(serviceId));
        element.addEventListener('blur', () => options.onHover(null));
      }
      element.addEventListener('keydown', (event) => {
        if (event.key === 'Enter' || event.key === ' ') {
          event.preventDefault();
          event.stopPropagation();
          onKey();
        }
      });
    });
  };

  const pointMarker = (point: MapPoint): L.Marker => {
    const { kind, name } = point.properties;
    const approximate = point.properties.approximate === true;
    const service = serviceIdOfFeature(point.id);
    const [lng, lat] = point.geometry.coordinates as [number, number];
    const marker = L.marker([lat, lng], { icon: pointIcon(kind, approximate), keyboard: true, riseOnHover: true });
    describe(
      marker,
      markerLabel({ name, kindLabel: SERVICE_KIND_INFO[kind].label, approximate }),
      () => options.onSelect(point, true),
      service,
    );
    marker.on('click', () => options.onSelect(point, false));
    marker.on('mouseover', () => options.onHover(service));
    marker.on('mouseout', () => options.onHover(null));
    return marker;
  };

  const clusterMarker = (clusterId: number, count: number, lat: number, lng: number): L.Marker => {
    const diameter = clusterDiameter(count);
    const icon = L.divIcon({
      html: `<span aria-hidden="true">${clusterCountLabel(count)}</span>`,
      className: 'pmap-cluster',
      iconSize: [diameter, diameter],
    });
    const marker = L.marker([lat, lng], { icon, keyboard: true });
    const expand = (): void => {
      map.setView([lat, lng], Math.min(index.expansionZoom(clusterId), map.getMaxZoom()));
    };
    describe(marker, clusterLabel(count), () => {
      expand();
      // The cluster's marker goes away: keep the keyboard on the map.
      container.focus({ preventScroll: true });
    });
    marker.on('click', expand);
    return marker;
  };

  // New markers are created and added over several frames when there are many (a redraw after a
  // move must not freeze a frame); markers that left the view are removed at once. `shown` holds
  // every wanted key, with its marker once created.
  let pending: { key: string; create: () => L.Marker }[] = [];
  let frame = 0;
  const flush = (budgetMs: number): void => {
    const started = performance.now();
    frame = 0;
    let added = 0;
    while (pending.length && (added < 8 || performance.now() - started < budgetMs)) {
      const { key, create } = pending.pop() as (typeof pending)[number];
      if (!shown.has(key) || shown.get(key)) continue;
      const marker = create();
      shown.set(key, marker);
      markerLayer.addLayer(marker);
      added++;
    }
    frame = pending.length ? requestAnimationFrame(() => flush(FRAME_BUDGET_MS)) : 0;
    performance.measure('passerelle-map:add-markers', { start: started });
  };
  const queue = (entries: typeof pending): void => {
    pending = pending.filter(({ key }) => shown.has(key) && !shown.get(key)).concat(entries.reverse());
    if (!frame && pending.length) frame = requestAnimationFrame(() => flush(FRAME_BUDGET_MS));
  };

  const render = (): void => {
    const started = performance.now();
    const bounds = map.getBounds().pad(0.1);
    const bbox: BBox = [
      Math.max(-180, bounds.getWest()),
      Math.max(-85, bounds.getSouth()),
      Math.min(180, bounds.getEast()),
      Math.min(85, bounds.getNorth()),
    ];
    const zoom = map.getZoom();
    const items = index.clustersIn(bbox, zoom);
    const wanted = new Set<string>();
    const view = map.getBounds();
    let visibleLocations = 0;
    const toAdd: typeof pending = [];
    for (const item of items) {
      const [lng, lat] = item.geometry.coordinates as [number, number];
      const inView = view.contains([lat, lng]);
      if (isCluster(item)) {
        const key = `c${item.properties.cluster_id}`;
        wanted.add(key);
        if (inView) visibleLocations += item.properties.point_count;
        if (!shown.has(key)) {
          const { cluster_id: clusterId, point_count: count } = item.properties;
          shown.set(key, undefined);
          toAdd.push({ key, create: () => clusterMarker(clusterId, count, lat, lng) });
        }
      } else {
        const key = item.properties.id;
        wanted.add(key);
        if (inView) visibleLocations += 1;
        const point = pointOf(item);
        if (!shown.has(key)) {
          shown.set(key, undefined);
          toAdd.push({ key, create: () => pointMarker(point) });
        }
      }
    }
    for (const [key, marker] of shown) {
      if (!wanted.has(key)) {
        if (marker) markerLayer.removeLayer(marker);
        shown.delete(key);
      }
    }
    queue(toAdd);

    const drawAreas = zoom >= AREA_ZOOM;
    for (const [key, circle] of areas) {
      if (!drawAreas || !wanted.has(key)) {
        areaLayer.removeLayer(circle);
        areas.delete(key);
      }
    }
    if (drawAreas) {
      for (const item of items) {
        if (isCluster(item)) continue;
        const key = item.properties.id;
        const point = pointOf(item);
        if (point.properties.approximate !== true || areas.has(key)) continue;
        const [lng, lat] = point.geometry.coordinates as [number, number];
        const color = SERVICE_KIND_INFO[point.properties.kind].markerColor;
        const circle = L.circle([lat, lng], {
          radius: AREA_RADIUS_M,
          color,
          weight: 1.5,
          dashArray: '6 5',
          fillColor: color,
          fillOpacity: 0.08,
          interactive: false,
        });
        areas.set(key, circle);
        areaLayer.addLayer(circle);
      }
    }
    options.onRender(visibleLocations);
    performance.measure('passerelle-map:render', { start: started });
  };

  /** Indexes only the locations of the services asked for (all without a choice) and draws again. */
  const showWantedServices = (): void => {
    current = wantedServices ? allPoints.filter((p) => wantedServices?.has(serviceIdOfFeature(p.id))) : allPoints;
    index = indexOf(current);
    // Cluster ids belong to an index: drop every marker and draw again.
    markerLayer.clearLayers();
    areaLayer.clearLayers();
    shown.clear();
    areas.clear();
    pending = [];
    render();
    flush(Infinity);
  };

  map.on('moveend', render);
  render();
  flush(Infinity);

  return {
    fitBBox(bbox) {
      map.fitBounds(toLatLngBounds(bbox));
    },
    highlightService(serviceId) {
      highlighted = serviceId;
      highlightLayer.clearLayers();
      for (const element of container.querySelectorAll('.pmap-marker.is-highlighted')) element.classList.remove('is-highlighted');
      if (!serviceId) return;
      for (const point of pointsByService.get(serviceId) ?? []) {
        const [lng, lat] = point.geometry.coordinates as [number, number];
        L.circleMarker([lat, lng], {
          pane: 'highlights',
          radius: 22,
          color: '#b45309',
          weight: 4,
          fill: false,
          interactive: false,
          className: 'pmap-highlight',
        }).addTo(highlightLayer);
      }
      for (const element of container.querySelectorAll<HTMLElement>('.pmap-marker')) {
        if (element.dataset.serviceId === serviceId) element.classList.add('is-highlighted');
      }
    },
    visibleServiceIds() {
      const view = map.getBounds();
      const ids = new Set<string>();
      for (const point of current) {
        const [lng, lat] = point.geometry.coordinates as [number, number];
        if (view.contains([lat, lng])) ids.add(serviceIdOfFeature(point.id));
      }
      return ids;
    },
    showServices(serviceIds) {
      wantedServices = serviceIds ? new Set(serviceIds) : undefined;
      // Until the points come, the overview (all services) stays; setPoints applies the choice.
      if (allPoints.length || !options.overview) showWantedServices();
    },
    setPoints(points) {
      install(points);
      if (wantedServices) return showWantedServices();
      current = points;
      // Built from the same points with the same options as the overview: the same groups and ids,
      // so the markers on screen stay.
      index = indexOf(current);
      render();
    },
    focusPoint(pointId) {
      const element = pointId ? shown.get(pointId)?.getElement() : undefined;
      (element ?? container).focus({ preventScroll: true });
    },
    destroy() {
      destroyed = true;
      if (frame) cancelAnimationFrame(frame);
      map.remove();
    },
  };
}
