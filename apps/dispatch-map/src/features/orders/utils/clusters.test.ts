import { describe, expect, it } from 'vitest';
import {
  buildOrderIndex,
  CLUSTER_MAX_ZOOM,
  clusterLabel,
  clusterRadius,
  itemsInView,
  type OrderPoint,
} from './clusters';

const WORLD: [number, number, number, number] = [-180, -85, 180, 85];

function grid(n: number, state: OrderPoint['state'] = 'running'): OrderPoint[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `o${i}`,
    lat: 28.1 + (i % 100) * 0.001,
    lng: 112.9 + Math.floor(i / 100) * 0.001,
    state,
  }));
}

describe('order clusters', () => {
  it('groups nearby orders at low zoom and keeps every order in a cluster count', () => {
    const index = buildOrderIndex(grid(1000));
    const items = itemsInView(index, WORLD, 8);
    expect(items.length).toBeLessThan(10);
    const total = items.reduce((n, i) => n + (i.kind === 'cluster' ? i.count : 1), 0);
    expect(total).toBe(1000);
  });

  it('shows single orders past the cluster zoom', () => {
    const index = buildOrderIndex(grid(50));
    const items = itemsInView(index, WORLD, CLUSTER_MAX_ZOOM + 3);
    expect(items).toHaveLength(50);
    expect(items.every((i) => i.kind === 'order')).toBe(true);
  });

  it('colours a cluster by the worst order inside and counts overdue ones', () => {
    const points = [...grid(20), { id: 'bad', lat: 28.1005, lng: 112.9005, state: 'breached' as const }];
    points[3] = { ...points[3]!, state: 'warning' };
    const items = itemsInView(buildOrderIndex(points), WORLD, 5);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      kind: 'cluster',
      count: 21,
      breached: 1,
      warning: 1,
      state: 'breached',
    });
  });

  it('returns only what lies in the view', () => {
    const index = buildOrderIndex([
      { id: 'a', lat: 28.2, lng: 112.9, state: 'running' },
      { id: 'b', lat: 39.9, lng: 116.4, state: 'running' },
    ]);
    expect(itemsInView(index, [112, 27, 114, 29], 16).map((i) => (i.kind === 'order' ? i.id : '?'))).toEqual([
      'a',
    ]);
  });

  it('indexes 10,000 orders and clusters them at a low zoom', () => {
    const index = buildOrderIndex(grid(10_000));
    const items = itemsInView(index, WORLD, 9);
    const total = items.reduce((n, i) => n + (i.kind === 'order' ? 1 : i.count), 0);
    expect(total).toBe(10_000);
    expect(items.length).toBeLessThan(10_000);
  });
});

describe('cluster labels', () => {
  it('abbreviates thousands and grows the bubble with size', () => {
    expect(clusterLabel(7)).toBe('7');
    expect(clusterLabel(1234)).toBe('1.2k');
    expect(clusterLabel(12_345)).toBe('12k');
    expect(clusterRadius(1000)).toBeGreaterThan(clusterRadius(10));
  });
});
