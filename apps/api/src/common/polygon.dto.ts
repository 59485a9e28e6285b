import { isValidLatLng, type PolygonGeometry } from '@gd/domain';
import { buildMessage, ValidateBy } from 'class-validator';

/** Why a GeoJSON Polygon is unusable, or null: closed rings of ≥ 4 valid [lng, lat] positions. */
export function polygonProblem(value: unknown): string | null {
  const v = value as PolygonGeometry | null;
  if (!v || typeof v !== 'object' || v.type !== 'Polygon') return 'must be a GeoJSON Polygon';
  if (!Array.isArray(v.coordinates) || v.coordinates.length === 0 || v.coordinates.length > 50) {
    return 'must have 1 to 50 rings';
  }
  for (const ring of v.coordinates) {
    if (!Array.isArray(ring) || ring.length < 4 || ring.length > 5000)
      return 'rings need 4 to 5000 positions';
    for (const pos of ring) {
      if (!Array.isArray(pos) || pos.length < 2 || !isValidLatLng({ lng: pos[0], lat: pos[1] })) {
        return 'positions must be [lng, lat] with valid degrees';
      }
    }
    const [first, last] = [ring[0]!, ring[ring.length - 1]!];
    if (first[0] !== last[0] || first[1] !== last[1]) return 'rings must be closed (first position = last)';
  }
  return null;
}

/** A GeoJSON Polygon as polygonProblem accepts it (outage areas, areas counted before publishing). */
export const IsPolygon = () =>
  ValidateBy({
    name: 'isPolygon',
    validator: {
      validate: (value) => polygonProblem(value) === null,
      defaultMessage: buildMessage((each, args) => `${each}$property ${polygonProblem(args?.value)}`),
    },
  });
