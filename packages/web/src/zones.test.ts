import type { ZoneCollection } from '@gd/domain';
import { describe, expect, it } from 'vitest';
import { districtsOf, indexZones, zoneAt, zoneVertices } from './zones';

const box = (minLng: number, minLat: number, maxLng: number, maxLat: number) => ({
  type: 'Polygon' as const,
  coordinates: [
    [
      [minLng, minLat],
      [maxLng, minLat],
      [maxLng, maxLat],
      [minLng, maxLat],
      [minLng, minLat],
    ],
  ],
});

const zones: ZoneCollection = {
  type: 'FeatureCollection',
  features: [
    {
      type: 'Feature',
      id: 'U',
      properties: { id: 'U', name: '岳麓城区', district: '岳麓区', zoneClass: 'urban' },
      geometry: box(112.88, 28.12, 112.95, 28.28),
    },
    {
      type: 'Feature',
      id: 'R',
      properties: { id: 'R', name: '长沙县农村', district: '长沙县', zoneClass: 'rural' },
      geometry: box(113.08, 27.95, 113.3, 28.28),
    },
    {
      type: 'Feature',
      id: 'R2',
      properties: { id: 'R2', name: '暮云农村', district: '岳麓区', zoneClass: 'rural' },
      geometry: box(112.88, 27.95, 113.08, 28.12),
    },
  ],
};

describe('zoneAt', () => {
  const index = indexZones(zones);
  it('finds the zone of a point', () => {
    expect(zoneAt(index, { lat: 28.2, lng: 112.9 })?.id).toBe('U');
    expect(zoneAt(index, { lat: 28.0, lng: 113.2 })?.properties.zoneClass).toBe('rural');
  });
  it('returns null outside the territory', () => {
    expect(zoneAt(index, { lat: 30, lng: 112.9 })).toBeNull();
    expect(zoneAt(indexZones(undefined), { lat: 28.2, lng: 112.9 })).toBeNull();
  });
});

describe('districtsOf', () => {
  it('lists each district once', () => {
    expect(districtsOf(zones).sort()).toEqual(['岳麓区', '长沙县'].sort());
    expect(districtsOf(undefined)).toEqual([]);
  });
});

describe('zoneVertices', () => {
  it('lists outer-ring vertices as lat/lng', () => {
    const v = zoneVertices(zones);
    expect(v).toHaveLength(15);
    expect(v[0]).toEqual({ lat: 28.12, lng: 112.88 });
    expect(zoneVertices(undefined)).toEqual([]);
  });
});
