import type { LatLng } from '@gd/domain';
import { indexZones, useZones, zoneAt } from '@gd/web';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { PlaceMap } from './PlaceMap.js';

/**
 * An order's place picked on the map (a fallen pole at a crossroads has no customer address), with the zone it falls
 * in: its class sets the order's clocks, and a place outside the territory is refused by the API, so say so first.
 */
export function LocationPicker({
  focus,
  value,
  onPick,
  testId = 'ticket-location-map',
  hint,
}: {
  focus: LatLng | null;
  value: LatLng | null;
  onPick: (p: LatLng) => void;
  testId?: string;
  /** What to do, above the map (default: click or type the coordinates, as the order form allows). */
  hint?: string;
}) {
  const { t } = useTranslation();
  const zones = useZones();
  const index = useMemo(() => indexZones(zones.data), [zones.data]);
  const zone = value ? zoneAt(index, value) : null;
  return (
    <div className="stack">
      <PlaceMap
        focus={focus}
        point={value}
        onPick={onPick}
        hint={hint ?? t('map.pickHint')}
        testId={testId}
      />
      {value && zones.data && (
        <p
          className={zone ? 'gd-hint' : 'gd-error'}
          data-testid="ticket-zone"
          role={zone ? undefined : 'alert'}
        >
          {zone
            ? t('map.inZone', {
                zoneClass: t(`zoneClass.${zone.properties.zoneClass}`),
                district: zone.properties.district,
                zone: zone.properties.name,
              })
            : t('map.outside')}
        </p>
      )}
    </div>
  );
}
