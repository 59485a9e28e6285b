import { type TileDatum, toDisplay } from '@gd/web';
import { Polyline } from 'react-leaflet';
import { sharedCanvas } from '../../../lib/leaflet';
import type { TrailPoint } from '../api/get-crew-trail';

/** A crew's recent trail as a dashed line (oldest to newest). */
export function CrewTrailLayer({ points, datum }: { points: TrailPoint[] | undefined; datum: TileDatum }) {
  if (!points || points.length < 2) return null;
  const positions = points.map((p) => {
    const d = toDisplay(p, datum);
    return [d.lat, d.lng] as [number, number];
  });
  return (
    <Polyline
      positions={positions}
      pathOptions={{ renderer: sharedCanvas(), color: '#08306b', weight: 3, opacity: 0.8, dashArray: '4 6' }}
    />
  );
}
