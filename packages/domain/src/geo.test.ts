import { describe, expect, it } from 'vitest';
import {
  areaAround,
  bboxContains,
  bboxOf,
  distanceKm,
  isValidLatLng,
  type PolygonGeometry,
  polygonContains,
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
});
