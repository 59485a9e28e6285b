import { areaAround, polygonThrough } from '@gd/domain';
import { describe, expect, it } from 'vitest';
import { areaKm2, formatKm2 } from './area.js';

describe('areaKm2', () => {
  it('measures a circle of 1 km as a little under π km², and 2 km as four times that', () => {
    const one = areaKm2(areaAround({ lat: 28.2, lng: 112.98 }, 1));
    expect(one).toBeGreaterThan(3.0);
    expect(one).toBeLessThan(Math.PI);
    expect(areaKm2(areaAround({ lat: 28.2, lng: 112.98 }, 2)) / one).toBeCloseTo(4, 1);
  });
  it('measures a drawn square the same whichever way its corners were clicked', () => {
    const corners = [
      { lat: 28.2, lng: 112.98 },
      { lat: 28.2, lng: 112.99 },
      { lat: 28.21, lng: 112.99 },
      { lat: 28.21, lng: 112.98 },
    ];
    const a = areaKm2(polygonThrough(corners));
    // 0.01° of latitude (1.113 km) × 0.01° of longitude at 28.2°N (0.981 km)
    expect(a).toBeCloseTo(1.1132 * 0.9812, 2);
    expect(areaKm2(polygonThrough([...corners].reverse()))).toBeCloseTo(a, 3);
  });
  it('formats small areas with two figures and large ones whole', () => {
    expect(formatKm2(0.2827)).toBe('0.28');
    expect(formatKm2(3.12)).toBe('3.1');
    expect(formatKm2(31.4)).toBe('31');
  });
});
