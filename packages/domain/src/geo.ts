import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import { circle } from '@turf/circle';
import { point } from '@turf/helpers';
import { kinks } from '@turf/kinks';

export interface LatLng {
  lat: number;
  lng: number;
}

/** GeoJSON Polygon geometry: rings of [lng, lat] positions, the first ring the outer boundary. */
export interface PolygonGeometry {
  type: 'Polygon';
  coordinates: number[][][];
}

export interface BBox {
  minLat: number;
  minLng: number;
  maxLat: number;
  maxLng: number;
}

const EARTH_RADIUS_KM = 6371.0088;
const toRad = (deg: number) => (deg * Math.PI) / 180;

/** Great-circle distance in kilometres (haversine on the mean earth radius). */
export function distanceKm(a: LatLng, b: LatLng): number {
  const dLat = toRad(b.lat - a.lat);
  const dLng = toRad(b.lng - a.lng);
  const h =
    Math.sin(dLat / 2) ** 2 + Math.cos(toRad(a.lat)) * Math.cos(toRad(b.lat)) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

export function bboxOf(polygon: PolygonGeometry): BBox {
  const box = { minLat: Infinity, minLng: Infinity, maxLat: -Infinity, maxLng: -Infinity };
  for (const [lng, lat] of polygon.coordinates[0] ?? []) {
    if (lat === undefined || lng === undefined) continue;
    box.minLat = Math.min(box.minLat, lat);
    box.maxLat = Math.max(box.maxLat, lat);
    box.minLng = Math.min(box.minLng, lng);
    box.maxLng = Math.max(box.maxLng, lng);
  }
  return box;
}

export function bboxContains(box: BBox, p: LatLng): boolean {
  return p.lat >= box.minLat && p.lat <= box.maxLat && p.lng >= box.minLng && p.lng <= box.maxLng;
}

/** True when the point lies inside the polygon (holes respected) or on its boundary. */
export function polygonContains(polygon: PolygonGeometry, p: LatLng): boolean {
  return booleanPointInPolygon(point([p.lng, p.lat]), polygon);
}

export function isValidLatLng(p: { lat?: unknown; lng?: unknown }): p is LatLng {
  return (
    typeof p.lat === 'number' &&
    typeof p.lng === 'number' &&
    Number.isFinite(p.lat) &&
    Number.isFinite(p.lng) &&
    Math.abs(p.lat) <= 90 &&
    Math.abs(p.lng) <= 180
  );
}

/**
 * The area of an outage around a point (a faulty line's surroundings): a 32-sided polygon of the given radius,
 * closed, in GeoJSON's [lng, lat] order.
 */
export function areaAround(center: LatLng, radiusKm: number): PolygonGeometry {
  const { coordinates } = circle([center.lng, center.lat], radiusKm, {
    steps: 32,
    units: 'kilometers',
  }).geometry;
  return { type: 'Polygon', coordinates };
}

/** What a user needs to draw for an area by clicking its corners. */
export const DRAWN_AREA = { minVertices: 3, maxVertices: 100 } as const;

/** Why the corners clicked so far make no area yet, or null: too few, too many, or edges that cross. */
export function drawnAreaProblem(vertices: readonly LatLng[]): 'tooFew' | 'tooMany' | 'crossing' | null {
  if (vertices.length < DRAWN_AREA.minVertices) return 'tooFew';
  if (vertices.length > DRAWN_AREA.maxVertices) return 'tooMany';
  // A ring that crosses itself (a bow tie) has no clear inside: which callers are in the outage?
  return kinks(polygonThrough(vertices)).features.length > 0 ? 'crossing' : null;
}

/** The polygon through these corners in the order they were clicked: one ring, closed, in GeoJSON's [lng, lat]. */
export function polygonThrough(vertices: readonly LatLng[]): PolygonGeometry {
  const ring = vertices.map((v) => [v.lng, v.lat]);
  if (ring[0]) ring.push([...ring[0]]);
  return { type: 'Polygon', coordinates: [ring] };
}
