import { rooms } from '@gd/domain';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createScratchDatabase,
  DATABASES,
  nextEvent,
  seededTemplateDatabase,
  startTestApp,
  type TestApp,
} from '../test/harness.js';
import { RealtimeService } from './realtime.service.js';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Resolves with the ms it took `socket` to be disconnected by the server, or rejects after `ms`. */
function closedWithin(socket: Socket, ms: number): Promise<number> {
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    if (socket.disconnected) return resolve(0);
    const timer = setTimeout(() => reject(new Error(`socket still open after ${ms} ms`)), ms);
    socket.once('disconnect', (reason) => {
      clearTimeout(timer);
      if (reason === 'io server disconnect') resolve(performance.now() - t0);
      else reject(new Error(`disconnected for another reason: ${reason}`));
    });
  });
}

async function newAgent(t: TestApp, username: string) {
  const admin = await t.token('admin');
  const password = 'Lantern-harbour-95598';
  const created = await t.request('POST', '/staff', {
    token: admin,
    body: { username, displayName: '测试 坐席', role: 'agent', password },
  });
  expect(created.status).toBe(201);
  const login = await t.request('POST', '/auth/login', { body: { username, password } });
  expect(login.status).toBe(200);
  return { id: created.body.id as string, token: login.body.accessToken as string, admin };
}

describe.each(DATABASES)('sockets follow the account on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind, { customers: 10 });
  });
  afterAll(() => t?.close());

  const changes: [string, Record<string, unknown>][] = [
    ['disabled', { disabled: true }],
    ['given another role', { role: 'qa' }],
    ['given a new password', { password: 'Another-lantern-harbour-2' }],
  ];
  it.each(changes)('an account %s loses its open sockets at once and its token', async (_, patch) => {
    const name = `sock${Object.keys(patch)[0]!.slice(0, 4)}`;
    const { id, token, admin } = await newAgent(t, name);
    const socket = await t.socket(token);
    const closed = closedWithin(socket, 2000);
    expect((await t.request('PATCH', `/staff/${id}`, { token: admin, body: patch })).status).toBe(200);
    expect(await closed).toBeLessThan(2000);
    expect((await t.request('GET', '/auth/me', { token })).status).toBe(401);
    await expect(t.socket(token)).rejects.toThrow(/unauthorized/);
  });

  it('a change that voids nothing (a new display name) keeps the socket', async () => {
    const { id, token, admin } = await newAgent(t, 'sockname');
    const socket = await t.socket(token);
    expect(
      (await t.request('PATCH', `/staff/${id}`, { token: admin, body: { displayName: '新名字' } })).status,
    ).toBe(200);
    await expect(closedWithin(socket, 500)).rejects.toThrow(/still open/);
    expect((await t.request('GET', '/auth/me', { token })).status).toBe(200);
  });
});

describe.runIf(process.env.DATABASE_URL)('sockets across two nodes on one Redis', () => {
  let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;
  let a: TestApp;
  let b: TestApp;
  let other: TestApp;
  beforeAll(async () => {
    scratch = await createScratchDatabase(process.env.DATABASE_URL!, { template: seededTemplateDatabase() });
    const env = { REDIS_URL, REDIS_PREFIX: `gd-test-${scratch.url.split('/').pop()}` };
    a = await startTestApp('postgres', { attach: { url: scratch.url }, seed: true, customers: 10, env });
    b = await startTestApp('postgres', { attach: { url: scratch.url }, env });
    // Another deployment on the same Redis (here the same database, to share its accounts): its own prefix.
    other = await startTestApp('postgres', {
      attach: { url: scratch.url },
      env: { REDIS_URL, REDIS_PREFIX: `${env.REDIS_PREFIX}-other` },
    });
  }, 180_000);
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await other?.close();
    await scratch?.drop();
  });

  it('an account disabled on node A loses its socket on node B within 2 s, and its token on B', async () => {
    const { id, token, admin } = await newAgent(a, 'crossnode');
    expect((await b.request('GET', '/auth/me', { token })).status).toBe(200);
    const onB = await b.socket(token);
    const closed = closedWithin(onB, 2000);
    expect(
      (await a.request('PATCH', `/staff/${id}`, { token: admin, body: { disabled: true } })).status,
    ).toBe(200);
    expect(await closed).toBeLessThan(2000);
    expect((await b.request('GET', '/auth/me', { token })).status).toBe(401);
  });

  it('an event reaches the other node of its deployment, never a deployment with another prefix', async () => {
    const dispatcher = await a.token('dispatcher1');
    const onB = await b.socket(dispatcher);
    const onOther = await other.socket(dispatcher);
    const crewEvent = { id: 'x', crewId: 'prefix-test', status: 'available' as const, ticketId: null };
    const seenOnB = nextEvent(onB, 'crew.status', (e) => e.crewId === 'prefix-test');
    const seenOnOther = nextEvent(onOther, 'crew.status', (e) => e.crewId === 'prefix-test', 1000);
    a.app.get(RealtimeService).emit('crew.status', crewEvent, [rooms.role('dispatcher')]);
    await expect(seenOnB).resolves.toMatchObject({ crewId: 'prefix-test' });
    await expect(seenOnOther).rejects.toThrow(/no crew.status/);
  });
});
