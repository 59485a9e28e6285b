import L from 'leaflet';
import { describe, expect, it } from 'vitest';
import { applyView, fixDefaultIcons, sharedCanvas, viewFor } from './leaflet';

describe('fixDefaultIcons', () => {
  it('points the default marker at the bundled PNGs instead of guessing from the CSS path', () => {
    fixDefaultIcons();
    const options = L.Icon.Default.prototype.options;
    expect(options.iconUrl).toMatch(/marker-icon\.png$/);
    expect(options.iconRetinaUrl).toMatch(/marker-icon-2x\.png$/);
    expect(options.shadowUrl).toMatch(/marker-shadow\.png$/);
    const img = new L.Icon.Default().createIcon();
    expect(img.getAttribute('src')).toMatch(/marker-icon(-2x)?\.png$/);
  });
});

describe('viewFor', () => {
  it('keeps the view for no points (and ignores non-finite ones)', () => {
    expect(viewFor([])).toEqual({ kind: 'none' });
    expect(viewFor([{ lat: Number.NaN, lng: 1 }])).toEqual({ kind: 'none' });
  });

  it('centres on a single point, or on many equal points, at a street zoom', () => {
    expect(viewFor([{ lat: 28.2, lng: 112.9 }])).toEqual({ kind: 'point', center: [28.2, 112.9], zoom: 15 });
    expect(
      viewFor(
        [
          { lat: 28.2, lng: 112.9 },
          { lat: 28.2, lng: 112.9 },
        ],
        12,
      ),
    ).toEqual({
      kind: 'point',
      center: [28.2, 112.9],
      zoom: 12,
    });
  });

  it('bounds many points by their south-west and north-east corners', () => {
    expect(
      viewFor([
        { lat: 28.3, lng: 112.7 },
        { lat: 27.9, lng: 113.4 },
        { lat: 28.1, lng: 113 },
      ]),
    ).toEqual({
      kind: 'bounds',
      bounds: [
        [27.9, 112.7],
        [28.3, 113.4],
      ],
    });
  });
});

describe('applyView', () => {
  function makeMap() {
    const el = document.createElement('div');
    Object.defineProperty(el, 'clientWidth', { value: 800 });
    Object.defineProperty(el, 'clientHeight', { value: 600 });
    document.body.append(el);
    return L.map(el, { center: [0, 0], zoom: 3 });
  }

  it('moves the map for one point and for many, and leaves it for none', () => {
    const map = makeMap();
    expect(applyView(map, viewFor([]))).toBe(false);
    expect(map.getZoom()).toBe(3);
    applyView(map, viewFor([{ lat: 28.2, lng: 112.9 }]));
    expect(map.getZoom()).toBe(15);
    expect(map.getCenter().lat).toBeCloseTo(28.2, 5);
    applyView(
      map,
      viewFor([
        { lat: 27.95, lng: 112.35 },
        { lat: 28.45, lng: 113.65 },
      ]),
    );
    expect(map.getZoom()).toBeLessThan(15);
    expect(map.getCenter().lng).toBeCloseTo(113, 1);
    map.remove();
  });
});

describe('sharedCanvas', () => {
  it('is one renderer for the whole app', () => {
    expect(sharedCanvas()).toBe(sharedCanvas());
    expect(sharedCanvas()).toBeInstanceOf(L.Canvas);
  });
});

describe('DiamondMarker', () => {
  it('is a circle marker that draws a diamond of its radius', async () => {
    const { DiamondMarker } = await import('./leaflet');
    const m = new DiamondMarker([28.2, 112.9], { radius: 6 });
    expect(m).toBeInstanceOf(L.CircleMarker);
    const calls: [string, ...number[]][] = [];
    const ctx = {
      beginPath: () => calls.push(['beginPath']),
      moveTo: (x: number, y: number) => calls.push(['moveTo', x, y]),
      lineTo: (x: number, y: number) => calls.push(['lineTo', x, y]),
      closePath: () => calls.push(['closePath']),
    };
    let filled = false;
    Object.assign(m, {
      _renderer: {
        _drawing: true,
        _ctx: ctx,
        _fillStroke: () => (filled = true),
        _bounds: L.bounds([0, 0], [800, 600]),
      },
      _point: L.point(100, 50),
      _pxBounds: L.bounds([94, 44], [106, 56]),
      _radius: 6,
    });
    (m as unknown as { _updatePath(): void })._updatePath();
    expect(calls).toEqual([
      ['beginPath'],
      ['moveTo', 100, 44],
      ['lineTo', 106, 50],
      ['lineTo', 100, 56],
      ['lineTo', 94, 50],
      ['closePath'],
    ]);
    expect(filled).toBe(true);
  });
});
