import { monitorEventLoopDelay } from 'node:perf_hooks';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, crews, staff } from '../db/schema/index.js';
import { DATABASES, startTestApp, type TestApp } from '../test/harness.js';
import { findUnsafeInput, INPUT_LIMITS } from './input-guard.js';

describe('findUnsafeInput', () => {
  it('accepts ordinary input and names the first problem otherwise', () => {
    expect(findUnsafeInput({ a: [1, 'x', { b: null }], 名字: '王芳' }, 'body')).toBeNull();
    expect(findUnsafeInput({ a: 'x\u0000y' }, 'body')).toMatch(/body\.a contains a NUL/);
    expect(findUnsafeInput({ 'k\u0000': 1 }, 'body')).toMatch(/key of body contains a NUL/);
    expect(findUnsafeInput(['\ud800'], 'query')).toMatch(/query\[0\] contains a lone UTF-16 surrogate/);
    expect(findUnsafeInput('😀', 'body')).toBeNull();
    let deep: unknown = 1;
    for (let i = 0; i < INPUT_LIMITS.depth; i++) deep = [deep];
    expect(findUnsafeInput(deep, 'body')).toBeNull();
    expect(findUnsafeInput([deep], 'body')).toMatch(/nested deeper than 32/);
    expect(findUnsafeInput(new Array(10_001).fill(0), 'body')).toMatch(/more than 10000 elements/);
    const wide = Object.fromEntries(Array.from({ length: 257 }, (_, i) => [`k${i}`, i]));
    expect(findUnsafeInput(wide, 'body')).toMatch(/more than 256 keys/);
    const many = Array.from({ length: 500 }, () =>
      Object.fromEntries(Array.from({ length: 250 }, (_, i) => [`k${i}`, i])),
    );
    expect(findUnsafeInput(many, 'body')).toMatch(/more than 100000 values/);
  });
});

describe.each(DATABASES)('bad input is a 400 that changes nothing, on %s', (kind) => {
  let t: TestApp;
  let agent: string;
  let admin: string;
  beforeAll(async () => {
    t = await startTestApp(kind, { customers: 20 });
    agent = await t.token('agent1');
    admin = await t.token('admin');
  });
  afterAll(() => t?.close());

  it('refuses a NUL character or a lone surrogate in a body, a query or a path parameter', async () => {
    const login = await t.request('POST', '/auth/login', { body: { username: 'x\u0000y', password: 'p' } });
    expect(login).toMatchObject({ status: 400, body: { error: 'Bad Request' } });
    expect(login.body.message).toMatch(/body\.username contains a NUL/);
    const query = await t.request('GET', '/tickets?district=%00', { token: agent });
    expect(query.status).toBe(400);
    expect(query.body.message).toMatch(/query\.district/);
    expect((await t.request('GET', '/customers/ab%00cd', { token: agent })).status).toBe(400);
    const surrogate = await t.request('POST', '/customers', {
      token: agent,
      body: '{"name":"\\ud800","phone":"13812345678","address":"x","location":{"lat":28.19,"lng":112.98}}',
    });
    expect(surrogate.status).toBe(400);
    expect(surrogate.body.message).toMatch(/surrogate/);
  });

  it('refuses deep and huge bodies before validation, cheaply', async () => {
    const deep = `${'{"a":'.repeat(2500)}1${'}'.repeat(2500)}`;
    const res = await t.request('POST', '/auth/login', { body: deep });
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/nested deeper/);
    const keys = Array.from({ length: 90_000 }, (_, i) => `"k${i}":0`).join(',');
    const huge = `{"username":"agent1","password":"x",${keys}}`;
    expect(huge.length).toBeGreaterThan(900_000);
    const delay = monitorEventLoopDelay({ resolution: 1 });
    delay.enable();
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const big = await t.request('POST', '/auth/login', { body: huge });
    const ms = performance.now() - t0;
    const cpuMs = (({ user, system }) => (user + system) / 1000)(process.cpuUsage(cpu0));
    delay.disable();
    if (process.env.GUARD_FIGURES)
      console.log(
        `${kind} 90k keys: ${ms.toFixed(0)} ms, ${cpuMs.toFixed(0)} ms CPU, loop max ${(delay.max / 1e6).toFixed(0)} ms`,
      );
    expect(big.status).toBe(400);
    expect(big.body.message).toMatch(/more than 256 keys/);
    // The server runs in this process. CPU time rather than wall time, which a loaded host stretches: before the
    // guard this body cost ~8 s of CPU here (validation of 90,000 keys), now the parse and a bounded walk.
    expect(cpuMs).toBeLessThan(1500);
  });

  it('refuses a body that is not an object, and an empty change to a call', async () => {
    const pop = await t.request('POST', '/calls', {
      token: agent,
      body: { phone: '13812345678', channel: 'phone' },
    });
    expect(pop.status).toBe(201);
    for (const body of ['null', '{}', '3', '"x"']) {
      const res = await t.request('PATCH', `/calls/${pop.body.id}`, { token: agent, body });
      expect(res.status, body).toBe(400);
    }
    const trail = await t.database.db.select().from(auditLog).where(eq(auditLog.entityId, pop.body.id));
    expect(trail.map((a) => a.action)).not.toContain('call.update');
  });

  it('refuses null for a required field of a staff member or a crew, and a customer without a place', async () => {
    const [member] = await t.database.db.select().from(staff).where(eq(staff.username, 'agent3'));
    for (const field of ['displayName', 'username', 'role', 'password']) {
      const res = await t.request('PATCH', `/staff/${member!.id}`, { token: admin, body: { [field]: null } });
      expect(res.status, field).toBe(400);
    }
    // null still clears what may be cleared
    expect(
      (await t.request('PATCH', `/staff/${member!.id}`, { token: admin, body: { team: null } })).status,
    ).toBe(200);
    const [after] = await t.database.db.select().from(staff).where(eq(staff.id, member!.id));
    expect(after).toMatchObject({ displayName: member!.displayName, role: member!.role });

    const [crew] = await t.database.db.select().from(crews).limit(1);
    for (const body of [{ depot: null }, { name: null }, { skills: null }]) {
      const res = await t.request('PATCH', `/crews/${crew!.id}`, { token: admin, body });
      expect(res.status, JSON.stringify(body)).toBe(400);
    }
    expect(
      (await t.request('PATCH', `/crews/${crew!.id}`, { token: admin, body: { shift: null } })).status,
    ).toBe(200);

    const res = await t.request('POST', '/customers', {
      token: agent,
      body: { name: '王小明', phone: '13812345670', address: '芙蓉区五一大道1号' },
    });
    expect(res.status).toBe(400);
    expect(res.body.message).toEqual(expect.arrayContaining([expect.stringMatching(/^location/)]));
  });
});
