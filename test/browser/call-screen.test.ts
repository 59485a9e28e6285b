import type { Call, Customer, Ticket } from '@gd/domain';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ApiClient } from '../support/api.js';
import { hasChromium, launch, screenshotsBothLanguages } from '../support/browser.js';
import { eventually, signIn } from '../support/flows.js';

const baseUrl = inject('baseUrl');
const password = inject('password');

/** Demo customers in an urban zone with no open order (found through the API), each a different person. */
async function freshCustomers(api: ApiClient, q: string, n: number): Promise<Customer[]> {
  const res = await api.get<{ items: Customer[] }>(`/customers?q=${encodeURIComponent(q)}`);
  const found: Customer[] = [];
  for (const c of res.body.items) {
    if (c.zoneClass !== 'urban' || found.some((f) => f.phone === c.phone)) continue;
    const open = await api.get<{ items: Ticket[] }>(`/tickets?customerId=${c.id}&open=true`);
    if ((open.body.items ?? []).length === 0) found.push(c);
    if (found.length === n) return found;
  }
  throw new Error(`not ${n} urban customers without open orders for "${q}"`);
}

describe.runIf(hasChromium)('the call screen as agents use it (issue 20)', () => {
  let context: BrowserContext;
  let agentApi: ApiClient;
  let dispatcherApi: ApiClient;

  beforeAll(async () => {
    context = await launch();
    agentApi = await ApiClient.login(baseUrl, 'agent1', password);
    dispatcherApi = await ApiClient.login(baseUrl, 'dispatcher1', password);
  });
  afterAll(() => context?.close());

  it('replaces the screen pop when the next call comes in without 结束通话, so Ctrl+Enter files for the new caller', async () => {
    const [first, second] = (await freshCustomers(agentApi, '万家丽路', 2)) as [Customer, Customer];
    const page = await signIn(context, `${baseUrl}/`, 'agent1', password);
    const caller = page.getByTestId('caller-input');
    await caller.fill(first.phone);
    const opened = page.waitForResponse(
      (r) => r.url().endsWith('/api/calls') && r.request().method() === 'POST',
    );
    await caller.press('Enter');
    const firstCallId = ((await (await opened).json()) as Call).id;
    await expect.poll(() => page.getByTestId('pop-customer').innerText()).toContain(first.name);
    // The pop is there: the agent types what the caller says, with no click.
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid')))
      .toBe('ticket-description');
    await page.getByTestId('call-notes').fill('询问电费，已解答');

    // The next caller, straight away.
    await caller.fill(second.phone);
    await caller.press('Enter');
    await expect.poll(() => page.getByTestId('pop-customer').innerText()).toContain(second.name);
    const screenText = await page.locator('.call-screen').innerText();
    expect(screenText).not.toContain(first.name);
    expect(screenText).not.toContain(first.address);
    expect(await page.getByTestId('call-notes').inputValue()).toBe('');
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid')))
      .toBe('ticket-description');

    await page.keyboard.type('家里停电，邻居也没电');
    expect(await page.getByTestId('create-ticket-form').getByTestId('char-count').innerText()).toBe(
      '10 / 2000',
    );
    await page.keyboard.press('Control+Enter');
    await page.getByTestId('ticket-created').waitFor();
    const number = (await page.getByTestId('created-ticket-number').innerText()).trim();
    const order = (await agentApi.get<Ticket>(`/tickets/${number}`)).body;
    expect(order.customerId).toBe(second.id);
    expect(
      (await agentApi.get<{ items: Ticket[] }>(`/tickets?customerId=${first.id}&open=true`)).body.items,
    ).toEqual([]);
    // The pop lists the order it just made instead of saying there is none.
    await expect.poll(() => page.getByTestId('pop-open-order').first().innerText()).toContain(number);
    expect(await page.getByText('该客户没有在途工单').count()).toBe(0);
    await screenshotsBothLanguages(page, 'call-screen-after-order');

    // The first call was ended with its summary, not lost.
    const ended = await eventually(async () => {
      const c = (await agentApi.get<Call>(`/calls/${firstCallId}`)).body;
      expect(c.endedAt).toBeTruthy();
      return c;
    });
    expect(ended.notes).toBe('询问电费，已解答');

    // Sent a crew, the order says who comes and when; the next call from them hears it.
    const sent = await dispatcherApi.post<Ticket>(`/tickets/${order.id}/dispatch`, {});
    expect(sent.status).toBe(200);
    const crew = (await dispatcherApi.get<{ name: string }>(`/crews/${sent.body.crewId}`)).body;
    await page.getByTestId('call-end').click();
    await page.getByTestId('call-wrapup').waitFor({ state: 'detached' });
    await caller.fill(second.phone);
    await caller.press('Enter');
    const line = page.getByTestId('pop-order-crew').first();
    await expect.poll(() => line.innerText()).toContain(crew.name);
    expect(await line.innerText()).toMatch(/预计 \d{4}-\d\d-\d\d \d\d:\d\d 到达/);
    expect(await line.innerText()).toMatch(/预计 \d{4}-\d\d-\d\d \d\d:\d\d 前恢复送电/);
    await screenshotsBothLanguages(page, 'call-screen-pop-crew');
    await page.close();
  });

  it('registers an unknown caller at a place picked on the map, then corrects their address from the screen pop', async () => {
    const page = await signIn(context, `${baseUrl}/`, 'agent1', password);
    const phone = `1390731${String(Date.now()).slice(-4)}`;
    await page.getByTestId('caller-input').fill(phone);
    await page.getByTestId('caller-input').press('Enter');
    await page.getByTestId('call-wrapup').waitFor();
    await page.getByTestId('register-toggle').click();
    await page.getByTestId('register-name').fill('测试登记');
    await page.getByTestId('register-address').fill('芙蓉区五一大道188号');
    // No place yet: said in Chinese, nothing sent.
    await page.getByTestId('register-submit').click();
    await page.getByTestId('register-no-place').waitFor();
    const map = page.locator(
      '[data-testid="register-location-map"] .leaflet-container[data-view="territory"]',
    );
    await map.waitFor();
    const box = (await map.boundingBox())!;
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await expect
      .poll(() => page.getByTestId('ticket-zone').first().innerText())
      .toMatch(/^(城区|农村|偏远山区) · /);
    await screenshotsBothLanguages(page, 'call-screen-register-on-map');
    await page.getByTestId('register-submit').click();
    await expect.poll(() => page.getByTestId('pop-customer').innerText()).toContain('测试登记');
    const registered = (await agentApi.get<{ items: Customer[] }>(`/customers?q=${phone}`)).body.items[0]!;
    expect(registered).toMatchObject({ name: '测试登记', address: '芙蓉区五一大道188号' });

    await page.getByTestId('edit-customer-open').click();
    await page.getByTestId('edit-customer-address').fill('芙蓉区五一大道190号');
    await screenshotsBothLanguages(page, 'call-screen-edit-customer');
    await page.getByTestId('edit-customer-save').click();
    await page.getByTestId('edit-customer').waitFor({ state: 'detached' });
    await expect.poll(() => page.getByTestId('screen-pop').innerText()).toContain('芙蓉区五一大道190号');
    const corrected = (await agentApi.get<Customer>(`/customers/${registered.id}`)).body;
    expect(corrected.address).toBe('芙蓉区五一大道190号');
    expect(corrected.phone).toBe(registered.phone);
    await page.close();
  });

  it('keeps an urging and a hand-off apart from routine status changes, unread after 110 routine ones, and mutes routine ones', async () => {
    const supervisorApi = await ApiClient.login(baseUrl, 'supervisor1', password);
    const agent2 = await ApiClient.login(baseUrl, 'agent2', password);
    const customer = (
      await agentApi.get<{ items: Customer[] }>(`/customers?q=${encodeURIComponent('韶山北路')}`)
    ).body.items[0]!;
    const inquiry = async (tag: string, description = '咨询电价') => {
      const made = await agentApi.post<Ticket>(
        '/tickets',
        { type: 'inquiry', customerId: customer.id, description },
        { 'Idempotency-Key': `notices-${tag}-${Date.now()}` },
      );
      expect(made.status).toBe(201);
      return made.body;
    };
    const page = await signIn(context, `${baseUrl}/queue`, 'agent1', password);
    await page.locator('[data-testid="socket-status"].on').waitFor({ timeout: 15_000 });
    const panel = page.getByTestId('notifications');

    // What needs action comes first: agent1's order urged, another handed to agent2.
    const urgedOrder = await inquiry('urged', '咨询峰谷电价');
    expect((await agentApi.post(`/tickets/${urgedOrder.id}/urge`, { note: '客户再次来电' })).status).toBe(
      200,
    );
    const handedOrder = await inquiry('handoff', '咨询电费账单');
    expect(
      (
        await agentApi.post(`/tickets/${handedOrder.id}/handoff`, {
          toUserId: agent2.user.id,
          reason: '交接班',
        })
      ).status,
    ).toBe(200);
    const important = page.getByTestId('notices-important').locator('li');
    await expect.poll(() => important.count(), { timeout: 15_000 }).toBe(2);

    // Then a burst of 110 routine status changes on 55 orders (已受理 → 处理中 → 已回单 by the supervisor).
    const routineOrders: Ticket[] = [];
    for (let i = 0; i < 55; i++) routineOrders.push(await inquiry(`routine-${i}`));
    for (const o of routineOrders) {
      expect((await supervisorApi.post(`/tickets/${o.id}/transition`, { to: 'in_progress' })).status).toBe(
        200,
      );
      expect(
        (await supervisorApi.post(`/tickets/${o.id}/transition`, { to: 'completed', note: '已答复' })).status,
      ).toBe(200);
    }
    const lastNumber = routineOrders.at(-1)!.number;
    const routine = page.getByTestId('notices-routine').locator('li');
    await expect.poll(() => routine.first().innerText(), { timeout: 30_000 }).toContain(lastNumber);

    // Both still there, unread, as sentences, standing out from the routine ones.
    expect(await important.count()).toBe(2);
    const importantText = (await important.allInnerTexts()).join('\n');
    expect(importantText).toContain(urgedOrder.number);
    expect(importantText).toContain(handedOrder.number);
    expect(importantText).toContain('催办');
    expect(importantText).toContain('转交');
    expect(await routine.first().innerText()).toContain('已回单');
    const look = (li: ReturnType<typeof page.locator>) =>
      li.evaluate((e) => {
        const s = getComputedStyle(e);
        return `${s.backgroundColor} ${s.borderLeftWidth} ${s.borderLeftColor}`;
      });
    expect(await look(important.first())).not.toBe(await look(routine.first()));
    // The panel is bounded: routine ones are kept to the newest 50.
    expect(await routine.count()).toBeLessThanOrEqual(50);
    await panel.scrollIntoViewIfNeeded();
    await screenshotsBothLanguages(page, 'notifications-important-apart');

    // Muted: routine ones fold into one line with their count, what needs action stays listed.
    await page.getByTestId('notices-mute').check();
    await page.getByTestId('notices-routine').waitFor({ state: 'detached' });
    expect(await panel.innerText()).toMatch(/一般通知已静音（\d+ 条未显示）/);
    expect(await important.count()).toBe(2);
    // A routine change gives no toast while muted; an urging still does (it comes after, so it is the newest).
    const quiet = await inquiry('muted', '咨询阶梯电价');
    expect((await supervisorApi.post(`/tickets/${quiet.id}/transition`, { to: 'in_progress' })).status).toBe(
      200,
    );
    expect((await agentApi.post(`/tickets/${quiet.id}/urge`, {})).status).toBe(200);
    await expect.poll(() => important.count(), { timeout: 15_000 }).toBe(3);
    const toasts = await page.getByTestId('toast').allInnerTexts();
    expect(toasts.some((x) => x.includes(quiet.number) && x.includes('催办'))).toBe(true);
    expect(toasts.some((x) => x.includes(quiet.number) && !x.includes('催办'))).toBe(false);
    await page.getByTestId('notices-mute').uncheck();
    await page.close();
  });

  it('reads the queue’s durations beyond a day as Chinese in Chinese (no “5d 22:55”) and as English in English', async () => {
    const customer = (
      await agentApi.get<{ items: Customer[] }>(`/customers?q=${encodeURIComponent('韶山北路')}`)
    ).body.items[0]!;
    const made = await agentApi.post<Ticket>(
      '/tickets',
      { type: 'complaint', customerId: customer.id, description: '多次停电未说明原因' },
      { 'Idempotency-Key': `durations-${customer.id}-${Date.now()}` },
    );
    expect(made.status).toBe(201);
    // Its own browser: the page's clock is the context's, and the other tests keep the real time.
    const ownContext = await launch();
    try {
      const page = await signIn(ownContext, `${baseUrl}/queue?q=mine`, 'agent1', password);
      const row = page.locator(`[data-testid="queue-row"][data-ticket-id="${made.body.id}"]`);
      await row.waitFor();
      // Six days on, the order's clock is days overdue.
      await page.clock.setFixedTime(Date.now() + 6 * 86_400_000);
      const badge = row.getByTestId('sla-badge').first();
      await expect.poll(() => badge.innerText(), { timeout: 15_000 }).toMatch(/超时 \d+天\d+小时\d+分/);
      expect(await badge.innerText()).not.toMatch(/\dd \d\d:\d\d/);
      await row.scrollIntoViewIfNeeded();
      await screenshotsBothLanguages(page, 'queue-durations');
      await page.getByTestId('language-switch').first().selectOption('en');
      await expect.poll(() => badge.innerText()).toMatch(/\d+d \d\d:\d\d over/);
      expect(await badge.innerText()).not.toMatch(/[天时分超]/);
      await page.close();
    } finally {
      await ownContext.close();
    }
  });

  it('shows customer and address columns in the queues, and finds an order by customer or address', async () => {
    const [customer] = (await freshCustomers(agentApi, '黄兴路', 1)) as [Customer];
    const made = await agentApi.post<Ticket>(
      '/tickets',
      { type: 'complaint', customerId: customer.id, description: '抄表数据有误' },
      { 'Idempotency-Key': `queue-${customer.id}` },
    );
    expect(made.status).toBe(201);
    const page = await signIn(context, `${baseUrl}/queue?q=mine`, 'agent1', password);
    const row = page.locator(`[data-testid="queue-row"][data-ticket-id="${made.body.id}"]`);
    await row.waitFor();
    expect(await row.getByTestId('queue-customer').innerText()).toContain(customer.name);
    expect(await row.getByTestId('queue-address').innerText()).toBe(customer.address);
    await page.getByTestId('queue-search').fill(customer.name);
    await expect.poll(() => page.getByTestId('queue-row').count()).toBeGreaterThan(0);
    for (const id of await page
      .getByTestId('queue-row')
      .evaluateAll((rs) => rs.map((r) => r.getAttribute('data-ticket-id'))))
      expect((await agentApi.get<Ticket>(`/tickets/${id}`)).body.customerId).toBe(customer.id);
    await screenshotsBothLanguages(page, 'queue-search');
    // A type it is not: it leaves the list.
    await page.getByTestId('queue-filter-type').selectOption('fault_repair');
    await row.waitFor({ state: 'detached' });
    await page.getByTestId('queue-filter-type').selectOption('');
    await page.getByTestId('queue-search').fill(customer.address.slice(-8));
    await row.waitFor();
    await page.close();
  });
});
