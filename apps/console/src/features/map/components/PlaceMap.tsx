import type { LatLng, PolygonGeometry } from '@gd/domain';
import {
  fromDisplay,
  polygonToDisplay,
  type TileDatum,
  tileDatumOf,
  toDisplay,
  useClientConfig,
  useZones,
  ZONE_CLASS_STYLE,
  zoneVertices,
} from '@gd/web';
import L from 'leaflet';
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { CircleMarker, MapContainer, Polygon, Polyline, TileLayer, useMap, useMapEvent } from 'react-leaflet';

/** Zoom that shows a few streets around a customer's address. */
const STREET_ZOOM = 15;

/**
 * A small map to pick a place on (an order's location) or to draw an area by its corners (a planned outage). Points
 * go in and out in WGS-84, whatever datum the configured tiles are drawn in. The territory's zones are outlined, so
 * the map is readable with no tiles at all. It opens on `focus` (a customer's address), else on the territory.
 */
export function PlaceMap({
  focus,
  point,
  corners,
  areas,
  onPick,
  hint,
  testId,
  height = 260,
}: {
  focus: LatLng | null;
  point?: LatLng | null;
  corners?: readonly LatLng[];
  /** Areas to outline (an outage's circle before it is published, the outages in force). */
  areas?: readonly PolygonGeometry[];
  onPick: (p: LatLng) => void;
  /** What to do on the map: shown above it, and its accessible name. */
  hint: string;
  testId: string;
  height?: number;
}) {
  const { t } = useTranslation();
  const { config } = useClientConfig();
  const zones = useZones();
  const datum = tileDatumOf(config);
  const outlines = useMemo(
    () =>
      (zones.data?.features ?? []).map((f) => ({
        id: f.properties.id,
        zoneClass: f.properties.zoneClass,
        positions: polygonToDisplay(f.geometry, datum),
      })),
    [zones.data, datum],
  );
  const shown = (corners ?? []).map((c) => toDisplay(c, datum));
  const outlined = useMemo(() => (areas ?? []).map((a) => polygonToDisplay(a, datum)), [areas, datum]);
  return (
    <div className="place-map" data-testid={testId}>
      <p className="muted">{hint}</p>
      {config && !config.tileUrl && <p className="muted">{t('map.noTiles')}</p>}
      <MapContainer
        center={[28.2, 112.97]}
        zoom={10}
        style={{ height }}
        className="place-map__map"
        attributionControl={Boolean(config?.tileAttribution)}
        // Drawing corners, two quick clicks are two corners, not a zoom (Leaflet reads them as a dblclick).
        doubleClickZoom={!corners}
        aria-label={hint}
      >
        {config?.tileUrl && <TileLayer url={config.tileUrl} attribution={config.tileAttribution} />}
        {outlines.map((z) => (
          <Polygon
            key={z.id}
            positions={z.positions}
            pathOptions={{
              color: ZONE_CLASS_STYLE[z.zoneClass].stroke,
              weight: 1,
              fillColor: ZONE_CLASS_STYLE[z.zoneClass].fill,
              fillOpacity: 0.35,
              interactive: false,
            }}
          />
        ))}
        {outlined.map((positions, i) => (
          <Polygon
            // Areas are redrawn whole when the list changes: the index is enough.
            // biome-ignore lint/suspicious/noArrayIndexKey: see above
            key={i}
            positions={positions}
            pathOptions={{ color: '#b42318', weight: 2, fillOpacity: 0.15, className: 'place-map__area' }}
          />
        ))}
        {shown.length >= 3 ? (
          <Polygon positions={shown} pathOptions={{ color: '#b42318', weight: 2, fillOpacity: 0.2 }} />
        ) : (
          shown.length === 2 && <Polyline positions={shown} pathOptions={{ color: '#b42318', weight: 2 }} />
        )}
        {shown.map((c, i) => (
          <CircleMarker
            // Corners are only ever added or removed at the end: the index is their identity.
            // biome-ignore lint/suspicious/noArrayIndexKey: see above
            key={i}
            center={c}
            radius={4}
            pathOptions={{ color: '#b42318', fillOpacity: 1 }}
          />
        ))}
        {point && (
          <CircleMarker
            center={toDisplay(point, datum)}
            radius={8}
            pathOptions={{ color: '#b42318', weight: 3, fillColor: '#fff', fillOpacity: 1 }}
          />
        )}
        <Opening focus={focus} territory={zoneVertices(zones.data)} datum={datum} />
        {point && <KeepInView lat={point.lat} lng={point.lng} datum={datum} />}
        <Picks datum={datum} onPick={onPick} />
      </MapContainer>
    </div>
  );
}

/**
 * Centres the map on `focus` whenever it changes; without one, fits the territory once its zones arrive. Without
 * animation, so a click right after lands where the person saw it; the container's `data-view` says which view is
 * up (`focus` or `territory`) for whoever waits on it (the browser tests).
 */
function Opening({
  focus,
  territory,
  datum,
}: {
  focus: LatLng | null;
  territory: LatLng[];
  datum: TileDatum;
}) {
  const map = useMap();
  const hasTerritory = territory.length > 0;
  // biome-ignore lint/correctness/useExhaustiveDependencies: re-centre on a new focus (by value), not on each render
  useEffect(() => {
    const container = map.getContainer();
    if (focus) {
      const p = toDisplay(focus, datum);
      map.setView([p.lat, p.lng], STREET_ZOOM, { animate: false });
      container.dataset.view = `focus:${focus.lat.toFixed(6)},${focus.lng.toFixed(6)}`;
    } else if (hasTerritory) {
      map.fitBounds(L.latLngBounds(territory.map((v) => toDisplay(v, datum))), {
        padding: [8, 8],
        animate: false,
      });
      container.dataset.view = 'territory';
    }
  }, [map, focus?.lat, focus?.lng, hasTerritory, datum]);
  return null;
}

/** Pans to the point when it is off the map (coordinates typed rather than clicked). */
function KeepInView({ lat, lng, datum }: { lat: number; lng: number; datum: TileDatum }) {
  const map = useMap();
  useEffect(() => {
    const p = toDisplay({ lat, lng }, datum);
    if (!map.getBounds().contains([p.lat, p.lng])) map.panTo([p.lat, p.lng]);
  }, [map, lat, lng, datum]);
  return null;
}

function Picks({ datum, onPick }: { datum: TileDatum; onPick: (p: LatLng) => void }) {
  useMapEvent('click', (e) => onPick(fromDisplay({ lat: e.latlng.lat, lng: e.latlng.lng }, datum)));
  return null;
}
