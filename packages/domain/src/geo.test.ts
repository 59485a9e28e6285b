import { describe, expect, it } from 'vitest';
import {
  areaAround,
  bboxContains,
  bboxOf,
  DRAWN_AREA,
  distanceKm,
  drawnAreaProblem,
  isValidLatLng,
  type PolygonGeometry,
  polygonContains,
  polygonThrough,
} from './geo.js';

const square: PolygonGeometry = {
  type: 'Polygon',
  coordinates: [
    [
      [112.9, 28.1],
      [113.1, 28.1],
      [113.1, 28.3],
      [112.9, 28.3],
      [112.9, 28.1],
    ],
  ],
};

describe('geo', () => {
  it('measures great-circle distance', () => {
    // Changsha railway station to Changsha Huanghua airport: about 21 km as the crow flies.
    const d = distanceKm({ lat: 28.1946, lng: 113.0127 }, { lat: 28.1892, lng: 113.2197 });
    expect(d).toBeGreaterThan(20);
    expect(d).toBeLessThan(21);
    expect(distanceKm({ lat: 0, lng: 0 }, { lat: 0, lng: 0 })).toBe(0);
  });

  it('tests polygons and boxes', () => {
    expect(polygonContains(square, { lat: 28.2, lng: 113 })).toBe(true);
    expect(polygonContains(square, { lat: 28.4, lng: 113 })).toBe(false);
    const box = bboxOf(square);
    expect(box).toEqual({ minLat: 28.1, minLng: 112.9, maxLat: 28.3, maxLng: 113.1 });
    expect(bboxContains(box, { lat: 28.2, lng: 113 })).toBe(true);
  });

  it('validates coordinates', () => {
    expect(isValidLatLng({ lat: 91, lng: 0 })).toBe(false);
    expect(isValidLatLng({ lat: Number.NaN, lng: 0 })).toBe(false);
    expect(isValidLatLng({ lat: '28', lng: 113 })).toBe(false);
    expect(isValidLatLng({ lat: 28.2, lng: 113 })).toBe(true);
  });

  it('draws an outage area around a point: closed, containing what lies within the radius and not beyond', () => {
    const wuyi = { lat: 28.1946, lng: 112.9827 };
    const area = areaAround(wuyi, 0.5);
    const ring = area.coordinates[0]!;
    expect(ring[0]).toEqual(ring[ring.length - 1]);
    expect(ring.length).toBe(33);
    for (const [lng, lat] of ring) expect(distanceKm(wuyi, { lat: lat!, lng: lng! })).toBeCloseTo(0.5, 2);
    expect(polygonContains(area, wuyi)).toBe(true);
    expect(polygonContains(area, { lat: wuyi.lat + 0.004, lng: wuyi.lng })).toBe(true); // ~445 m north
    expect(polygonContains(area, { lat: wuyi.lat + 0.0055, lng: wuyi.lng })).toBe(false); // ~610 m north
  });

  it('closes the corners a user clicked into a polygon and refuses too few, too many or crossing edges', () => {
    const corners = [
      { lat: 28.19, lng: 112.97 },
      { lat: 28.19, lng: 112.99 },
      { lat: 28.2, lng: 112.99 },
      { lat: 28.2, lng: 112.97 },
    ];
    const area = polygonThrough(corners);
    expect(area.coordinates[0]).toEqual([
      [112.97, 28.19],
      [112.99, 28.19],
      [112.99, 28.2],
      [112.97, 28.2],
      [112.97, 28.19],
    ]);
    expect(polygonContains(area, { lat: 28.195, lng: 112.98 })).toBe(true);
    expect(drawnAreaProblem(corners)).toBeNull();
    expect(drawnAreaProblem(corners.slice(0, 2))).toBe('tooFew');
    // The same corners in bow-tie order: the third and fourth swapped, so two edges cross.
    expect(drawnAreaProblem([corners[0]!, corners[1]!, corners[3]!, corners[2]!])).toBe('crossing');
    const many = Array.from({ length: DRAWN_AREA.maxVertices + 1 }, (_, i) => ({
      lat: 28.19 + 0.01 * Math.sin((2 * Math.PI * i) / 101),
      lng: 112.98 + 0.01 * Math.cos((2 * Math.PI * i) / 101),
    }));
    expect(drawnAreaProblem(many)).toBe('tooMany');
    expect(drawnAreaProblem(many.slice(0, DRAWN_AREA.maxVertices))).toBeNull();
  });
});
