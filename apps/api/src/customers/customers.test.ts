import {
  areaAround,
  type Call,
  type Customer,
  type CustomerWithOrders,
  type Page,
  polygonContains,
  type ScreenPop,
} from '@gd/domain';
import { eq } from 'drizzle-orm';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normalizePhone } from '../common/phone.js';
import { auditLog, calls, customers } from '../db/schema/index.js';
import { DATABASES, startTestApp, type TestApp } from '../test/harness.js';
import { createOrder, urbanCustomers } from '../tickets/work-orders.fixtures.js';

describe('phone numbers', () => {
  it.each([
    ['13812345678', '+8613812345678'],
    ['138 1234 5678', '+8613812345678'],
    ['+86 138-1234-5678', '+8613812345678'],
    ['0731-8888 8888', '+8673188888888'],
    ['(0731)84561234', '+8673184561234'],
    ['010-12345678', '+861012345678'],
  ])('normalises %s to %s', (input, e164) => {
    expect(normalizePhone(input)).toBe(e164);
  });
  it.each(['12345', '1381234567', 'abc', '', '0731-12'])('refuses %s', (input) => {
    expect(normalizePhone(input)).toBeNull();
  });
  it('answers the same when a number is read again (the validator and the service read it once each)', () => {
    for (const input of ['138 1234 5678', '12345', '0731-8888 8888', '12345']) {
      expect(normalizePhone(input)).toBe(normalizePhone(input));
    }
    expect(normalizePhone('12345')).toBeNull();
    expect(normalizePhone('138 1234 5678')).toBe('+8613812345678');
  });
  it('reads mainland mobiles as libphonenumber does, on every prefix 100–199 (the fast path skips it)', () => {
    for (let prefix = 100; prefix <= 199; prefix++) {
      for (const rest of ['00000000', '12345678', '99999999', '40721596']) {
        for (const input of [`${prefix}${rest}`, `+86${prefix}${rest}`, `86${prefix}${rest}`]) {
          const parsed = parsePhoneNumberFromString(input, 'CN');
          expect(normalizePhone(input), input).toBe(parsed?.isValid() ? parsed.number : null);
        }
      }
    }
  });
});

describe.each(DATABASES)('customers and calls on %s', (kind) => {
  let t: TestApp;
  let agent: string;
  let agent2: string;
  let supervisor: string;
  let cust: Awaited<ReturnType<typeof urbanCustomers>>;

  beforeAll(async () => {
    t = await startTestApp(kind);
    agent = await t.token('agent1');
    agent2 = await t.token('agent2');
    supervisor = await t.token('supervisor1');
    cust = await urbanCustomers(t, 3);
  });
  afterAll(() => t?.close());

  const search = (q: string, token = agent) =>
    t.request<Page<Customer>>('GET', `/customers?q=${encodeURIComponent(q)}`, { token });

  it('finds customers by phone in any format, account number, Chinese name and address', async () => {
    const c = cust[0]!;
    const local = c.phone.replace('+86', '');
    for (const q of [c.phone, local, `${local.slice(0, 3)} ${local.slice(3, 7)} ${local.slice(7)}`]) {
      const r = await search(q);
      expect(r.status).toBe(200);
      expect(r.body.items.map((i) => i.id)).toContain(c.id);
    }
    const byAccount = await search(c.accountNo);
    expect(byAccount.body.items[0]!.id).toBe(c.id);
    const byName = await search(c.name);
    expect(byName.body.items.map((i) => i.id)).toContain(c.id);
    // A fragment of the address (road and number) finds it too.
    const fragment = c.address.match(/[\u4e00-\u9fa5]+路\d+号/)?.[0] ?? c.address.slice(6, 14);
    const byAddress = await search(fragment);
    expect(byAddress.body.items.map((i) => i.id)).toContain(c.id);
    expect(byAddress.body.total).toBeGreaterThanOrEqual(byAddress.body.items.length);
    const district = await search('芙蓉区');
    expect(district.body.total).toBeGreaterThan(0);
    expect(district.body.items.every((i) => i.address.includes('芙蓉区'))).toBe(true);
    const none = await search('不存在的名字某某某');
    expect(none.body).toEqual({ items: [], total: 0 });
    // Wildcards are literal.
    expect((await search('%')).body.total).toBe(0);
    expect((await search('')).status).toBe(400);
    expect((await t.request('GET', '/customers?q=x', { token: await t.token('crew01') })).status).toBe(403);
  });

  it('registers a new caller: phone normalised, zone resolved, audited; bad phone 400, outside 422', async () => {
    const body = {
      name: '<b>王小明</b>',
      phone: '0731-8456 1234',
      address: "芙蓉区五一大道1号'; DROP TABLE customers; --",
      location: { lat: 28.195, lng: 112.985 },
    };
    const res = await t.request<Customer>('POST', '/customers', { token: agent, body });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      name: '<b>王小明</b>',
      phone: '+8673184561234',
      address: body.address,
      zoneClass: 'urban',
      district: '芙蓉区',
    });
    expect(res.body.accountNo).toMatch(/^\d{11}$/);
    const audit = await t.database.db.select().from(auditLog).where(eq(auditLog.entityId, res.body.id));
    expect(audit.map((a) => a.action)).toEqual(['customer.create']);
    expect((await search('0731-84561234')).body.items.map((i) => i.id)).toContain(res.body.id);

    const badPhone = await t.request('POST', '/customers', {
      token: agent,
      body: { ...body, phone: '12345' },
    });
    expect(badPhone.status).toBe(400);
    expect(badPhone.body.message).toEqual([expect.stringMatching(/^phone must be a valid phone number/)]);
    const outside = await t.request('POST', '/customers', {
      token: agent,
      body: { ...body, location: { lat: 31.23, lng: 121.47 } },
    });
    expect(outside.status).toBe(422);
    const before = await t.database.db.$count(customers);
    const long = await t.request('POST', '/customers', {
      token: agent,
      body: { ...body, name: '名'.repeat(65) },
    });
    expect(long.status).toBe(400);
    expect(await t.database.db.$count(customers)).toBe(before);
    const dupAccount = await t.request('POST', '/customers', {
      token: agent,
      body: { ...body, accountNo: cust[1]!.accountNo },
    });
    expect(dupAccount.status).toBe(409);
  });

  it('lets an agent correct a customer’s phone and address (audited); bad input changes nothing', async () => {
    const created = await t.request<Customer>('POST', '/customers', {
      token: agent,
      body: {
        name: '赵六',
        phone: '13911112222',
        address: '芙蓉区五一大道9号',
        location: { lat: 28.195, lng: 112.985 },
      },
    });
    const id = created.body.id;
    const patch = (body: unknown, token = agent) =>
      t.request<Customer>('PATCH', `/customers/${id}`, { token, body });

    const fixed = await patch({
      phone: '139 1111 3333',
      address: '岳麓区麓山南路2号',
      location: { lat: 28.18, lng: 112.94 },
    });
    expect(fixed.status).toBe(200);
    expect(fixed.body).toMatchObject({
      phone: '+8613911113333',
      address: '岳麓区麓山南路2号',
      district: '岳麓区',
    });
    expect((await search('13911113333')).body.items.map((i) => i.id)).toContain(id);
    const audit = await t.database.db.select().from(auditLog).where(eq(auditLog.entityId, id));
    const update = audit.find((a) => a.action === 'customer.update')!;
    expect(update.actorId).toBe(
      (await t.request<{ id: string }>('GET', '/auth/me', { token: agent })).body.id,
    );
    expect(update.before).toMatchObject({ phone: '+8613911112222', address: '芙蓉区五一大道9号' });
    expect(update.after).toMatchObject({ phone: '+8613911113333' });

    for (const bad of [
      {},
      { phone: '123' },
      { address: '' },
      { address: 'x'.repeat(201) },
      { name: '改名' },
    ]) {
      expect((await patch(bad)).status).toBe(400);
    }
    expect((await patch({ location: { lat: 39.9, lng: 116.4 } })).status).toBe(422); // Beijing: outside
    expect(
      (
        await t.request('PATCH', '/customers/00000000-0000-4000-8000-000000000000', {
          token: agent,
          body: { address: '某地' },
        })
      ).status,
    ).toBe(404);
    const crew = await t.token('crew01');
    expect((await patch({ address: '某地' }, crew)).status).toBe(403);
    const still = await t.request<Customer>('GET', `/customers/${id}`, { token: agent });
    expect(still.body).toMatchObject({
      phone: '+8613911113333',
      address: '岳麓区麓山南路2号',
      district: '岳麓区',
    });
    const audits = await t.database.db.select().from(auditLog).where(eq(auditLog.entityId, id));
    expect(audits.filter((a) => a.action === 'customer.update')).toHaveLength(1);
  });

  it('counts the customers inside an area for a dispatcher; a bad area is a 400', async () => {
    const dispatcher = await t.token('dispatcher1');
    const c = cust[0]!;
    const around = areaAround({ lat: c.lat, lng: c.lng }, 0.3);
    const res = await t.request<{ customers: number }>('POST', '/customers/in-area', {
      token: dispatcher,
      body: { area: around },
    });
    expect(res.status).toBe(200);
    // Counted the long way: every customer of the territory read through the search would be too slow; the
    // database's own rows are the reference.
    const all = await t.database.db.select({ lat: customers.lat, lng: customers.lng }).from(customers);
    const inside = all.filter((p) => polygonContains(around, p)).length;
    expect(inside).toBeGreaterThan(0);
    expect(res.body.customers).toBe(inside);
    const nowhere = await t.request<{ customers: number }>('POST', '/customers/in-area', {
      token: dispatcher,
      body: { area: areaAround({ lat: 10, lng: 10 }, 1) },
    });
    expect(nowhere.body.customers).toBe(0);
    const open = {
      type: 'Polygon',
      coordinates: [
        [
          [112, 28],
          [113, 28],
          [113, 29],
        ],
      ],
    };
    expect(
      (await t.request('POST', '/customers/in-area', { token: dispatcher, body: { area: open } })).status,
    ).toBe(400);
    expect(
      (await t.request('POST', '/customers/in-area', { token: agent, body: { area: around } })).status,
    ).toBe(403);
  });

  it('shows a customer with recent orders', async () => {
    const c = cust[1]!;
    const o = await createOrder(t, agent, { type: 'fault_repair', customerId: c.id, description: '停电' });
    const res = await t.request<CustomerWithOrders>('GET', `/customers/${c.id}`, { token: agent });
    expect(res.status).toBe(200);
    expect(res.body.recentOrders.map((r) => r.id)).toEqual([o.id]);
    expect(res.body.recentOrders[0]!.sla.arrival?.state).toBe('running');
    expect(
      (await t.request('GET', '/customers/00000000-0000-4000-8000-000000000000', { token: agent })).status,
    ).toBe(404);
  });

  it('puts the customer, the crew on each open order with its ETA, and the restoration estimate in the screen pop', async () => {
    const c = cust[0]!;
    const o = await createOrder(t, agent, {
      type: 'fault_repair',
      customerId: c.id,
      description: '整栋停电',
    });
    const before = await t.request<ScreenPop>('POST', '/calls', {
      token: agent,
      body: { phone: c.phone, channel: 'phone' },
    });
    expect(before.body.customer).toMatchObject({ id: c.id, name: c.name, address: c.address });
    const waiting = before.body.openTickets.find((x) => x.id === o.id)!;
    expect(waiting.crew).toBeNull();
    // No outage over it: the estimate is the restoration clock's due time.
    expect(waiting.estimatedRestoreAt).toBe(waiting.sla.restoration!.dueAt);

    const dispatcher = await t.token('dispatcher1');
    const sent = await t.request<{ crewId: string; dispatchedAt: string }>(
      'POST',
      `/tickets/${o.id}/dispatch`,
      {
        token: dispatcher,
        body: {},
      },
    );
    expect(sent.status).toBe(200);
    const crew = await t.request<{ name: string }>('GET', `/crews/${sent.body.crewId}`, {
      token: dispatcher,
    });
    const after = await t.request<ScreenPop>('POST', '/calls', {
      token: agent,
      body: { phone: c.phone, channel: 'phone' },
    });
    const staffed = after.body.openTickets.find((x) => x.id === o.id)!;
    expect(staffed.crew).toMatchObject({ id: sent.body.crewId, name: crew.body.name, arrivedAt: null });
    expect(Date.parse(staffed.crew!.etaAt!)).toBeGreaterThan(Date.parse(sent.body.dispatchedAt) - 1000);
  });

  it('logs calls with a screen pop; only the agent or a supervisor updates a call', async () => {
    const c = cust[2]!;
    const open = await createOrder(t, agent, { type: 'complaint', customerId: c.id, description: '投诉' });
    const pop = await t.request<ScreenPop>('POST', '/calls', {
      token: agent,
      body: { phone: c.phone.replace('+86', ''), channel: 'phone', notes: '客户来电' },
    });
    expect(pop.status).toBe(201);
    expect(pop.body).toMatchObject({ customerId: c.id, phone: c.phone, outcome: null, endedAt: null });
    expect(pop.body.openTickets.map((x) => x.id)).toEqual([open.id]);
    expect(pop.body.openTickets[0]).toMatchObject({ customerId: c.id, status: 'accepted' });
    expect(pop.body.openTickets[0]!.createdAt).toBe(open.createdAt);
    expect(pop.body.knownOutages).toEqual([]);
    const logged = await t.database.db.select().from(auditLog).where(eq(auditLog.entityId, pop.body.id));
    expect(logged).toMatchObject([
      { action: 'call.create', actorId: expect.any(String), after: { channel: 'phone', customerId: c.id } },
    ]);
    const [stored] = await t.database.db.select().from(calls).where(eq(calls.id, pop.body.id));
    expect(stored).toMatchObject({ customerId: c.id, phone: c.phone, notes: '客户来电' });
    expect(stored!.startedAt.toISOString()).toBe(pop.body.startedAt);

    const stranger = await t.request<ScreenPop>('POST', '/calls', {
      token: agent,
      body: { phone: '0731-2222 3333', channel: 'wechat' },
    });
    expect(stranger.body).toMatchObject({ customerId: null, openTickets: [], knownOutages: [] });

    expect(
      (await t.request('POST', '/calls', { token: agent, body: { phone: '123', channel: 'phone' } })).status,
    ).toBe(400);
    const badChannel = await t.request('POST', '/calls', {
      token: agent,
      body: { phone: c.phone, channel: 'fax' },
    });
    expect(badChannel.status).toBe(400);

    const other = await t.request('PATCH', `/calls/${pop.body.id}`, { token: agent2, body: { ended: true } });
    expect(other.status).toBe(403);
    const ended = await t.request<Call>('PATCH', `/calls/${pop.body.id}`, {
      token: agent,
      body: { outcome: 'answered', ticketId: open.id, ended: true },
    });
    expect(ended.status).toBe(200);
    expect(ended.body).toMatchObject({ outcome: 'answered', ticketId: open.id });
    expect(ended.body.endedAt).not.toBeNull();
    const bySupervisor = await t.request<Call>('PATCH', `/calls/${pop.body.id}`, {
      token: supervisor,
      body: { notes: '<i>复核</i>' },
    });
    expect(bySupervisor.body.notes).toBe('<i>复核</i>');
    expect(bySupervisor.body.endedAt).toBe(ended.body.endedAt);
    expect(
      (await t.request('PATCH', `/calls/${pop.body.id}`, { token: agent, body: { outcome: 'hung_up' } }))
        .status,
    ).toBe(400);
    expect(
      (
        await t.request('PATCH', '/calls/00000000-0000-4000-8000-000000000000', {
          token: agent,
          body: { notes: 'x' },
        })
      ).status,
    ).toBe(404);
    // The new order from a call links it.
    const fromCall = await createOrder(t, agent, {
      type: 'inquiry',
      description: '咨询',
      callId: stranger.body.id,
    });
    const linked = await t.request<Call>('GET', `/calls/${stranger.body.id}`, { token: agent });
    expect(linked.body).toMatchObject({ ticketId: fromCall.id, outcome: 'new_ticket' });
  });

  it('lists my notifications, newest first, and marks one read', async () => {
    const o = await createOrder(t, agent, { type: 'inquiry', description: '通知测试' });
    await t.request('POST', `/tickets/${o.id}/urge`, { token: agent2, body: { note: '第一次' } });
    await t.request('POST', `/tickets/${o.id}/urge`, { token: agent2, body: { note: '第二次' } });
    const list = await t.request<{ id: string; message: string; readAt: string | null }[]>(
      'GET',
      '/notifications',
      {
        token: agent,
      },
    );
    expect(list.status).toBe(200);
    expect(list.body[0]!.message).toMatch(/第二次/);
    expect(list.body[1]!.message).toMatch(/第一次/);
    const read = await t.request('POST', `/notifications/${list.body[0]!.id}/read`, { token: agent });
    expect(read.status).toBe(200);
    expect(read.body.readAt).not.toBeNull();
    const unread = await t.request<{ id: string }[]>('GET', '/notifications?unread=true', { token: agent });
    expect(unread.body.map((n) => n.id)).not.toContain(list.body[0]!.id);
    expect(
      (await t.request('POST', `/notifications/${list.body[1]!.id}/read`, { token: agent2 })).status,
    ).toBe(404);
  });
});
