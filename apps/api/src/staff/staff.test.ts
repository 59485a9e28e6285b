import type { User } from '@gd/domain';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../db/schema/index.js';
import { DATABASES, startTestApp, type TestApp } from '../test/harness.js';

describe.each(DATABASES)('staff self-protection on %s', (kind) => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await startTestApp(kind);
    admin = await t.token('admin');
  });
  afterAll(() => t?.close());

  it('refuses an admin disabling their own account or changing their own role, and changes nothing', async () => {
    const me = (await t.request<User>('GET', '/auth/me', { token: admin })).body;
    for (const body of [{ disabled: true }, { role: 'agent' }]) {
      const res = await t.request<{ message: string }>('PATCH', `/staff/${me.id}`, { token: admin, body });
      expect(res.status).toBe(409);
      expect(res.body.message).toBe('you cannot disable yourself or change your own role');
    }
    const still = (await t.request<User[]>('GET', '/staff', { token: admin })).body.find(
      (u) => u.id === me.id,
    )!;
    expect(still).toMatchObject({ role: 'admin', disabled: false });
    expect((await t.request('GET', '/auth/me', { token: admin })).status).toBe(200);
    const audits = await t.database.db.select().from(auditLog).where(eq(auditLog.entityId, me.id));
    expect(audits.filter((a) => a.action === 'staff.disable' || a.action === 'staff.update')).toEqual([]);
    // Another admin's account can be disabled (the guard is about oneself).
    const other = await t.request<User>('POST', '/staff', {
      token: admin,
      body: {
        username: `admin${Date.now() % 100000}`,
        displayName: '备用管理员',
        role: 'admin',
        password: 'long-enough-1',
      },
    });
    expect(other.status).toBe(201);
    expect(
      (await t.request('PATCH', `/staff/${other.body.id}`, { token: admin, body: { disabled: true } }))
        .status,
    ).toBe(200);
  });
});
