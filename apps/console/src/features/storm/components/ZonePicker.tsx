import {
  polygonToDisplay,
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
import { MapContainer, Polygon, TileLayer, Tooltip, useMap } from 'react-leaflet';
import { toggleZone, zonesByDistrict } from '../lib/storm.js';

/** The colour of a zone picked for an emergency (the zone classes keep theirs while not picked). */
const PICKED = { stroke: '#b42318', fill: '#f04438' };

/**
 * The territory's zones on a map and as a list by district: a click on a zone (or a tick) adds it to the emergency's
 * zones or takes it out. Works with no map tiles: the zones are drawn from GET /api/zones.
 */
export function ZonePicker({
  selected,
  onChange,
}: {
  selected: string[];
  onChange: (ids: string[]) => void;
}) {
  const { t } = useTranslation();
  const { config } = useClientConfig();
  const zones = useZones();
  const datum = tileDatumOf(config);
  const shapes = useMemo(
    () =>
      (zones.data?.features ?? []).map((f) => ({
        ...f.properties,
        positions: polygonToDisplay(f.geometry, datum),
      })),
    [zones.data, datum],
  );
  const groups = useMemo(() => zonesByDistrict(shapes), [shapes]);
  const names = new Map(shapes.map((z) => [z.id, z.name]));
  return (
    <div className="storm-zones">
      <div className="storm-zones__map" data-testid="storm-zone-map">
        <p className="muted">{t('storm.mapHint')}</p>
        <MapContainer
          center={[28.2, 112.97]}
          zoom={9}
          style={{ height: 360 }}
          attributionControl={Boolean(config?.tileAttribution)}
          aria-label={t('storm.mapHint')}
        >
          {config?.tileUrl && <TileLayer url={config.tileUrl} attribution={config.tileAttribution} />}
          {shapes.map((z) => {
            const on = selected.includes(z.id);
            const style = on ? PICKED : ZONE_CLASS_STYLE[z.zoneClass];
            return (
              <Polygon
                key={`${z.id}:${on}`}
                positions={z.positions}
                pathOptions={{
                  color: style.stroke,
                  weight: on ? 3 : 1,
                  fillColor: style.fill,
                  fillOpacity: on ? 0.55 : 0.3,
                }}
                // A Leaflet option read when the path is made (pathOptions only restyle it): the key remakes it.
                className={`storm-zone storm-zone--${on ? 'on' : 'off'} storm-zone-${z.id}`}
                eventHandlers={{ click: () => onChange(toggleZone(selected, z.id)) }}
              >
                <Tooltip sticky>
                  {z.district} · {z.name}
                </Tooltip>
              </Polygon>
            );
          })}
          <FitTerritory vertices={zoneVertices(zones.data)} datum={datum} />
        </MapContainer>
      </div>
      <fieldset className="storm-zones__list" data-testid="storm-zone-list">
        <legend>
          {t('storm.zones')} · {t('storm.zonesPicked', { n: selected.length })}
        </legend>
        {groups.map(([district, list]) => (
          <div key={district} className="storm-zones__district">
            <strong>{district}</strong>
            {list.map((z) => (
              <label key={z.id} className="inline">
                <input
                  type="checkbox"
                  checked={selected.includes(z.id)}
                  onChange={() => onChange(toggleZone(selected, z.id))}
                  data-testid={`storm-zone-${z.id}`}
                />
                {z.name} <span className="muted small">{t(`zoneClass.${z.zoneClass}`)}</span>
              </label>
            ))}
          </div>
        ))}
        {selected.length > 0 && (
          <p className="small" data-testid="storm-zones-picked">
            {selected.map((id) => names.get(id) ?? id).join('、')}
          </p>
        )}
      </fieldset>
    </div>
  );
}

/** Fits the map to the territory once its zones arrive, without animation. */
function FitTerritory({
  vertices,
  datum,
}: {
  vertices: ReturnType<typeof zoneVertices>;
  datum: ReturnType<typeof tileDatumOf>;
}) {
  const map = useMap();
  const ready = vertices.length > 0;
  // biome-ignore lint/correctness/useExhaustiveDependencies: fit once the zones are known, not on each render
  useEffect(() => {
    if (!ready) return;
    map.fitBounds(L.latLngBounds(vertices.map((v) => toDisplay(v, datum))), {
      padding: [8, 8],
      animate: false,
    });
    map.getContainer().dataset.view = 'territory';
  }, [map, ready, datum]);
  return null;
}
