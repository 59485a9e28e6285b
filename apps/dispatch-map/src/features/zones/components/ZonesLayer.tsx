import { bboxOf, type ZoneCollection } from '@gd/domain';
import { polygonToDisplay, type TileDatum, ZONE_CLASS_STYLE } from '@gd/web';
import L from 'leaflet';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Pane, Polygon, Tooltip, useMap, useMapEvent } from 'react-leaflet';

/** Zones under ~10 km across: their labels would pile up when zoomed out. */
function isSmall(geometry: Parameters<typeof bboxOf>[0]): boolean {
  const b = bboxOf(geometry);
  return b.maxLng - b.minLng < 0.12 && b.maxLat - b.minLat < 0.12;
}

/** Marks the map container `dm-zoomed-out` below zoom 11 (CSS then hides the labels of small zones). */
function ZoomClass() {
  const map = useMap();
  const sync = () => map.getContainer().classList.toggle('dm-zoomed-out', map.getZoom() < 11);
  useMapEvent('zoomend', sync);
  sync();
  return null;
}

/** Service zones shaded by class, labelled with their names: the map stays readable with no tiles at all. */
export function ZonesLayer({ zones, datum }: { zones: ZoneCollection | undefined; datum: TileDatum }) {
  const { t } = useTranslation();
  const renderer = useMemo(() => L.svg({ padding: 0.2 }), []);
  const shapes = useMemo(
    () =>
      (zones?.features ?? []).map((f) => ({
        id: f.properties.id,
        name: f.properties.name,
        zoneClass: f.properties.zoneClass,
        small: isSmall(f.geometry),
        positions: polygonToDisplay(f.geometry, datum),
      })),
    [zones, datum],
  );
  return (
    <Pane name="zones" style={{ zIndex: 250 }}>
      <ZoomClass />
      {shapes.map((z) => (
        <Polygon
          key={z.id}
          positions={z.positions}
          pathOptions={{
            renderer,
            color: ZONE_CLASS_STYLE[z.zoneClass].stroke,
            weight: 1.5,
            fillColor: ZONE_CLASS_STYLE[z.zoneClass].fill,
            fillOpacity: 0.55,
            interactive: false,
          }}
          pane="zones"
        >
          <Tooltip
            permanent
            direction="center"
            className={`dm-zone-label${z.small ? ' dm-zone-label--small' : ''}`}
            pane="zones"
          >
            {z.name}
            <small>{t(`zoneClass.${z.zoneClass}`)}</small>
          </Tooltip>
        </Polygon>
      ))}
    </Pane>
  );
}
