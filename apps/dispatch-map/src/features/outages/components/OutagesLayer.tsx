import type { Outage } from '@gd/domain';
import { formatDateTime, polygonToDisplay, type TileDatum } from '@gd/web';
import { useTranslation } from 'react-i18next';
import { Pane, Polygon, Tooltip } from 'react-leaflet';

/** Active outages as hatched red (fault) or violet (planned) areas above the zones. */
export function OutagesLayer({
  outages,
  datum,
  timeZone,
}: {
  outages: Outage[] | undefined;
  datum: TileDatum;
  timeZone: string;
}) {
  const { t } = useTranslation();
  return (
    <Pane name="outages" style={{ zIndex: 300 }}>
      {(outages ?? [])
        .filter((o) => o.status === 'active')
        .map((o) => (
          <Polygon
            key={o.id}
            pane="outages"
            positions={polygonToDisplay(o.area, datum)}
            pathOptions={{
              color: o.kind === 'fault' ? '#b2182b' : '#6a3d9a',
              weight: 2,
              dashArray: '6 4',
              fillColor: o.kind === 'fault' ? '#ef3b2c' : '#9e9ac8',
              fillOpacity: 0.3,
              className: `dm-outage dm-outage--${o.kind}`,
            }}
          >
            <Tooltip sticky>
              <strong>{t(o.kind === 'fault' ? 'map.faultOutage' : 'map.plannedOutage')}</strong>
              <div>{o.description}</div>
              <div>
                {formatDateTime(o.startsAt, timeZone)} → {formatDateTime(o.estimatedRestoreAt, timeZone)}
              </div>
            </Tooltip>
          </Polygon>
        ))}
    </Pane>
  );
}
