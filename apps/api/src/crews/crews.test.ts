import type { Crew } from '@gd/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assignments } from '../db/schema/index.js';
import { DATABASES, nextEvent, startTestApp, type TestApp } from '../test/harness.js';

describe.each(DATABASES)('crews on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind);
  });
  afterAll(() => t?.close());

  it('lists the demo crews for office roles in the v1 shape; a crew sees only its own crew', async () => {
    for (const user of ['agent1', 'dispatcher1']) {
      const res = await t.request<Crew[]>('GET', '/crews', { token: await t.token(user) });
      expect(res.status).toBe(200);
      expect(res.body).toHaveLength(40);
    }
    // Least privilege: every crew's live position, phone and order is dispatch data.
    const crew = await t.login('crew05');
    expect((await t.request('GET', '/crews', { token: crew.accessToken })).status).toBe(403);
    const own = await t.request<Crew>('GET', `/crews/${crew.user.crewId}`, { token: crew.accessToken });
    expect(own).toMatchObject({ status: 200, body: { id: crew.user.crewId } });
    const other = (await t.request<Crew[]>('GET', '/crews', { token: await t.token('agent1') })).body.find(
      (c) => c.id !== crew.user.crewId,
    )!;
    expect((await t.request('GET', `/crews/${other.id}`, { token: crew.accessToken })).status).toBe(403);
    expect((await t.request('GET', '/staff', { token: crew.accessToken })).status).toBe(403);
    const [first] = (await t.request<Crew[]>('GET', '/crews', { token: await t.token('agent1') })).body;
    expect(first).toMatchObject({
      code: 'C01',
      status: 'available',
      ticketId: null,
      depot: { lat: expect.any(Number), lng: expect.any(Number) },
      position: { lat: expect.any(Number), lng: expect.any(Number), at: expect.any(String) },
    });
    expect(first!.skills.length).toBeGreaterThan(0);
  });

  it('shows a crew member their own crew at /crews/me, and nobody else', async () => {
    const login = await t.login('crew07');
    const me = await t.request<Crew>('GET', '/crews/me', { token: login.accessToken });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ id: login.user.crewId, code: 'C07', ticketId: null });
    expect((await t.request('GET', '/crews/me', { token: await t.token('dispatcher1') })).status).toBe(403);
    // Any crew but its own is refused to a crew member, an unknown id too (nothing said of what exists).
    expect(
      (await t.request('GET', '/crews/00000000-0000-4000-8000-000000000000', { token: login.accessToken }))
        .status,
    ).toBe(403);
  });

  it('lets an admin create and edit crews, audited; others may not', async () => {
    const admin = await t.token('admin');
    const body = {
      code: 'C41',
      name: '测试抢修41班',
      skills: ['cable', 'distribution'],
      depot: { lat: 28.2, lng: 112.95, name: '测试供电所' },
      shift: { start: '20:00', end: '08:00' },
      vehicle: '湘A·99999',
      district: '岳麓区',
    };
    const created = await t.request<Crew>('POST', '/crews', { token: admin, body });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      code: 'C41',
      status: 'off_duty',
      shift: { start: '20:00', end: '08:00' },
      depot: { name: '测试供电所' },
      position: null,
    });
    expect((await t.request('POST', '/crews', { token: admin, body })).status).toBe(409);
    expect((await t.request('POST', '/crews', { token: await t.token('dispatcher1'), body })).status).toBe(
      403,
    );
    const bad = await t.request('POST', '/crews', {
      token: admin,
      body: {
        ...body,
        code: 'C42',
        skills: ['welding'],
        depot: { lat: 95, lng: 0 },
        shift: { start: '25:00', end: '1' },
      },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/skills/),
        expect.stringMatching(/depot\.lat/),
        expect.stringMatching(/start must be HH:MM/),
      ]),
    );

    const patched = await t.request<Crew>('PATCH', `/crews/${created.body.id}`, {
      token: admin,
      body: { skills: ['overhead_line'], shift: null },
    });
    expect(patched.body).toMatchObject({ skills: ['overhead_line'], shift: null });
    const audit = await t.request('GET', `/audit?entity=crew&entityId=${created.body.id}`, { token: admin });
    expect(audit.body.items.map((e: { action: string }) => e.action)).toEqual(['crew.update', 'crew.create']);
  });

  it('lets a crew go off and on duty, announced live, but never while assigned', async () => {
    const login = await t.login('crew09');
    const crewId = login.user.crewId!;
    const dispatcher = await t.socket(await t.token('dispatcher1'));
    const announced = nextEvent(
      dispatcher,
      'crew.status',
      (e) => e.crewId === crewId && e.status === 'off_duty',
    );
    const off = await t.request<Crew>('POST', `/crews/${crewId}/status`, {
      token: login.accessToken,
      body: { status: 'off_duty' },
    });
    expect(off).toMatchObject({ status: 200, body: { status: 'off_duty' } });
    await expect(announced).resolves.toMatchObject({ ticketId: null, crew: { code: 'C09' } });
    expect(
      (
        await t.request('POST', `/crews/${crewId}/status`, {
          token: login.accessToken,
          body: { status: 'available' },
        })
      ).body.status,
    ).toBe('available');
    // Someone else's crew, and statuses only the order may set.
    expect(
      (
        await t.request('POST', `/crews/${crewId}/status`, {
          token: await t.token('crew10'),
          body: { status: 'off_duty' },
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await t.request('POST', `/crews/${crewId}/status`, {
          token: login.accessToken,
          body: { status: 'on_site' },
        })
      ).status,
    ).toBe(400);

    // Assigned to an order: 409, and nothing changes.
    await t.database.db.insert(assignments).values({
      ticketId: '00000000-0000-4000-8000-000000000001',
      crewId,
      mode: 'manual',
    });
    const refused = await t.request('POST', `/crews/${crewId}/status`, {
      token: login.accessToken,
      body: { status: 'off_duty' },
    });
    expect(refused.status).toBe(409);
    expect(refused.body.message).toMatch(/assigned/);
    expect((await t.request<Crew>('GET', `/crews/${crewId}`, { token: login.accessToken })).body.status).toBe(
      'available',
    );
  });
});
