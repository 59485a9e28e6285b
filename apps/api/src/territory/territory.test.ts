import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASES, startTestApp, type TestApp } from '../test/harness.js';

describe.each(DATABASES)('territory and health on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind, { customers: 300 });
  });
  afterAll(() => t?.close());

  it('reports health without a token', async () => {
    const res = await t.request('GET', '/health');
    expect(res).toMatchObject({
      status: 200,
      body: { status: 'ok', database: kind, migration: expect.stringMatching(/^\d{4}_/) },
    });
  });

  it('serves the zones as GeoJSON and classifies points', async () => {
    const token = await t.token('agent1');
    const zones = await t.request('GET', '/zones', { token });
    expect(zones.body.type).toBe('FeatureCollection');
    const classes = new Set(
      zones.body.features.map((f: { properties: { zoneClass: string } }) => f.properties.zoneClass),
    );
    expect(classes).toEqual(new Set(['urban', 'rural', 'remote']));
    const urban = await t.request('GET', '/zones/classify?lat=28.195&lng=112.98', { token });
    expect(urban.body).toEqual({ zoneId: 'CS-U-FR', zoneClass: 'urban', district: '芙蓉区' });
    const remote = await t.request('GET', '/zones/classify?lat=28.2&lng=113.5', { token });
    expect(remote.body.zoneClass).toBe('remote');
    expect((await t.request('GET', '/zones/classify?lat=39.9&lng=116.4', { token })).status).toBe(422);
    expect((await t.request('GET', '/zones/classify?lat=91&lng=abc', { token })).status).toBe(400);
  });

  it('seeds customers inside their own zone, idempotently', async () => {
    const { seedDemo } = await import('../demo/seed.js');
    const again = await seedDemo(t.database.db, { password: 'x-unused-x', customers: 300 });
    expect(again).toEqual({ zones: 11, crews: 40, staff: 47, customers: 300 });
    const territory = t.app.get((await import('./territory.service.js')).TerritoryService);
    const rows = await t.database.db.query.customers.findMany({ limit: 100 });
    for (const c of rows) {
      expect((await territory.locate({ lat: c.lat, lng: c.lng }))?.id).toBe(c.zoneId);
      expect(c.phone).toMatch(/^\+861[3-9]\d{9}$/);
    }
  });
});
