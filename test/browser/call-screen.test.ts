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
    expect(await page.getByTestId('screen-pop').innerText()).toContain('芙蓉区五一大道190号');
    const corrected = (await agentApi.get<Customer>(`/customers/${registered.id}`)).body;
    expect(corrected.address).toBe('芙蓉区五一大道190号');
    expect(corrected.phone).toBe(registered.phone);
    await page.close();
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
