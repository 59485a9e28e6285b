import type { Customer, Outage, Ticket } from '@gd/domain';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ApiClient } from '../support/api.js';
import { hasChromium, launch, screenshot } from '../support/browser.js';
import { eventually, signIn } from '../support/flows.js';

const baseUrl = inject('baseUrl');
const password = inject('password');

/** A demo customer in an urban zone with no open order, found through the API as any integration would. */
async function freshCustomer(api: ApiClient, q: string, skip: string[] = []): Promise<Customer> {
  const res = await api.get<{ items: Customer[] }>(`/customers?q=${encodeURIComponent(q)}`);
  for (const c of res.body.items) {
    if (skip.includes(c.id) || c.zoneClass !== 'urban') continue;
    const open = await api.get<{ items: Ticket[] }>(`/tickets?customerId=${c.id}&open=true`);
    if ((open.body.items ?? []).length === 0) return c;
  }
  throw new Error(`no urban customer without open orders for "${q}"`);
}

describe.runIf(hasChromium)('the agents’ console in Chromium', () => {
  let context: BrowserContext;
  let agentApi: ApiClient;
  let dispatcherApi: ApiClient;

  beforeAll(async () => {
    context = await launch();
    agentApi = await ApiClient.login(baseUrl, 'agent1', password);
    dispatcherApi = await ApiClient.login(baseUrl, 'dispatcher1', password);
  });
  afterAll(() => context?.close());

  it('lets every console role sign in from the browser', async () => {
    for (const username of ['agent1', 'qa1', 'supervisor1', 'admin']) {
      const page = await signIn(context, `${baseUrl}/`, username, password);
      await page.getByTestId('current-user').waitFor();
      expect(await page.getByTestId('current-user').innerText()).toBeTruthy();
      await page.getByTestId('logout').click();
      await page.getByTestId('login-form').waitFor();
      await page.close();
    }
  });

  it('takes a call, creates a fault order with a running countdown, and turns a second call into a follow-up', async () => {
    const customer = await freshCustomer(agentApi, '五一大道');
    const page = await signIn(context, `${baseUrl}/`, 'agent1', password);
    const caller = page.getByTestId('caller-input');
    await expect.poll(() => caller.evaluate((el) => el === document.activeElement)).toBe(true);
    await caller.fill(customer.phone);
    await caller.press('Enter');
    await page.getByTestId('pop-customer').waitFor();
    expect(await page.getByTestId('pop-customer').innerText()).toContain(customer.name);
    // Stored as E.164 (+8613812345678), read by the agent as a Chinese mobile: 138 1234 5678.
    const national = customer.phone.replace(/^\+86(\d{3})(\d{4})(\d{4})$/, '$1 $2 $3');
    expect(national).not.toBe(customer.phone);
    expect(await page.getByTestId('pop-customer').innerText()).toContain(national);

    await page.getByTestId('ticket-type').selectOption('fault_repair');
    await page.getByTestId('ticket-description').fill('整栋楼停电，楼道有焦糊味 <b>急</b>');
    await page.getByTestId('ticket-description').press('Control+Enter');
    await page.getByTestId('ticket-created').waitFor();
    const number = (await page.getByTestId('created-ticket-number').innerText()).trim();
    expect(number).toMatch(/^GD\d{14}$/);
    const badge = page.getByTestId('ticket-created').getByTestId('sla-badge').first();
    await badge.waitFor();
    const first = await badge.innerText();
    await page.waitForTimeout(1500);
    expect(await badge.innerText()).not.toBe(first); // the countdown runs
    await screenshot(page, 'console-call-screen');

    const created = (await agentApi.get<{ items: Ticket[] }>(`/tickets?customerId=${customer.id}`)).body
      .items[0]!;
    expect(created).toMatchObject({ number, type: 'fault_repair', status: 'accepted', zoneClass: 'urban' });
    expect(created.description).toBe('整栋楼停电，楼道有焦糊味 <b>急</b>'); // stored literally
    expect(created.firstResponderId).toBe(agentApi.user.id);
    expect(created.sla.arrival).toBeTruthy();

    // The same caller again: the open order is offered first and F4 logs the follow-up (催办).
    await page.getByTestId('call-end').click();
    await caller.fill(customer.phone);
    await caller.press('Enter');
    await page.getByTestId('pop-open-order').first().waitFor();
    expect(await page.getByTestId('pop-open-order').first().innerText()).toContain(number);
    await page.keyboard.press('F4');
    await eventually(async () => {
      const t = await agentApi.get<Ticket>(`/tickets/${created.id}`);
      expect(t.body.urgeCount).toBe(1);
    });
    await page.close();
  });

  it('makes a call from inside an outage a child of the outage’s master order', async () => {
    const customer = await freshCustomer(agentApi, '劳动西路');
    const master = await agentApi.post<Ticket>(
      '/tickets',
      { type: 'fault_repair', customerId: customer.id, description: '10kV 线路故障，片区停电' },
      { 'Idempotency-Key': `master-${customer.id}` },
    );
    expect(master.status).toBe(201);
    const { lat, lng } = customer.location;
    const d = 0.01;
    const outage = await dispatcherApi.post('/outages', {
      kind: 'fault',
      area: {
        type: 'Polygon',
        coordinates: [
          [
            [lng - d, lat - d],
            [lng + d, lat - d],
            [lng + d, lat + d],
            [lng - d, lat + d],
            [lng - d, lat - d],
          ],
        ],
      },
      startsAt: new Date().toISOString(),
      estimatedRestoreAt: new Date(Date.now() + 2 * 3600_000).toISOString(),
      description: '芙蓉变 10kV 线路故障',
      ticketId: master.body.id,
    });
    expect(outage.status).toBe(201);

    const neighbour = await agentApi.post<Customer>('/customers', {
      name: '邻居 周明',
      phone: '13973100000',
      address: '湖南省长沙市劳动西路1号',
      location: { lat: lat + 0.0002, lng: lng + 0.0002 },
    });
    expect(neighbour.status).toBe(201);
    const page = await signIn(context, `${baseUrl}/`, 'agent1', password);
    await page.getByTestId('caller-input').fill('139 7310 0000');
    await page.getByTestId('caller-input').press('Enter');
    await page.getByTestId('outage-banner').waitFor();
    expect(await page.getByTestId('outage-banner').innerText()).toMatch(/\d{2}:\d{2}/); // estimated restoration
    await page.getByTestId('ticket-type').selectOption('fault_repair');
    await page.getByTestId('ticket-description').fill('家里没电');
    await page.getByTestId('create-ticket-submit').click();
    await page.getByTestId('ticket-created').waitFor();
    const child = (await agentApi.get<{ items: Ticket[] }>(`/tickets?customerId=${neighbour.body.id}`)).body
      .items[0]!;
    expect(child.parentId).toBe(master.body.id);
    expect(child.outageId).toBe(outage.body.id);
    await page.close();
  });

  it('lets an admin see the crew registry and add a crew', async () => {
    const page = await signIn(context, `${baseUrl}/admin/crews`, 'admin', password);
    await page.getByTestId('crews-table').waitFor();
    await expect.poll(() => page.getByTestId('crew-row').count()).toBe(40);
    await page.getByTestId('crew-add').click();
    await page.getByTestId('crew-code').fill('C90');
    await page.getByTestId('crew-name').fill('浏阳市抢修90班');
    await page.getByTestId('crew-skill-overhead_line').check();
    await page.getByTestId('crew-depot-lat').fill('28.15');
    await page.getByTestId('crew-depot-lng').fill('113.5');
    await page.getByTestId('crew-save').click();
    await expect.poll(() => page.getByTestId('crew-row').count()).toBe(41);
    const crews = (await dispatcherApi.get<{ code?: string; skills: string[] }[]>('/crews')).body;
    expect(crews.find((c) => c.code === 'C90')?.skills).toEqual(['overhead_line']);
    await page.close();
  });

  it('keeps the first responder when the order is handed off, and shows the queue', async () => {
    const customer = await freshCustomer(agentApi, '万家丽路');
    const order = await agentApi.post<Ticket>(
      '/tickets',
      { type: 'complaint', customerId: customer.id, description: '营业厅服务态度差' },
      { 'Idempotency-Key': `complaint-${customer.id}` },
    );
    const agent2 = await ApiClient.login(baseUrl, 'agent2', password);
    const page = await signIn(context, `${baseUrl}/tickets/${order.body.id}`, 'agent1', password);
    await page.getByTestId('ticket-detail').waitFor();
    await page.getByTestId('handoff-to').selectOption(agent2.user.id);
    await page.getByTestId('handoff-reason').fill('转营销部处理');
    await page.getByTestId('handoff-submit').click();
    await eventually(async () => {
      const t = await agentApi.get<Ticket>(`/tickets/${order.body.id}`);
      expect(t.body).toMatchObject({ ownerId: agent2.user.id, firstResponderId: agentApi.user.id });
    });
    await page.getByTestId('timeline').waitFor();
    await page.goto(`${baseUrl}/queue`);
    await page.getByTestId('queue-row').first().waitFor();
    const rows = await page
      .getByTestId('queue-row')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-ticket-id')));
    expect(rows).toContain(order.body.id); // still in the first responder's own queue
    await screenshot(page, 'console-queue');
    await page.close();

    // The receiver finds it among the orders they hold.
    const receiver = await signIn(context, `${baseUrl}/queue?q=owned`, 'agent2', password);
    await receiver.locator(`[data-testid="queue-row"][data-ticket-id="${order.body.id}"]`).waitFor();
    await receiver.close();
  });

  it('finds an order by the number a customer reads out, tells its story in Chinese, and merges a duplicate into it by number', async () => {
    const customer = await freshCustomer(agentApi, '韶山北路');
    const create = (description: string, key: string) =>
      agentApi.post<Ticket>(
        '/tickets',
        { type: 'complaint', customerId: customer.id, description },
        { 'Idempotency-Key': `${key}-${customer.id}` },
      );
    const master = (await create('抄表员未按时抄表', 'master')).body;
    const duplicate = (await create('抄表员未按时抄表（重复来电）', 'duplicate')).body;
    const page = await signIn(context, `${baseUrl}/queue`, 'agent1', password);
    const open = async (spoken: string) => {
      await page.keyboard.press('F3');
      await page.keyboard.type(spoken);
      await page.keyboard.press('Enter');
    };
    // As read out on the phone: lower case, grouped.
    await open(master.number.toLowerCase().replace(/^(gd)(\d{8})(\d+)$/, '$1 $2 $3'));
    await expect.poll(() => page.getByTestId('ticket-number').innerText()).toBe(master.number);
    const created = page.getByTestId('timeline').locator('li').first();
    expect(await created.innerText()).toContain('类型 投诉');
    expect(await created.innerText()).not.toMatch(/type:|callId|priority:/);

    await open('GD19990101000001');
    expect(await page.getByTestId('order-lookup-problem').innerText()).toContain('没有工单 GD19990101000001');

    await page.getByTestId('order-lookup').fill(duplicate.number);
    await page.getByTestId('order-lookup').press('Enter');
    await expect.poll(() => page.getByTestId('ticket-number').innerText()).toBe(duplicate.number);
    await page.getByTestId('merge-parent').fill(master.number.toLowerCase());
    await page.getByTestId('merge-submit').click();
    await eventually(async () => {
      const t = await agentApi.get<Ticket>(`/tickets/${duplicate.id}`);
      expect(t.body).toMatchObject({ status: 'merged', parentId: master.id });
    });
    const mergedEntry = page.getByTestId('timeline').locator('li[data-kind="status"]').last();
    await expect.poll(() => mergedEntry.innerText()).toContain(`主单 ${master.number}`);
    await screenshot(page, 'console-order-detail');
    await mergedEntry.getByRole('link', { name: master.number }).click();
    await expect.poll(() => page.getByTestId('ticket-number').innerText()).toBe(master.number);
    await page.close();
  });

  it('lets a dispatcher merge a cluster of fault orders as proposed, publish the fault outage from the master, and restore it from the outages page', async () => {
    // Three fault orders a hundred metres apart within minutes: one fault, most likely.
    const at = { lat: 28.2282, lng: 112.9388 };
    const orders: Ticket[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await agentApi.post<Ticket>(
        '/tickets',
        {
          type: 'fault_repair',
          location: { lat: at.lat + i * 0.001, lng: at.lng },
          address: `岳麓大道 ${200 + i * 10} 号`,
          description: `片区停电 ${i}`,
        },
        { 'Idempotency-Key': `cluster-${Date.now()}-${i}` },
      );
      expect(res.status).toBe(201);
      orders.push(res.body);
    }
    const [first, , last] = orders as [Ticket, Ticket, Ticket];
    const page = await signIn(context, `${baseUrl}/tickets/${last.id}`, 'dispatcher1', password);
    const suggestion = page.getByTestId('merge-suggestion');
    await suggestion.waitFor();
    expect(await suggestion.innerText()).toContain(first.number);
    await page.getByTestId('merge-suggestion-accept').click();
    await eventually(async () => {
      for (const o of orders.slice(1)) {
        const t = await dispatcherApi.get<Ticket>(`/tickets/${o.id}`);
        expect(t.body).toMatchObject({ status: 'merged', parentId: first.id });
      }
    });

    await page.getByTestId('order-lookup').fill(first.number);
    await page.getByTestId('order-lookup').press('Enter');
    await page.getByTestId('fault-outage-submit').click();
    await page.getByTestId('fault-outage-restore').waitFor();
    const published = await dispatcherApi.get<Outage[]>(`/outages?active=true&lat=${at.lat}&lng=${at.lng}`);
    const outage = published.body.find((o) => o.ticketId === first.id)!;
    expect(outage).toMatchObject({ kind: 'fault', status: 'active' });
    expect(Date.parse(outage.estimatedRestoreAt!) - Date.now()).toBeGreaterThan(100 * 60_000);
    // The timeline reloads after the outage is published: the restore button can show first.
    await expect.poll(() => page.getByTestId('timeline').innerText()).toContain('设为停电主单');

    await page.goto(`${baseUrl}/outage-notices`);
    const row = page.locator(`[data-testid="outage-row"][data-outage-id="${outage.id}"]`);
    await expect.poll(() => row.innerText()).toContain(first.number);
    await expect.poll(() => row.getByTestId('outage-children').innerText()).toBe('2'); // the two merged into it
    await screenshot(page, 'console-outages');
    await row.getByTestId('outage-restore').click();
    await row.getByTestId('outage-restore-confirm').click();
    await row.waitFor({ state: 'detached' });
    await eventually(async () => {
      const t = await dispatcherApi.get<Ticket>(`/tickets/${first.id}`);
      expect(t.body.status).toBe('restored');
    });
    await page.close();
  });

  it('takes an order at a place picked on the map, and publishes a planned outage drawn on the map that a caller inside then hears about', async () => {
    // The agent: a caller with no customer record reports a fault at a crossroads, picked on the map.
    const page = await signIn(context, `${baseUrl}/`, 'agent1', password);
    await page.getByTestId('caller-input').fill('13973109999');
    await page.getByTestId('caller-input').press('Enter');
    await page.getByTestId('create-ticket-form').waitFor();
    await page.getByLabel(/地图选点/).check();
    const pickMap = page.locator('[data-testid="ticket-location-map"] .leaflet-container');
    await pickMap.waitFor();
    // The map fits the territory once its zones arrive (data-view says so); then its centre is inside the territory.
    await page
      .locator('[data-testid="ticket-location-map"] .leaflet-container[data-view="territory"]')
      .waitFor();
    const box = (await pickMap.boundingBox())!;
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await expect.poll(() => page.getByTestId('ticket-lat').inputValue()).toMatch(/^\d+\.\d{6}$/);
    const picked = {
      lat: Number(await page.getByTestId('ticket-lat').inputValue()),
      lng: Number(await page.getByTestId('ticket-lng').inputValue()),
    };
    const zoneHint = await page.getByTestId('ticket-zone').innerText();
    expect(zoneHint).toMatch(/^(城区|农村|偏远山区) · /);
    // A second click elsewhere moves the place.
    await page.mouse.click(box.x + box.width / 2 + 40, box.y + box.height / 2);
    await expect
      .poll(async () => Number(await page.getByTestId('ticket-lng').inputValue()))
      .toBeGreaterThan(picked.lng);
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await page.getByTestId('ticket-description').fill('路口电杆倾斜，导线下垂');
    await screenshot(page, 'console-call-map-pick');
    await page.getByTestId('create-ticket-submit').click();
    await page.getByTestId('ticket-created').waitFor();
    const number = (await page.getByTestId('ticket-created').innerText()).match(/GD\d{14}/)![0];
    const order = (await agentApi.get<Ticket>(`/tickets/${number}`)).body;
    expect(order.location!.lat).toBeCloseTo(picked.lat, 6);
    expect(order.location!.lng).toBeCloseTo(picked.lng, 6);
    expect(zoneHint).toContain(order.district!);
    await page.close();

    // The dispatcher: a planned outage drawn corner by corner around a customer's address.
    const customer = await freshCustomer(agentApi, '五一大道');
    const desk = await signIn(context, `${baseUrl}/outage-notices`, 'dispatcher1', password);
    await desk.getByTestId('planned-outage-draw').check();
    await desk.getByTestId('customer-search').fill(customer.phone);
    await desk.getByTestId('customer-result').first().click();
    await expect.poll(() => desk.getByTestId('planned-outage-place').innerText()).toContain(customer.name);
    const areaMap = desk.locator('[data-testid="area-map"] .leaflet-container');
    // In view first: with outages in force, their map above pushes the form down the page.
    await areaMap.scrollIntoViewIfNeeded();
    // The map is on the address (set without animation, marked when done): clicks land where they are aimed.
    const { lat: aLat, lng: aLng } = customer.location;
    await desk
      .locator(
        `[data-testid="area-map"] .leaflet-container[data-view="focus:${aLat.toFixed(6)},${aLng.toFixed(6)}"]`,
      )
      .waitFor();
    const b = (await areaMap.boundingBox())!;
    const [cx, cy] = [b.x + b.width / 2, b.y + b.height / 2];
    // Two corners, then the third and fourth in bow-tie order: refused, undone, redrawn in order. The clicks come
    // as fast as a person's double-click: each is a corner, none a zoom.
    await desk.mouse.click(cx - 80, cy - 60);
    await desk.mouse.click(cx + 80, cy - 60);
    await desk.mouse.click(cx - 80, cy + 60);
    await desk.mouse.click(cx + 80, cy + 60);
    await expect.poll(() => desk.getByTestId('area-corners').innerText()).toContain('4');
    expect(await desk.getByTestId('area-problem').innerText()).toContain('交叉');
    await desk.getByTestId('area-undo').click();
    await expect.poll(() => desk.getByTestId('area-corners').innerText()).toContain('3');
    await desk.getByTestId('area-undo').click();
    await expect.poll(() => desk.getByTestId('area-corners').innerText()).toContain('2');
    // Clicking undo may have scrolled the page: aim again at where the map is now.
    await areaMap.scrollIntoViewIfNeeded();
    const again = (await areaMap.boundingBox())!;
    const [ax, ay] = [again.x + again.width / 2, again.y + again.height / 2];
    await desk.mouse.click(ax + 80, ay + 60);
    await desk.mouse.click(ax - 80, ay + 60);
    await expect.poll(() => desk.getByTestId('area-corners').innerText()).toContain('4');
    expect(await desk.getByTestId('area-problem').count()).toBe(0);
    const beijing = (ms: number) => new Date(Date.now() + ms + 8 * 3600_000).toISOString().slice(0, 16); // datetime-local, UTC+8
    await desk.getByTestId('planned-outage-start').fill(beijing(-5 * 60_000));
    await desk.getByTestId('planned-outage-end').fill(beijing(3 * 3600_000));
    const description = `计划检修（地图画出范围）${Date.now()}`;
    await desk.getByTestId('planned-outage-description').fill(description);
    await screenshot(desk, 'console-outage-drawn');
    await desk.getByTestId('planned-outage-submit').click();
    const { lat, lng } = customer.location;
    const outage = await eventually(async () => {
      const res = await dispatcherApi.get<Outage[]>(`/outages?active=true&lat=${lat}&lng=${lng}`);
      const found = res.body.find((o) => o.description === description);
      expect(found).toBeDefined();
      return found!;
    });
    expect(outage.kind).toBe('planned');
    expect(outage.area.coordinates[0]).toHaveLength(5); // four corners, closed
    await desk.close();

    // A call from that customer hears about it.
    const call = await signIn(context, `${baseUrl}/`, 'agent1', password);
    await call.getByTestId('caller-input').fill(customer.phone);
    await call.getByTestId('caller-input').press('Enter');
    await call.getByTestId('outage-banner').waitFor();
    expect(await call.getByTestId('outage-banner').innerText()).toContain('计划检修');
    await call.close();
    // Ended (so it covers no caller of a later test) by someone else: the dispatcher's list drops it without a reload.
    const list = await signIn(context, `${baseUrl}/outage-notices`, 'dispatcher1', password);
    const row = list.locator(`[data-testid="outage-row"][data-outage-id="${outage.id}"]`);
    await row.waitFor();
    expect((await dispatcherApi.post(`/outages/${outage.id}/restore`, {})).status).toBe(200);
    await row.waitFor({ state: 'detached' });
    await list.close();
  });
});
