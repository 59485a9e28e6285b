import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASES, nextEvent, startTestApp, type TestApp } from '../test/harness.js';

describe.each(DATABASES)('auth, roles and staff on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind, { env: { LOGIN_MAX_FAILURES: '3' } });
  });
  afterAll(() => t?.close());

  it('logs every demo role in and answers /auth/me', async () => {
    for (const username of ['agent1', 'agent2', 'dispatcher1', 'qa1', 'supervisor1', 'admin', 'crew01']) {
      const { accessToken, user } = await t.login(username);
      expect(user.username).toBe(username);
      const me = await t.request('GET', '/auth/me', { token: accessToken });
      expect(me.status).toBe(200);
      expect(me.body).toMatchObject({ id: user.id, username, role: user.role });
    }
    const crew = await t.login('crew01');
    expect(crew.user.role).toBe('crew');
    expect(crew.user.crewId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('refuses bad credentials, missing and forged tokens', async () => {
    expect(
      (await t.request('POST', '/auth/login', { body: { username: 'agent1', password: 'nope' } })).status,
    ).toBe(401);
    expect(
      (await t.request('POST', '/auth/login', { body: { username: 'ghost', password: 'nope' } })).status,
    ).toBe(401);
    expect((await t.request('GET', '/auth/me')).status).toBe(401);
    const forged = (await t.token('agent1')).replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'));
    expect((await t.request('GET', '/auth/me', { token: forged })).status).toBe(401);
  });

  it('never stores or returns passwords in clear', async () => {
    const rows = await t.database.db.query.staff.findMany();
    expect(
      rows.every((r) => r.passwordHash.startsWith('scrypt$') && !r.passwordHash.includes('test-password')),
    ).toBe(true);
    const list = await t.request('GET', '/staff', { token: await t.token('agent1') });
    expect(JSON.stringify(list.body)).not.toMatch(/passwordHash|scrypt/);
  });

  it('locks an account after repeated failures, and the lock is audited', async () => {
    for (let i = 0; i < 3; i++) {
      await t.request('POST', '/auth/login', { body: { username: 'agent2', password: 'wrong' } });
    }
    const locked = await t.request('POST', '/auth/login', {
      body: { username: 'agent2', password: 'test-password-95598' },
    });
    // Locked answers exactly as a wrong password or an unknown user would (login.test.ts compares them).
    expect(locked.status).toBe(401);
    const audit = await t.request('GET', '/audit?action=staff.locked', {
      token: await t.token('supervisor1'),
    });
    expect(audit.body.items).toHaveLength(1);
  });

  it('answers bad input with 400 per field, unknown routes with 404, wrong roles with 403', async () => {
    const malformed = await t.request('POST', '/auth/login', { body: '{"username": "agent1",' });
    expect(malformed).toMatchObject({ status: 400, body: { statusCode: 400, error: 'Bad Request' } });
    const extra = await t.request('POST', '/auth/login', {
      body: { username: 'agent1', password: 1, admin: true },
    });
    expect(extra.status).toBe(400);
    expect(extra.body.message).toEqual(
      expect.arrayContaining(['property admin should not exist', 'password must be a string']),
    );
    expect((await t.request('GET', '/nowhere', { token: await t.token('agent1') })).status).toBe(404);
    const forbidden = await t.request('GET', '/audit', { token: await t.token('agent1') });
    expect(forbidden).toMatchObject({ status: 403, body: { error: 'Forbidden' } });
  });

  it('lets an admin create, edit and disable staff; a disabled account loses its token', async () => {
    const admin = await t.token('admin');
    const created = await t.request('POST', '/staff', {
      token: admin,
      body: { username: 'agent9', displayName: '客服 赵磊', role: 'agent', password: 'long-enough-1' },
    });
    expect(created.status).toBe(201);
    const dup = await t.request('POST', '/staff', {
      token: admin,
      body: { username: 'agent9', displayName: 'x', role: 'agent', password: 'long-enough-1' },
    });
    expect(dup.status).toBe(409);
    const crewWithoutCrew = await t.request('POST', '/staff', {
      token: admin,
      body: { username: 'crew99', displayName: 'x', role: 'crew', password: 'long-enough-1' },
    });
    expect(crewWithoutCrew.status).toBe(422);
    expect(
      (await t.request('POST', '/staff', { token: await t.token('supervisor1'), body: {} })).status,
    ).toBe(403);

    const login = await t.request('POST', '/auth/login', {
      body: { username: 'agent9', password: 'long-enough-1' },
    });
    const token = login.body.accessToken as string;
    expect((await t.request('GET', '/auth/me', { token })).status).toBe(200);
    const disabled = await t.request('PATCH', `/staff/${created.body.id}`, {
      token: admin,
      body: { disabled: true },
    });
    expect(disabled.body.disabled).toBe(true);
    expect((await t.request('GET', '/auth/me', { token })).status).toBe(401);
    expect(
      (await t.request('POST', '/auth/login', { body: { username: 'agent9', password: 'long-enough-1' } }))
        .status,
    ).toBe(401);
    const trail = await t.request('GET', `/audit?entity=staff&entityId=${created.body.id}`, { token: admin });
    expect(trail.body.items.map((e: { action: string }) => e.action)).toEqual([
      'staff.disable',
      'staff.create',
    ]);
  });

  it('authenticates sockets with the same token and puts them in their rooms', async () => {
    await expect(t.socket('not-a-token')).rejects.toThrow(/unauthorized/);
    const crewLogin = await t.login('crew01');
    const crewSocket = await t.socket(crewLogin.accessToken);
    const dispatcherSocket = await t.socket(await t.token('dispatcher1'));
    const realtime = t.app.get((await import('../realtime/realtime.service.js')).RealtimeService);
    const toCrew = nextEvent(crewSocket, 'crew.status');
    realtime.emit(
      'crew.status',
      { id: 'x', crewId: crewLogin.user.crewId!, status: 'available', ticketId: null },
      [`crew:${crewLogin.user.crewId}`],
    );
    await expect(toCrew).resolves.toMatchObject({ crewId: crewLogin.user.crewId });
    const notForDispatcher = nextEvent(dispatcherSocket, 'crew.status', () => true, 300);
    realtime.emit('crew.status', { id: 'y', crewId: 'other', status: 'available', ticketId: null }, [
      'crew:other',
    ]);
    await expect(notForDispatcher).rejects.toThrow(/no crew.status/);
  });
});
