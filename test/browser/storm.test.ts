import { mkdirSync } from 'node:fs';
import type { Customer, SlaEmergency, SlaPauseRequest, Ticket } from '@gd/domain';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../support/api.js';
import { hasChromium, launch } from '../support/browser.js';
import { signIn } from '../support/flows.js';
import { type RunningSystem, startSystem } from '../support/system.js';

/** Where this suite's screens go to be looked at (zh-CN and English). */
const SHOTS = process.env.STORM_SHOTS ?? '/tmp/shots-storm';

async function shots(page: Page, name: string, size = { width: 1440, height: 900 }) {
  mkdirSync(SHOTS, { recursive: true });
  await page.setViewportSize(size);
  for (const lang of ['zh-CN', 'en'] as const) {
    await page.getByTestId('language-switch').first().selectOption(lang);
    await page.waitForFunction((l) => document.documentElement.lang === l, lang);
    await page.screenshot({ path: `${SHOTS}/${name}.${lang}.png`, fullPage: name.endsWith('-full') });
  }
  await page.getByTestId('language-switch').first().selectOption('zh-CN');
  await page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
}

/**
 * A supervisor runs a storm from the console: declares an area emergency for one zone on the storm desk, sees it in
 * force, the zone's order shows its clock paused, and ends it; a crew asks on its phone for a pause and the
 * supervisor approves it in the queue; a dispatcher asks on an order's page.
 */
describe.runIf(hasChromium)('storm controls in the console and on the crew phone', () => {
  let system: RunningSystem;
  let desk: BrowserContext;
  let phone: BrowserContext;

  beforeAll(async () => {
    system = await startSystem();
    desk = await launch();
    phone = await launch({ mobile: true });
  });
  afterAll(async () => {
    await desk?.close();
    await phone?.close();
    await system?.stop();
  });

  it('declares an emergency for a zone, pauses its order’s clocks, ends it; approves a crew’s pause request', async () => {
    const agent = await ApiClient.login(system.url, 'agent1', system.password);
    const dispatcher = await ApiClient.login(system.url, 'dispatcher1', system.password);
    const supervisor = await ApiClient.login(system.url, 'supervisor1', system.password);
    const customers = (
      await agent.get<{ items: Customer[] }>(`/customers?q=${encodeURIComponent('芙蓉中路')}`)
    ).body.items;
    const customer = customers[0]!;
    const zone = (
      await agent.get<{ zoneId: string }>(
        `/zones/classify?lat=${customer.location.lat}&lng=${customer.location.lng}`,
      )
    ).body.zoneId;
    const create = async (key: string) =>
      (
        await agent.post<Ticket>(
          '/tickets',
          { type: 'fault_repair', customerId: customer.id, description: '台风过后整片停电' },
          { 'Idempotency-Key': key },
        )
      ).body;
    const inZone = await create('storm-browser-a');
    expect(inZone.sla.arrival!.state).not.toBe('paused');

    // The supervisor declares an emergency for the order's zone, picked in the list beside the map.
    const page = await signIn(desk, `${system.url}/storm`, 'supervisor1', system.password);
    await page.getByTestId('storm-page').waitFor();
    await page.getByTestId('nav-/storm').waitFor();
    await page.getByTestId(`storm-zone-${zone}`).check();
    // The picked zone is drawn as picked on the map too.
    await page.locator(`.storm-zone-${zone}.storm-zone--on`).waitFor({ state: 'attached' });
    await page.getByTestId('storm-reason').fill('台风“山竹”登陆，道路中断');
    await shots(page, 'storm-declare');
    await page.getByTestId('storm-declare').click();
    await page.getByTestId('storm-declared').waitFor();
    const row = page.locator('[data-testid="storm-emergency-row"][data-phase="in_force"]');
    await row.waitFor();
    expect(await row.innerText()).toContain('台风“山竹”登陆');
    const [declared] = (await supervisor.get<SlaEmergency[]>('/sla/emergencies')).body;
    expect(declared!.zoneIds).toEqual([zone]);
    await page.evaluate(() => window.scrollTo(0, 0));
    await shots(page, 'storm-in-force');

    // The zone's order: its clocks are paused, on the order's page as in the API.
    const detail = await desk.newPage();
    await detail.goto(`${system.url}/tickets/${inZone.id}`);
    await detail
      .locator('[data-testid="sla-badge"][data-kind="arrival"][data-state="paused"]')
      .first()
      .waitFor();
    await detail.close();

    // Ending it, with a reason: the row leaves the list and the order's clock runs again.
    await row.getByTestId('storm-end').click();
    await row.getByTestId('storm-end-reason').fill('台风已过境，道路恢复');
    await row.getByTestId('storm-end-confirm').click();
    await row.waitFor({ state: 'detached' });
    await page.getByTestId('storm-over').waitFor({ state: 'attached' });
    await expect
      .poll(async () => (await agent.get<Ticket>(`/tickets/${inZone.id}`)).body.sla.arrival!.state)
      .not.toBe('paused');

    // A crew on its order asks for a pause on its phone.
    const crew = await ApiClient.login(system.url, 'crew01', system.password);
    const order = await create('storm-browser-b');
    const sent = await dispatcher.post<Ticket>(`/tickets/${order.id}/dispatch`, { crewId: crew.user.crewId });
    expect(sent.status).toBe(200);
    const crewPage = await signIn(phone, `${system.url}/map/crew`, 'crew01', system.password);
    const card = crewPage.locator(`[data-testid="crew-order"][data-ticket-id="${order.id}"]`);
    await card.waitFor({ timeout: 15_000 });
    await crewPage.getByTestId('pause-open').click();
    await crewPage.getByTestId('pause-clock').selectOption('arrival');
    await crewPage.getByTestId('pause-reason').selectOption('force_majeure');
    await crewPage.getByTestId('pause-note').fill('倒树阻断道路，正在绕行');
    await shots(crewPage, 'crew-phone-pause-form', { width: 390, height: 844 });
    await crewPage.getByTestId('pause-submit').click();
    await crewPage.getByTestId('pause-requested').waitFor();

    // It reaches the supervisor's queue without a reload, and is approved there.
    const request = page.locator(`[data-testid="pause-request-row"][data-ticket-id="${order.id}"]`);
    await request.waitFor({ timeout: 10_000 });
    expect(await request.innerText()).toContain('倒树阻断道路');
    await request.scrollIntoViewIfNeeded();
    await shots(page, 'storm-pause-queue');
    await request.getByTestId('pause-approve').click();
    await request.waitFor({ state: 'detached' });
    const [decided] = (await supervisor.get<SlaPauseRequest[]>(`/sla/pause-requests?ticketId=${order.id}`))
      .body;
    expect(decided).toMatchObject({ status: 'approved', clock: 'arrival', reason: 'force_majeure' });
    expect((await crew.get<Ticket>(`/tickets/${order.id}`)).body.sla.arrival).toMatchObject({
      state: 'paused',
      pauseReason: 'force_majeure',
    });
    // The crew hears the answer on its phone, and its badge shows the clock paused.
    await crewPage.locator('[data-testid="pause-answer"][data-kind="pause.approved"]').waitFor();
    await card.locator('[data-testid="sla-badge"][data-kind="arrival"][data-state="paused"]').waitFor();
    await shots(crewPage, 'crew-phone-pause-approved', { width: 390, height: 844 });

    // The dashboard's backlog tiles.
    await page.goto(`${system.url}/dashboard`);
    await page.getByTestId('backlog-tiles').waitFor();
    await shots(page, 'dashboard-backlog');

    // A dispatcher asks on the order's page in the console; the request waits in the supervisors' queue.
    const desk2 = await signIn(desk, `${system.url}/tickets/${inZone.id}`, 'dispatcher1', system.password);
    await desk2.getByTestId('pause-request-panel').waitFor();
    await desk2.getByTestId('pause-request-clock').selectOption('restoration');
    await desk2.getByTestId('pause-request-reason').selectOption('customer_unreachable');
    await desk2.getByTestId('pause-request-submit').click();
    await desk2.getByTestId('pause-request-sent').waitFor();
    await shots(desk2, 'ticket-pause-request');
    const waiting = (await supervisor.get<SlaPauseRequest[]>('/sla/pause-requests?status=pending')).body;
    expect(waiting.map((r) => [r.ticketId, r.clock, r.requestedBy.role])).toEqual([
      [inZone.id, 'restoration', 'dispatcher'],
    ]);
  }, 180_000);
});
