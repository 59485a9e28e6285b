import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calls, customers, tickets, wechatBindings } from '../db/schema/index.js';
import { LogChannel } from '../messages/channels/index.js';
import { MessagesWorker } from '../messages/messages.worker.js';
import { DATABASES, startTestApp, type TestApp } from '../test/harness.js';
import { crewOf, squareAround, userId } from '../tickets/work-orders.fixtures.js';

describe.each(DATABASES)('public pages and Open311 on %s', (kind) => {
  let t: TestApp;
  let worker: MessagesWorker;
  let log: LogChannel;
  let place: { lat: number; lng: number };
  let n = 0;
  /** A fresh mobile that no customer has. */
  const newPhone = () => `+86137${String(Date.now() % 1e5).padStart(5, '0')}${String(n++).padStart(3, '0')}`;

  beforeAll(async () => {
    t = await startTestApp(kind, {
      env: {
        MESSAGES_POLL_MS: '0',
        MESSAGES_QUIET_HOURS: 'off',
        OPEN311_API_KEYS: 'city-12345',
        PUBLIC_CODES_PER_MINUTE: '20',
      },
    });
    worker = t.app.get(MessagesWorker, { strict: false });
    log = worker.channel as LogChannel;
    const [c] = await t.database.db.select().from(customers).where(eq(customers.zoneClass, 'urban')).limit(1);
    place = { lat: c!.lat + 0.002, lng: c!.lng + 0.002 };
  });
  afterAll(() => t?.close());

  const pub = (method: string, path: string, body?: unknown, headers?: Record<string, string>) =>
    t.request(method, `/public${path}`, { body, headers });
  const codeFor = async (phone: string) => {
    expect((await pub('POST', '/codes', { phone })).status).toBe(202);
    await worker.runOnce();
    const m = log.sent.filter((x) => x.to === phone && x.template === 'verification_code').at(-1);
    return m!.variables.code!;
  };
  const report = async (phone: string, extra: Record<string, unknown> = {}) => {
    const code = await codeFor(phone);
    return pub('POST', '/reports', {
      phone,
      code,
      lat: place.lat,
      lng: place.lng,
      description: '我家停电了',
      ...extra,
    });
  };

  it('sends a code only to a mobile, not too often, and takes a report only with it', async () => {
    expect((await pub('POST', '/codes', { phone: '073185551234' })).status).toBe(400);
    expect((await pub('POST', '/codes', { phone: 'abc' })).status).toBe(400);
    const phone = newPhone();
    const code = await codeFor(phone);
    expect(code).toMatch(/^\d{6}$/);
    // Staff reading the message history never see a code.
    const history = await t.request('GET', '/messages?status=sent&limit=500', {
      token: await t.token('supervisor1'),
    });
    const shown = history.body.find(
      (m: { to: string; template: string }) => m.to === phone && m.template === 'verification_code',
    );
    expect(shown.text).toContain('******');
    expect(shown.text).not.toContain(code);
    expect((await pub('POST', '/codes', { phone })).status).toBe(429);

    const before = (await t.database.db.select({ id: tickets.id }).from(tickets)).length;
    const wrong = await pub('POST', '/reports', {
      phone,
      code: code === '000000' ? '111111' : '000000',
      lat: place.lat,
      lng: place.lng,
      description: '停电',
    });
    expect(wrong.status).toBe(400);
    expect(
      (await pub('POST', '/reports', { phone, code, lat: 95, lng: place.lng, description: '停电' })).status,
    ).toBe(400);
    expect((await t.database.db.select({ id: tickets.id }).from(tickets)).length).toBe(before);

    const ok = await pub('POST', '/reports', {
      phone,
      code,
      lat: place.lat,
      lng: place.lng,
      description: '整栋楼停电',
    });
    expect(ok.status).toBe(201);
    expect(ok.body).toEqual({
      number: expect.stringMatching(/^GD\d{14}$/),
      status: 'accepted',
      createdAt: expect.any(String),
    });
    // The code is used up.
    expect(
      (
        await pub('POST', '/reports', {
          phone,
          code,
          lat: place.lat,
          lng: place.lng,
          description: '再报一次',
        })
      ).status,
    ).toBe(400);

    const order = (await t.database.db.select().from(tickets).where(eq(tickets.number, ok.body.number)))[0]!;
    expect(order).toMatchObject({
      type: 'fault_repair',
      firstResponderId: await userId(t, 'agent1'),
      description: '整栋楼停电',
    });
    expect(order.lat).toBeCloseTo(place.lat, 6);
    const [call] = await t.database.db.select().from(calls).where(eq(calls.ticketId, order.id));
    expect(call).toMatchObject({ channel: 'web', phone, outcome: 'new_ticket' });
    await worker.runOnce();
    const accepted = log.sent.filter((m) => m.to === phone && m.template === 'order_accepted');
    expect(accepted.map((m) => m.variables.number)).toEqual([order.number]);
  });

  it('makes a report inside a known outage a child of its master', async () => {
    const dispatcher = await t.token('dispatcher1');
    const master = await report(newPhone());
    const masterRow = (
      await t.database.db.select().from(tickets).where(eq(tickets.number, master.body.number))
    )[0]!;
    const outage = await t.request('POST', '/outages', {
      token: dispatcher,
      body: {
        kind: 'fault',
        area: squareAround(place, 1),
        startsAt: new Date(Date.now() - 60_000).toISOString(),
        description: '线路故障',
        ticketId: masterRow.id,
      },
    });
    expect(outage.status).toBe(201);
    const child = await report(newPhone());
    const row = (await t.database.db.select().from(tickets).where(eq(tickets.number, child.body.number)))[0]!;
    expect(row.parentId).toBe(masterRow.id);
    expect(row.outageId).toBe(outage.body.id);
    const tracked = await pub(
      'GET',
      `/orders/${child.body.number}?phone=${(await phoneOf(row.id)).slice(-4)}`,
    );
    expect(tracked.body.estimatedRestoreAt ?? null).toBeNull(); // none was given
    const list = await pub('GET', '/outages');
    expect(list.status).toBe(200);
    const mine = list.body.find((o: { id: string }) => o.id === outage.body.id);
    expect(Object.keys(mine).sort()).toEqual([
      'area',
      'description',
      'endsAt',
      'estimatedRestoreAt',
      'id',
      'kind',
      'startsAt',
    ]);
    expect(JSON.stringify(list.body)).not.toMatch(/ticketId|createdBy|\+86/);
  });

  const phoneOf = async (ticketId: string) =>
    (await t.database.db.select().from(calls).where(eq(calls.ticketId, ticketId)))[0]!.phone;

  it('shows an order by number and the last four digits: steps, the crew while en route, nothing personal', async () => {
    const phone = newPhone();
    const made = await report(phone, { address: '芙蓉路 1 号 3 栋' });
    const number = made.body.number as string;
    const last4 = phone.slice(-4);
    const wrong = last4 === '0000' ? '1111' : '0000';
    const miss = await pub('GET', `/orders/${number}?phone=${wrong}`);
    expect(miss.status).toBe(404);
    const unknown = await pub('GET', `/orders/GD20000101999999?phone=${last4}`);
    expect(unknown.status).toBe(404);
    expect(unknown.body.message).toBe(miss.body.message);
    expect((await pub('GET', `/orders/${number}?phone=12`)).status).toBe(400);
    expect((await pub('GET', `/orders/${number}`)).status).toBe(400);

    const first = await pub('GET', `/orders/${number}?phone=${last4}`);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      number,
      type: 'fault_repair',
      status: 'accepted',
      statusText: expect.stringContaining('已受理'),
    });
    expect(first.body.steps.map((s: { label: string }) => s.label)).toEqual([
      '受理',
      '已派单',
      '抢修人员在路上',
      '已到达',
      '已恢复送电',
    ]);
    expect(first.body.crew).toBeUndefined();

    const order = (await t.database.db.select().from(tickets).where(eq(tickets.number, number)))[0]!;
    const crewId = await crewOf(t, 'crew05');
    const crewToken = await t.token('crew05');
    const dispatched = await t.request('POST', `/tickets/${order.id}/dispatch`, {
      token: await t.token('dispatcher1'),
      body: { crewId },
    });
    expect(dispatched.status).toBe(200);
    const d = await pub('GET', `/orders/${number}?phone=${last4}`);
    expect(d.body).toMatchObject({
      status: 'dispatched',
      crew: { name: expect.any(String), etaMinutes: expect.any(Number) },
    });
    expect(d.body.crew.position).toBeUndefined();
    for (const to of ['acknowledged', 'en_route'] as const) {
      await t.request('POST', `/tickets/${order.id}/transition`, { token: crewToken, body: { to } });
    }
    const enRoute = await pub('GET', `/orders/${number}?phone=${last4}`);
    expect(enRoute.body.statusText).toMatch(/^抢修人员在路上，预计 \d+ 分钟$/);
    expect(enRoute.body.crew.position).toEqual({ lat: expect.any(Number), lng: expect.any(Number) });
    await t.request('POST', `/tickets/${order.id}/transition`, { token: crewToken, body: { to: 'on_site' } });
    const there = await pub('GET', `/orders/${number}?phone=${last4}`);
    expect(there.body.status).toBe('on_site');
    expect(there.body.crew.position).toBeUndefined();

    const text = JSON.stringify([first.body, d.body, enRoute.body, there.body]);
    expect(text).not.toContain(phone.slice(3));
    expect(text).not.toContain('芙蓉路');
    expect(text).not.toMatch(/customer|address|phone|ownerId|firstResponder/i);
  });

  it('speaks Open311 GeoReport v2: services, a request form-encoded or JSON, its status; errors as a list', async () => {
    const services = await fetch(`${t.url}/open311/v2/services.json`);
    expect(services.status).toBe(200);
    const list = (await services.json()) as { service_code: string }[];
    expect(list.map((s) => s.service_code)).toEqual(['power_outage', 'safety_hazard', 'complaint', 'other']);

    const phone = newPhone();
    const form = new URLSearchParams({
      service_code: 'power_outage',
      lat: String(place.lat),
      long: String(place.lng),
      description: '小区整片停电',
      phone: phone.slice(3),
      first_name: '明',
      last_name: '李',
      address_string: '五一大道 100 号',
    });
    const created = await fetch(`${t.url}/open311/v2/requests.json`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form.toString(),
    });
    expect(created.status).toBe(201);
    const [req] = (await created.json()) as { service_request_id: string; service_notice: string }[];
    expect(req!.service_request_id).toMatch(/^GD\d{14}$/);
    expect(req!.service_notice).toContain(`/track/${req!.service_request_id}`);

    const json = await fetch(`${t.url}/open311/v2/requests.json?api_key=city-12345`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        service_code: 'complaint',
        lat: place.lat,
        long: place.lng,
        description: '抢修太慢',
        phone: newPhone(),
      }),
    });
    expect(json.status).toBe(201);

    const status = await fetch(`${t.url}/open311/v2/requests/${req!.service_request_id}.json`);
    expect(status.status).toBe(200);
    const [s] = (await status.json()) as Record<string, string>[];
    expect(s).toEqual({
      service_request_id: req!.service_request_id,
      status: 'open',
      status_notes: expect.any(String),
      service_code: 'power_outage',
      requested_datetime: expect.any(String),
      updated_datetime: expect.any(String),
    });

    // An order taken by an agent is not a public request: the same 404 as none at all.
    const agentOrder = await t.request('POST', '/tickets', {
      token: await t.token('agent1'),
      body: {
        type: 'inquiry',
        description: '电话咨询',
        customerId: (await t.database.db.select().from(customers).limit(1))[0]!.id,
      },
    });
    const hidden = await fetch(`${t.url}/open311/v2/requests/${agentOrder.body.number}.json`);
    expect(hidden.status).toBe(404);
    expect((await fetch(`${t.url}/open311/v2/requests/nope.json`)).status).toBe(404);

    const bad = await fetch(`${t.url}/open311/v2/requests.json`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        service_code: 'teleport',
        lat: 'x',
        long: place.lng,
        description: '',
        phone: '1',
      }),
    });
    expect(bad.status).toBe(400);
    const errors = (await bad.json()) as { code: number; description: string }[];
    expect(errors.length).toBeGreaterThanOrEqual(3);
    expect(errors.every((e) => e.code === 400 && typeof e.description === 'string')).toBe(true);
  });

  it('binds WeChat through the local stand-in when no WeChat account is configured (demo, tests)', async () => {
    const auth = await pub('GET', '/wechat/authorize-url?number=GD20261205000001');
    expect(auth.status).toBe(200);
    const back = new URL(auth.body.url);
    expect(back.pathname).toBe('/track/GD20261205000001');
    expect(back.searchParams.get('state')).toBe('wechat');
    const phone = newPhone();
    const code = await codeFor(phone);
    const oauthCode = back.searchParams.get('code')!;
    expect((await pub('POST', '/wechat/bindings', { phone, code, oauthCode })).status).toBe(201);
    const [row] = await t.database.db.select().from(wechatBindings).where(eq(wechatBindings.phone, phone));
    expect(row!.openid).toMatch(/^local-[0-9a-f]{24}$/);
  });

  it('throttles each client on the public routes, integrations with a key ten times higher', async () => {
    // The code route allows 20 a minute per client here (the other tests used some of them).
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++) statuses.push((await pub('POST', '/codes', { phone: newPhone() })).status);
    expect(statuses).toContain(429);
    const keyed = await t.request('POST', '/public/codes?api_key=city-12345', {
      body: { phone: newPhone() },
    });
    expect(keyed.status).toBe(202);
  });
});

describe.runIf(DATABASES.includes('postgres'))('public throttle, two nodes on one Postgres', () => {
  let a: TestApp;
  let b: TestApp;
  const env = { MESSAGES_POLL_MS: '0', PUBLIC_RATE_LIMIT_PER_MINUTE: '6' };
  beforeAll(async () => {
    a = await startTestApp('postgres', { env });
    b = await startTestApp('postgres', { env, attach: { url: a.config.DATABASE_URL! }, seed: false });
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  it('counts one client once across both nodes: the limit holds behind a balancer', async () => {
    const statuses: number[] = [];
    // Alternating nodes, as a round-robin balancer would: per node each would have seen only 4 of the 8.
    for (let i = 0; i < 8; i++)
      statuses.push((await (i % 2 ? b : a).request('GET', '/public/outages')).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 429, 429]);
    const blocked = await fetch(`${b.url}/api/public/outages`);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
