import type { LatLng } from '@gd/domain';
import { fromDisplay, polygonToDisplay, type TileDatum, toDisplay } from '@gd/web';
import L from 'leaflet';
import { useEffect } from 'react';
import { MapContainer, Marker, Polygon, TileLayer, useMap, useMapEvents } from 'react-leaflet';
import { applyView, viewFor } from '../lib/leaflet';
import type { ClientConfig, PublicOutage } from './api';

/** Changsha: where the map opens before anything is placed on it. */
const HOME: [number, number] = [28.2, 112.97];

const crewIcon = L.divIcon({ className: 'cu-crew', iconSize: [22, 22], iconAnchor: [11, 11] });

function Picker({ onPick, datum }: { onPick?: (p: LatLng) => void; datum: TileDatum }) {
  useMapEvents({ click: (e) => onPick?.(fromDisplay({ lat: e.latlng.lat, lng: e.latlng.lng }, datum)) });
  return null;
}

function Fit({ points }: { points: LatLng[] }) {
  const map = useMap();
  const key = points.map((p) => `${p.lat.toFixed(5)},${p.lng.toFixed(5)}`).join(';');
  // biome-ignore lint/correctness/useExhaustiveDependencies: refit only when the points move
  useEffect(() => {
    applyView(map, viewFor(points));
  }, [map, key]);
  return null;
}

/**
 * The small map of the public pages: a picked place (report), the crew on its way (track), outage areas. The
 * points are WGS-84; the tiles' datum (GCJ-02 for Chinese tiles) is applied for display only.
 */
export function CustomerMap(props: {
  config: ClientConfig | null;
  picked?: LatLng | null;
  onPick?: (p: LatLng) => void;
  crew?: LatLng | null;
  outages?: PublicOutage[];
  label: string;
}) {
  const datum = (props.config?.tileDatum ?? 'wgs84') as TileDatum;
  const shown = [props.picked, props.crew].filter((p): p is LatLng => !!p).map((p) => toDisplay(p, datum));
  const areas = (props.outages ?? []).map((o) => ({ o, rings: polygonToDisplay(o.area, datum) }));
  const fitTo = shown.length
    ? shown
    : areas.flatMap((a) => a.rings.flat().map(([lat, lng]) => ({ lat, lng })));
  return (
    <div className="cu-map" role="application" aria-label={props.label} data-testid="customer-map">
      <MapContainer center={HOME} zoom={12} style={{ height: '100%' }} attributionControl>
        {props.config?.tileUrl && (
          <TileLayer url={props.config.tileUrl} attribution={props.config.tileAttribution} />
        )}
        <Picker onPick={props.onPick} datum={datum} />
        <Fit points={fitTo} />
        {props.picked && <Marker position={[shown[0]!.lat, shown[0]!.lng]} />}
        {props.crew && <Marker position={[shown.at(-1)!.lat, shown.at(-1)!.lng]} icon={crewIcon} />}
        {areas.map(({ o, rings }) => (
          <Polygon
            key={o.id}
            positions={rings}
            pathOptions={{ color: o.kind === 'fault' ? '#c0392b' : '#e67e22', weight: 2, fillOpacity: 0.2 }}
          />
        ))}
      </MapContainer>
    </div>
  );
}
