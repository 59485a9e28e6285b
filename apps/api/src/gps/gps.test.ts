import type { Crew, CrewPositionEvent, TrailPoint } from '@gd/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASES, nextEvent, startTestApp, type TestApp } from '../test/harness.js';
import { GpsRetentionService } from './gps-retention.service.js';

const iso = (msAgo: number) => new Date(Date.now() - msAgo).toISOString();

describe.each(DATABASES)('GPS positions and trail on %s', (kind) => {
  let t: TestApp;
  let crew01: string;
  let crew02: string;
  let token01: string;
  let crews: Crew[];
  beforeAll(async () => {
    t = await startTestApp(kind);
    const login = await t.login('crew01');
    token01 = login.accessToken;
    crew01 = login.user.crewId!;
    crew02 = (await t.login('crew02')).user.crewId!;
    crews = (await t.request<Crew[]>('GET', '/crews', { token: await t.token('dispatcher1') })).body;
  });
  afterAll(() => t?.close());

  const post = (crewId: string, body: unknown, token = token01) =>
    t.request('POST', `/crews/${crewId}/positions`, { token, body });
  const here = () => crews.find((c) => c.id === crew01)!.depot;

  it('accepts good fixes and rejects each bad one with its reason, storing only the good', async () => {
    const { lat, lng } = here();
    const res = await post(crew01, [
      { lat, lng, recordedAt: iso(50_000), speedKmh: 12, heading: 90, accuracyM: 8 },
      { lat: 91, lng, recordedAt: iso(49_000) },
      { lat, lng: 'abc', recordedAt: iso(48_000) },
      { lat: Number.NaN, lng, recordedAt: iso(47_000) },
      { lat: '28.1', lng, recordedAt: iso(46_500) },
      { lat, lng, recordedAt: '1970-01-01T00:00:00Z' },
      { lat, lng, recordedAt: new Date(Date.now() + 7 * 86_400_000).toISOString() },
      { lat, lng, recordedAt: 'yesterday' },
      { lat, lng, recordedAt: iso(46_000), accuracyM: 1200 },
      { lat, lng: 181, recordedAt: iso(45_000) },
      'not a point',
      { lat: lat + 0.001, lng, recordedAt: iso(40_000) },
      { lat, lng, recordedAt: new Date(Date.now() + 60_000).toISOString() },
    ]);
    expect(res.status).toBe(200);
    expect(res.body.accepted).toBe(3);
    const reasons = Object.fromEntries(
      (res.body.rejected as { index: number; reason: string }[]).map((r) => [r.index, r.reason]),
    );
    expect(Object.keys(reasons).map(Number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(reasons[1]).toMatch(/^lat/);
    expect(reasons[2]).toMatch(/^lng/);
    expect(reasons[3]).toMatch(/^lat/);
    expect(reasons[4]).toMatch(/^lat/);
    expect(reasons[5]).toMatch(/retention/);
    expect(reasons[6]).toMatch(/future/);
    expect(reasons[7]).toMatch(/^recordedAt/);
    expect(reasons[8]).toBe('inaccurate');
    expect(reasons[9]).toMatch(/^lng/);
    expect(reasons[10]).toMatch(/position object/);
    const trail = await t.request<TrailPoint[]>(
      'GET',
      `/crews/${crew01}/trail?from=${iso(3_600_000)}&to=${iso(-120_000)}`,
      { token: await t.token('dispatcher1') },
    );
    expect(trail.status).toBe(200);
    expect(trail.body).toHaveLength(3);
    expect(trail.body[0]).toMatchObject({ lat, lng, speedKmh: 12, heading: 90, accuracyM: 8 });
    // The newest fix (a minute ahead of the server clock, within the 2-minute skew) is the live position.
    const crew = (await t.request<Crew>('GET', `/crews/${crew01}`, { token: token01 })).body;
    expect(new Date(crew.position!.at).getTime()).toBeGreaterThan(Date.now());
  });

  it('refuses a body that is not an array, and oversize batches, with 400', async () => {
    expect((await post(crew01, { lat: 1, lng: 1, recordedAt: iso(0) })).status).toBe(400);
    const many = Array.from({ length: 501 }, (_, i) => ({ lat: 28, lng: 113, recordedAt: iso(i * 1000) }));
    expect((await post(crew01, many)).status).toBe(400);
  });

  it('stores a late fix in the trail but never moves the live marker back', async () => {
    const { lat, lng } = crews.find((c) => c.id === crew02)!.depot;
    const token02 = await t.token('crew02');
    const recent = new Date().toISOString(); // the seed stamped every marker at start-up: be newer than that
    expect((await post(crew02, [{ lat, lng, recordedAt: recent }], token02)).body.accepted).toBe(1);
    const late = await post(crew02, [{ lat: lat + 0.01, lng: lng + 0.01, recordedAt: iso(60_000) }], token02);
    expect(late.body).toEqual({ accepted: 1, rejected: [] });
    const crew = (await t.request<Crew>('GET', `/crews/${crew02}`, { token: token02 })).body;
    expect(crew.position).toMatchObject({ lat, lng, at: recent });
    const trail = await t.request<TrailPoint[]>('GET', `/crews/${crew02}/trail?from=${iso(3_600_000)}`, {
      token: token02,
    });
    expect(trail.body.map((p) => p.lat)).toEqual([lat + 0.01, lat]);
  });

  it('counts a re-sent fix as a duplicate, within a batch and across batches', async () => {
    const { lat, lng } = here();
    const at = iso(30_000);
    const first = await post(crew01, [
      { lat, lng, recordedAt: at },
      { lat, lng, recordedAt: at },
    ]);
    expect(first.body).toEqual({ accepted: 1, rejected: [{ index: 1, reason: 'duplicate' }] });
    const again = await post(crew01, [{ lat: lat + 1e-4, lng, recordedAt: at }]);
    expect(again.body).toEqual({ accepted: 0, rejected: [{ index: 0, reason: 'duplicate' }] });
  });

  it('stores concurrent posts of several crews (written together) with the same verdicts as one at a time', async () => {
    const admin = await t.token('admin');
    const crewIds = crews.slice(3, 6).map((c) => c.id);
    const base = Date.now(); // newer than the markers the seed stamped at start-up
    const at = (ms: number) => new Date(base + ms).toISOString();
    // Per crew: ten one-point posts, a late point after them, and the same instant posted twice at once.
    const posts = crewIds.flatMap((id, c) => [
      ...Array.from({ length: 10 }, (_, i) =>
        post(id, [{ lat: 28 + c / 10, lng: 113 + i / 1000, recordedAt: at(1000 + i * 100) }], admin),
      ),
      post(id, [{ lat: 28 + c / 10, lng: 112, recordedAt: at(500) }], admin),
      post(id, [{ lat: 28 + c / 10, lng: 112.5, recordedAt: at(700) }], admin),
      post(id, [{ lat: 28 + c / 10, lng: 112.6, recordedAt: at(700) }], admin),
    ]);
    const results = (await Promise.all(posts)).map((r) => r.body as { accepted: number });
    for (const [c, id] of crewIds.entries()) {
      const mine = results.slice(c * 13, c * 13 + 13);
      expect(mine.slice(0, 11).every((r) => r.accepted === 1)).toBe(true);
      // Exactly one of the two posts of the same instant counts; the other is a duplicate.
      expect(
        mine
          .slice(11)
          .map((r) => r.accepted)
          .sort(),
      ).toEqual([0, 1]);
      const trail = await t.request<TrailPoint[]>('GET', `/crews/${id}/trail?from=${at(0)}&to=${at(5000)}`, {
        token: admin,
      });
      expect(trail.body.map((p) => p.at)).toEqual([
        at(500),
        at(700),
        ...Array.from({ length: 10 }, (_, i) => at(1000 + i * 100)),
      ]);
      // The marker is the newest fix, whatever order the posts were written in.
      const crew = (await t.request<Crew>('GET', `/crews/${id}`, { token: admin })).body;
      expect(crew.position).toMatchObject({ at: at(1900), lng: 113 + 9 / 1000 });
    }
  });

  it('stores the fixes of other crews while one crew row is held by another transaction (Postgres)', async () => {
    const admin = await t.token('admin');
    const [held, free] = crews.slice(6, 8).map((c) => c.id) as [string, string];
    const fix = [{ lat: 28.1, lng: 113.1, recordedAt: iso(0) }];
    // PGlite has one connection: nothing else can hold a row, both are simply stored.
    const other =
      kind === 'postgres'
        ? new (await import('pg')).default.Client({ connectionString: t.config.DATABASE_URL })
        : null;
    await other?.connect();
    try {
      await other?.query('begin');
      await other?.query('select id from crews where id = $1 for update', [held]);
      const freePost = post(free, fix, admin);
      const heldPost = post(held, fix, admin);
      let heldDone = false;
      void heldPost.then(() => {
        heldDone = true;
      });
      expect((await freePost).body).toEqual({ accepted: 1, rejected: [] });
      if (other) {
        expect(heldDone).toBe(false);
        await other.query('commit');
      }
      expect((await heldPost).body).toEqual({ accepted: 1, rejected: [] });
    } finally {
      await other?.end();
    }
  });

  it('lets a crew member post only for their own crew, and no office role but admin', async () => {
    const point = [{ lat: 28.2, lng: 112.9, recordedAt: iso(20_000) }];
    expect((await post(crew02, point)).status).toBe(403);
    expect((await post(crew01, point, await t.token('dispatcher1'))).status).toBe(403);
    expect((await post(crew01, point, await t.token('agent1'))).status).toBe(403);
    expect((await post(crew01, point, await t.token('admin'))).status).toBe(200);
    expect((await post('00000000-0000-4000-8000-000000000000', point, await t.token('admin'))).status).toBe(
      404,
    );
    expect((await post('not-a-uuid', point)).status).toBe(400);
    expect((await t.request('POST', `/crews/${crew01}/positions`, { body: point })).status).toBe(401);
    // Trails: office roles see any crew's, a crew member only their own.
    expect((await t.request('GET', `/crews/${crew02}/trail`, { token: token01 })).status).toBe(403);
    expect(
      (await t.request('GET', `/crews/${crew02}/trail`, { token: await t.token('agent1') })).status,
    ).toBe(200);
  });

  it('refuses an inverted trail range with 400', async () => {
    const res = await t.request('GET', `/crews/${crew01}/trail?from=${iso(0)}&to=${iso(3_600_000)}`, {
      token: token01,
    });
    expect(res.status).toBe(400);
    expect((await t.request('GET', `/crews/${crew01}/trail?from=nonsense`, { token: token01 })).status).toBe(
      400,
    );
  });

  /** The first fix matching, from the batched `crew.positions` messages. */
  const nextPosition = (
    socket: Awaited<ReturnType<TestApp['socket']>>,
    match: (e: CrewPositionEvent) => boolean,
    ms?: number,
  ) => nextEvent(socket, 'crew.positions', (list) => list.some(match), ms).then((list) => list.find(match)!);

  it('pushes crew.positions to dispatchers for fixes that move the marker, over HTTP and over the socket', async () => {
    const dispatcher = await t.socket(await t.token('dispatcher1'));
    const agentSocket = await t.socket(await t.token('agent1'));
    const crew03 = (await t.login('crew03')).user.crewId!;
    const token03 = await t.token('crew03');
    const { lat, lng } = crews.find((c) => c.id === crew03)!.depot;
    // Newer than the marker the suite started with (stamped when it opened its database).
    const at = new Date().toISOString();
    const seen = nextPosition(dispatcher, (e) => e.crewId === crew03 && e.at === at);
    const agentSees = nextPosition(agentSocket, (e) => e.crewId === crew03, 1000);
    await post(crew03, [{ lat, lng, recordedAt: at, speedKmh: 30 }], token03);
    const [toDispatcher, toAgent] = await Promise.allSettled([seen, agentSees]);
    expect(toDispatcher).toMatchObject({ status: 'fulfilled', value: { lat, lng, speedKmh: 30 } });
    // agent1 has no district: not in the crew's district room, and agents are not watchers.
    expect(toAgent).toMatchObject({ status: 'rejected' });

    // A late fix over the socket is acknowledged and stored, but raises no event.
    const phone = await t.socket(token03);
    const lateEvent = nextPosition(dispatcher, (e) => e.crewId === crew03, 500).catch((err: Error) => err);
    const lateAck = await phone.emitWithAck('crew.position', { lat, lng, recordedAt: iso(10_000) });
    expect(lateAck).toEqual({ ok: true, data: { accepted: 1, rejected: [] } });
    expect(await lateEvent).toBeInstanceOf(Error);

    const liveAt = new Date().toISOString();
    const live = nextPosition(dispatcher, (e) => e.crewId === crew03 && e.at === liveAt);
    const ack = await phone.emitWithAck('crew.position', { lat: lat + 0.002, lng, recordedAt: liveAt });
    expect(ack).toEqual({ ok: true, data: { accepted: 1, rejected: [] } });
    await expect(live).resolves.toMatchObject({ lat: lat + 0.002 });
    const bad = await phone.emitWithAck('crew.position', { lat: 'x', lng, recordedAt: liveAt } as never);
    expect(bad).toMatchObject({ ok: true, data: { accepted: 0, rejected: [{ index: 0 }] } });

    const office = await phone.emitWithAck.call(dispatcher, 'crew.position', {
      lat,
      lng,
      recordedAt: liveAt,
    });
    expect(office).toMatchObject({ ok: false });
  });

  it('prunes trail points older than the retention, on one node at a time', async () => {
    const retention = t.app.get(GpsRetentionService);
    const days = t.config.GPS_RETENTION_DAYS;
    // Pretend the clock moved on: everything posted so far is older than the retention then.
    const later = new Date(Date.now() + (days + 1) * 86_400_000);
    const trailCount = async () =>
      (
        await t.request<TrailPoint[]>('GET', `/crews/${crew01}/trail?from=${iso(3_600_000)}`, {
          token: token01,
        })
      ).body.length;
    expect(await trailCount()).toBeGreaterThan(0);
    expect(await retention.prune(new Date())).toEqual({ ran: true, deleted: 0 });
    if (kind === 'postgres') {
      // Another node holding the lock: this one skips.
      const pg = (await import('pg')).default;
      const other = new pg.Client({ connectionString: t.config.DATABASE_URL });
      await other.connect();
      await other.query('begin');
      await other.query('select pg_advisory_xact_lock($1)', [955_980_005]);
      expect(await retention.prune(later)).toEqual({ ran: false, deleted: 0 });
      await other.query('rollback');
      await other.end();
    }
    const result = await retention.prune(later);
    expect(result.ran).toBe(true);
    expect(result.deleted).toBeGreaterThan(0);
    expect(await trailCount()).toBe(0);
  });
});
