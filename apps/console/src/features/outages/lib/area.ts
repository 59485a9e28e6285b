import type { PolygonGeometry } from '@gd/domain';

const KM_PER_DEG_LAT = 111.32;

/**
 * An outage area's size in km² (outer ring, holes subtracted), on a local flat projection: exact enough to tell a
 * block (0.3 km²) from a district (30 km²) at the territory's size, with no geodesy library in the browser.
 * @example areaKm2(areaAround({ lat: 28.2, lng: 112.98 }, 1)) //=> ≈ 3.12 (π km², a 32-gon a little less)
 */
export function areaKm2(polygon: PolygonGeometry): number {
  const [outer, ...holes] = polygon.coordinates;
  if (!outer) return 0;
  const ring = (r: readonly (readonly number[])[]) => {
    const lat0 = (r.reduce((s, p) => s + (p[1] ?? 0), 0) / r.length) * (Math.PI / 180);
    const kx = KM_PER_DEG_LAT * Math.cos(lat0);
    let sum = 0;
    for (let i = 0; i < r.length - 1; i++) {
      const [x1 = 0, y1 = 0] = r[i]!;
      const [x2 = 0, y2 = 0] = r[i + 1]!;
      sum += x1 * kx * (y2 * KM_PER_DEG_LAT) - x2 * kx * (y1 * KM_PER_DEG_LAT);
    }
    return Math.abs(sum) / 2;
  };
  return Math.max(0, ring(outer) - holes.reduce((s, h) => s + ring(h), 0));
}

/** For display: two significant figures under 10 km², whole numbers beyond. */
export function formatKm2(km2: number): string {
  return km2 < 10 ? km2.toPrecision(2) : String(Math.round(km2));
}
