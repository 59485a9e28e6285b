import { distanceKm } from '@gd/domain';
import { describe, expect, it } from 'vitest';
import { fromDisplay, polygonToDisplay, toDisplay } from './datum';

const changsha = { lat: 28.195, lng: 112.98 };

describe('toDisplay / fromDisplay', () => {
  it('leaves WGS-84 tiles alone', () => {
    expect(toDisplay(changsha, 'wgs84')).toEqual(changsha);
    expect(fromDisplay(changsha, 'wgs84')).toEqual(changsha);
  });

  it('shifts a point in China by a few hundred metres for GCJ-02 tiles', () => {
    const shown = toDisplay(changsha, 'gcj02');
    const metres = distanceKm(changsha, shown) * 1000;
    expect(metres).toBeGreaterThan(200);
    expect(metres).toBeLessThan(800);
    // GCJ-02 moves Changsha roughly north-east (east by ~0.005°, lat by a few thousandths).
    expect(shown.lng).toBeGreaterThan(changsha.lng);
  });

  it('round-trips to well under a metre', () => {
    for (const p of [changsha, { lat: 39.9087, lng: 116.3975 }, { lat: 22.5431, lng: 114.0579 }]) {
      const back = fromDisplay(toDisplay(p, 'gcj02'), 'gcj02');
      expect(distanceKm(p, back) * 1000).toBeLessThan(0.5);
    }
  });

  it('does not shift points outside China', () => {
    const paris = { lat: 48.8566, lng: 2.3522 };
    expect(toDisplay(paris, 'gcj02')).toEqual(paris);
  });
});

describe('polygonToDisplay', () => {
  it('swaps GeoJSON [lng, lat] to Leaflet [lat, lng] ring by ring', () => {
    const poly = {
      type: 'Polygon' as const,
      coordinates: [
        [
          [112.9, 28.1],
          [113, 28.1],
          [113, 28.2],
          [112.9, 28.1],
        ],
      ],
    };
    expect(polygonToDisplay(poly, 'wgs84')).toEqual([
      [
        [28.1, 112.9],
        [28.1, 113],
        [28.2, 113],
        [28.1, 112.9],
      ],
    ]);
    const shifted = polygonToDisplay(poly, 'gcj02')[0]![0]!;
    expect(shifted[0]).not.toBe(28.1);
  });
});
