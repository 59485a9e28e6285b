import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type RankCrew, rankCrews } from '@gd/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '../config.js';
import { RoadEtaService } from './road-eta.js';

const site = { lat: 28.2, lng: 112.95 };
const crews: RankCrew[] = [
  { id: 'a', skills: ['cable'], status: 'available', position: { lat: 28.21, lng: 112.95 }, depot: site },
  { id: 'b', skills: ['cable'], status: 'available', position: { lat: 28.23, lng: 112.95 }, depot: site },
];
const now = new Date();
const ranked = () =>
  rankCrews({ location: site, zoneClass: 'urban', requiredSkills: ['cable'], priority: 'normal' }, crews, {
    now,
  });
const from = (c: { crewId: string }) => crews.find((x) => x.id === c.crewId)!.position!;

describe('RoadEtaService (OSRM table)', () => {
  let server: Server;
  let url: string;
  let lastPath = '';
  beforeAll(async () => {
    // A stand-in OSRM: the river puts crew a (nearer as the crow flies) 40 minutes away by road, b 8 minutes.
    server = createServer((req, res) => {
      lastPath = req.url ?? '';
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ code: 'Ok', durations: [[2400], [480]], distances: [[31000], [4000]] }));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('re-ranks the top candidates by road time from the crews to the site', async () => {
    const road = new RoadEtaService({ OSRM_URL: url } as Config);
    const before = ranked();
    expect(before.map((c) => c.crewId)).toEqual(['a', 'b']);
    const out = await road.refine(site, before, from, {
      setupMinutes: 5,
      dueAt: new Date(now.getTime() + 30 * 60_000),
      now,
    });
    expect(out.source).toBe('osrm');
    expect(out.candidates.map((c) => [c.crewId, c.etaMinutes, c.distanceKm, c.meetsArrivalSla])).toEqual([
      ['b', 13, 4, true],
      ['a', 45, 31, false],
    ]);
    expect(lastPath).toMatch(/^\/table\/v1\/driving\/112\.950000,28\.200000;.*\?sources=1;2&destinations=0/);
  });

  it('falls back to the formula when OSRM is unreachable', async () => {
    const road = new RoadEtaService({ OSRM_URL: 'http://127.0.0.1:9' } as Config);
    const before = ranked();
    const out = await road.refine(site, before, from, { setupMinutes: 5, dueAt: null, now });
    expect(out).toEqual({ candidates: before, source: 'formula' });
  });

  it('is off without OSRM_URL', async () => {
    const road = new RoadEtaService({} as Config);
    expect(road.enabled).toBe(false);
    const before = ranked();
    expect(await road.refine(site, before, from, { setupMinutes: 5, dueAt: null, now })).toEqual({
      candidates: before,
      source: 'formula',
    });
  });
});
