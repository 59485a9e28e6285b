import type { ZoneCollection } from '@gd/domain';
import L from 'leaflet';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Pane, Polygon, Tooltip } from 'react-leaflet';
import { polygonToDisplay, type TileDatum } from '../../../lib/datum';
import { ZONE_CLASS_STYLE } from '../utils/zones';

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
        positions: polygonToDisplay(f.geometry, datum),
      })),
    [zones, datum],
  );
  return (
    <Pane name="zones" style={{ zIndex: 250 }}>
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
          <Tooltip permanent direction="center" className="dm-zone-label" pane="zones">
            {z.name}
            <small>{t(`map.zoneClass.${z.zoneClass}`)}</small>
          </Tooltip>
        </Polygon>
      ))}
    </Pane>
  );
}
