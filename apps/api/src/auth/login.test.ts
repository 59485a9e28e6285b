import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, staff } from '../db/schema/index.js';
import { DATABASES, PASSWORD, startTestApp, type TestApp } from '../test/harness.js';

describe.each(DATABASES)('login under attack on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind, {
      customers: 10,
      env: { LOGIN_MAX_FAILURES: '5', LOGIN_RATE_LIMIT: '1000' },
    });
  });
  afterAll(() => t?.close());

  const attempt = (username: string, password: string, headers?: Record<string, string>) =>
    fetch(`${t.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ username, password }),
    });

  it('checks at most LOGIN_MAX_FAILURES of 30 parallel guesses, then refuses the right password too', async () => {
    const guesses = await Promise.all(Array.from({ length: 30 }, (_, i) => attempt('qa1', `guess-${i}`)));
    expect(guesses.map((r) => r.status)).toEqual(Array(30).fill(401));
    const [row] = await t.database.db.select().from(staff).where(eq(staff.username, 'qa1'));
    // Every check against the real hash is claimed (counted) first: 5 claims, so 5 checks, not 30.
    expect(row!.failedLogins).toBe(5);
    expect(row!.lockedUntil!.getTime()).toBeGreaterThan(Date.now());
    expect((await attempt('qa1', PASSWORD)).status).toBe(401);
    const locks = await t.database.db.select().from(auditLog).where(eq(auditLog.entityId, row!.id));
    expect(locks.map((a) => a.action)).toEqual(['staff.locked']);
  });

  it('answers a locked account exactly like an unknown user and a wrong password', async () => {
    const read = async (r: Response) => ({ status: r.status, body: await r.text() });
    const locked = await read(await attempt('qa1', PASSWORD));
    const unknown = await read(await attempt('nobody-here', PASSWORD));
    const wrong = await read(await attempt('agent3', 'not-the-password'));
    expect(locked.status).toBe(401);
    expect(unknown).toEqual(locked);
    expect(wrong).toEqual(locked);
  });

  it('never locks an account for sign-ins with the right password that were merely in flight together', async () => {
    const tries = await Promise.all(Array.from({ length: 12 }, () => attempt('supervisor1', PASSWORD)));
    // At most LOGIN_MAX_FAILURES checks run at once; the others are refused, but none of them is a failure.
    expect(tries.filter((r) => r.status === 200).length).toBeGreaterThanOrEqual(1);
    const [row] = await t.database.db.select().from(staff).where(eq(staff.username, 'supervisor1'));
    expect(row!.lockedUntil).toBeNull();
    expect((await attempt('supervisor1', PASSWORD)).status).toBe(200);
  });

  it('a success resets the count', async () => {
    await attempt('agent2', 'wrong');
    expect((await attempt('agent2', PASSWORD)).status).toBe(200);
    const [row] = await t.database.db.select().from(staff).where(eq(staff.username, 'agent2'));
    expect(row).toMatchObject({ failedLogins: 0, lockedUntil: null });
  });
});

describe('login throttle per client', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp('pglite', { customers: 10, env: { LOGIN_RATE_LIMIT: '4' } });
  });
  afterAll(() => t?.close());

  it('answers 429 with Retry-After once a client exceeds LOGIN_RATE_LIMIT a minute, before any hashing', async () => {
    const send = () =>
      fetch(`${t.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'ghost', password: 'x' }),
      });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await send()).status);
    expect(statuses).toEqual([401, 401, 401, 401]);
    const t0 = performance.now();
    const refused = await send();
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await refused.json()) as { message: string }).message).toMatch(/登录尝试过于频繁/);
    // No scrypt behind a 429 (a hash takes ~100 ms or more here).
    expect(performance.now() - t0).toBeLessThan(80);
  });
});
