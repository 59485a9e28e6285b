import { createHmac, randomUUID } from 'node:crypto';
import { type Action, ROLES, type Role, rolesFor, type Ticket } from '@gd/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customers } from '../db/schema/index.js';
import { DATABASES, startTestApp, type TestApp } from '../test/harness.js';

interface Operation {
  'x-permission'?: Action;
}
type OpenApiDoc = { paths: Record<string, Record<string, Operation>> };

const USERS: Record<Role, string> = {
  agent: 'agent1',
  dispatcher: 'dispatcher1',
  crew: 'crew01',
  qa: 'qa1',
  supervisor: 'supervisor1',
  admin: 'admin',
};
const GUARD_REFUSAL = /needs one of the roles/;
const b64url = (x: string | Buffer) => Buffer.from(x).toString('base64url');

/** A request to a documented path: path parameters filled with an unknown id, a body where one is taken. */
function call(t: TestApp, method: string, path: string, token?: string) {
  const url = path.replace(/^\/api/, '').replace(/\{[^}]+\}/g, randomUUID());
  const body = ['post', 'put', 'patch'].includes(method) ? {} : undefined;
  return t.request(method.toUpperCase(), url, { ...(token ? { token } : {}), body });
}

describe.each(DATABASES)('who may call what, route × role, on %s', (kind) => {
  let t: TestApp;
  let doc: OpenApiDoc;
  const tokens = {} as Record<Role, string>;
  beforeAll(async () => {
    t = await startTestApp(kind, { customers: 20 });
    doc = (await t.request<OpenApiDoc>('GET', '/docs-json')).body;
    for (const role of ROLES) tokens[role] = await t.token(USERS[role]);
  });
  afterAll(() => t?.close());

  const operations = () =>
    Object.entries(doc.paths)
      .filter(([path]) => path.startsWith('/api/'))
      .flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({ path, method, op })));

  it('answers every guarded route as the permission table says, for every role', async () => {
    let cells = 0;
    const wrong: string[] = [];
    for (const { path, method, op } of operations()) {
      const action = op['x-permission'];
      if (!action) continue;
      const allowed = rolesFor(action);
      for (const role of ROLES) {
        const res = await call(t, method, path, tokens[role]);
        cells++;
        const refusedByRole = res.status === 403 && GUARD_REFUSAL.test(JSON.stringify(res.body));
        const ok = allowed.includes(role) ? res.status !== 401 && !refusedByRole : refusedByRole;
        if (!ok) wrong.push(`${method.toUpperCase()} ${path} as ${role} (${action}): ${res.status}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(cells).toBeGreaterThan(300);
  });

  it('has a rule for every route: one without an action answers without a token (it is public)', async () => {
    const unruled: string[] = [];
    for (const { path, method, op } of operations()) {
      if (op['x-permission']) continue;
      const res = await call(t, method, path);
      if (res.status === 401) unruled.push(`${method.toUpperCase()} ${path}`);
    }
    expect(unruled).toEqual([]);
  });

  it('refuses no token, a tampered, unsigned, expired or foreign token, and a disabled account’s', async () => {
    const me = (token?: string) => t.request('GET', '/auth/me', token ? { token } : {});
    expect((await me(tokens.qa)).status).toBe(200);
    expect((await me()).status).toBe(401);
    const [head, payload, signature] = tokens.qa.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const forged = b64url(JSON.stringify({ ...claims, role: 'admin' }));
    expect((await me(`${head}.${forged}.${signature}`)).status).toBe(401);
    const none = b64url(JSON.stringify({ alg: 'none', typ: 'JWT' }));
    expect((await me(`${none}.${forged}.`)).status).toBe(401);
    const sign = (body: object, secret: string) => {
      const h = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
      const p = b64url(JSON.stringify(body));
      return `${h}.${p}.${createHmac('sha256', secret).update(`${h}.${p}`).digest('base64url')}`;
    };
    const past = Math.floor(Date.now() / 1000) - 60;
    expect((await me(sign({ ...claims, iat: past - 3600, exp: past }, t.config.JWT_SECRET))).status).toBe(
      401,
    );
    expect((await me(sign(claims, 'not-the-secret'))).status).toBe(401);
    // A valid signature for an account an admin then disables.
    const qa = (await t.request<{ id: string }[]>('GET', '/staff', { token: tokens.admin })).body.find(
      (s) => (s as { username?: string }).username === 'qa1',
    )!;
    const off = await t.request('PATCH', `/staff/${qa.id}`, {
      token: tokens.admin,
      body: { disabled: true },
    });
    expect(off.status).toBe(200);
    expect((await me(tokens.qa)).status).toBe(401);
    await t.request('PATCH', `/staff/${qa.id}`, { token: tokens.admin, body: { disabled: false } });
  });

  it('lets a crew read the orders it is or was sent to, and no other', async () => {
    const customer = await t.database.db.select().from(customers).limit(2);
    const make = async (i: number) =>
      (
        await t.request<Ticket>('POST', '/tickets', {
          token: tokens.agent,
          body: { type: 'fault_repair', customerId: customer[i]!.id, description: '停电' },
        })
      ).body;
    const mine = await make(0);
    const other = await make(1);
    const crew = await t.login('crew01');
    const sent = await t.request<Ticket>('POST', `/tickets/${mine.id}/dispatch`, {
      token: tokens.dispatcher,
      body: { crewId: crew.user.crewId },
    });
    expect(sent.status).toBe(200);
    const read = (id: string) => t.request<Ticket>('GET', `/tickets/${id}`, { token: crew.accessToken });
    expect((await read(mine.id)).status).toBe(200);
    expect((await read(mine.number)).status).toBe(200);
    expect((await t.request('GET', `/tickets/${mine.id}/timeline`, { token: crew.accessToken })).status).toBe(
      200,
    );
    expect((await read(other.id)).status).toBe(403);
    expect((await read(other.number)).status).toBe(403);
    expect(
      (await t.request('GET', `/tickets/${other.id}/timeline`, { token: crew.accessToken })).status,
    ).toBe(403);
    // Taken off the order, the crew still reads the order it was sent to (its history), not the others.
    const undone = await t.request('POST', `/tickets/${mine.id}/transition`, {
      token: tokens.dispatcher,
      body: { to: 'accepted', note: '改派' },
    });
    expect(undone.status).toBe(200);
    expect((await read(mine.id)).status).toBe(200);
  });
});
