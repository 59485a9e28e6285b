import type { BacklogEntry, Candidate, Crew, Customer, Ticket, User } from '@gd/domain';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ApiClient } from '../support/api.js';
import { hasChromium, launch, screenshot, screenshotsBothLanguages } from '../support/browser.js';
import { eventually, signIn } from '../support/flows.js';

const baseUrl = inject('baseUrl');
const password = inject('password');

/** Is a crew marker drawn at this point? (Crews are circle markers on a canvas; the map is window.__gdMap.) */
function markerAt(page: Page, lat: number, lng: number) {
  return page.evaluate(
    ([la, ln]) => {
      const map = (window as unknown as { __gdMap?: { eachLayer(fn: (l: any) => void): void } }).__gdMap;
      let found = false;
      map?.eachLayer((l) => {
        const p =
          typeof l.getLatLng === 'function' && typeof l.getRadius === 'function' ? l.getLatLng() : null;
        if (p && Math.abs(p.lat - la) < 1e-7 && Math.abs(p.lng - ln) < 1e-7) found = true;
      });
      return found;
    },
    [lat, lng] as const,
  );
}

describe.runIf(hasChromium)('the dispatch map and the crew phone view in Chromium', () => {
  let desktop: BrowserContext;
  let phone: BrowserContext;
  let agent: ApiClient;
  let dispatcher: ApiClient;

  beforeAll(async () => {
    desktop = await launch();
    phone = await launch({ mobile: true });
    agent = await ApiClient.login(baseUrl, 'agent1', password);
    dispatcher = await ApiClient.login(baseUrl, 'dispatcher1', password);
  });
  afterAll(async () => {
    await desktop?.close();
    await phone?.close();
  });

  it('lets a dispatcher sign in and see every crew; a posted position moves the marker live', async () => {
    const page = await signIn(desktop, `${baseUrl}/map/`, 'dispatcher1', password);
    await expect
      .poll(() => page.getByTestId('crew-layer').getAttribute('data-count'), { timeout: 15_000 })
      .toBe('40');

    const crews = (await dispatcher.get<Crew[]>('/crews')).body;
    const crew01 = await ApiClient.login(baseUrl, 'crew01', password);
    const mine = crews.find((c) => c.id === crew01.user.crewId)!;
    const target = {
      lat: Number((mine.depot.lat + 0.004).toFixed(6)),
      lng: Number((mine.depot.lng + 0.003).toFixed(6)),
    };
    expect(await markerAt(page, target.lat, target.lng)).toBe(false);
    const posted = await crew01.post(`/crews/${mine.id}/positions`, [
      { ...target, recordedAt: new Date().toISOString() },
    ]);
    expect(posted.body).toEqual({ accepted: 1, rejected: [] });
    await expect.poll(() => markerAt(page, target.lat, target.lng), { timeout: 10_000 }).toBe(true);
    await screenshot(page, 'map-dispatcher');
    await page.close();
  });

  it('assigns the top candidate; the crew acknowledges, arrives by GPS and completes; the clocks stop', async () => {
    const customers = (
      await agent.get<{ items: Customer[] }>(`/customers?q=${encodeURIComponent('韶山北路')}`)
    ).body.items;
    const customer = customers.find((c) => c.zoneClass === 'urban')!;
    const created = await agent.post<Ticket>(
      '/tickets',
      { type: 'fault_repair', customerId: customer.id, description: '表箱冒烟，整户停电' },
      { 'Idempotency-Key': `map-e2e-${customer.id}` },
    );
    expect(created.status).toBe(201);
    const order = created.body;

    const page = await signIn(desktop, `${baseUrl}/map/`, 'dispatcher1', password);
    const row = page.locator(`[data-testid="order-row"][data-ticket-id="${order.id}"]`);
    await row.waitFor({ timeout: 15_000 });
    await row.click();
    await page.getByTestId('candidate-row').first().waitFor();
    const ranked = (await dispatcher.get<Candidate[]>(`/tickets/${order.id}/candidates`)).body;
    const top = ranked[0]!;
    expect(await page.getByTestId('candidate-row').first().getAttribute('data-crew-id')).toBe(top.crewId);
    await page.locator(`[data-testid="assign-button"][data-crew-id="${top.crewId}"]`).click();
    await eventually(async () => {
      expect((await dispatcher.get<Ticket>(`/tickets/${order.id}`)).body).toMatchObject({
        status: 'dispatched',
        crewId: top.crewId,
      });
    });
    await screenshot(page, 'map-order-dispatched');
    await page.close();

    // The crew's phone reaches the site: a first fix inside the 150 m geofence now; the debounce wants a second
    // one at least 20 s later (a crew driving past does not "arrive").
    const site = order.location!;
    const firstFixAt = Date.now();

    const staff = (await dispatcher.get<User[]>('/staff')).body;
    const lead = staff.find((s) => s.role === 'crew' && s.crewId === top.crewId)!;
    const crewApi = await ApiClient.login(baseUrl, lead.username, password);
    const crewPage = await signIn(phone, `${baseUrl}/map/crew`, lead.username, password);
    const card = crewPage.locator(`[data-testid="crew-order"][data-ticket-id="${order.id}"]`);
    await card.waitFor({ timeout: 15_000 });
    expect(await crewPage.getByTestId('call-customer').getAttribute('href')).toBe(`tel:${customer.phone}`);
    // At 已派单 only the next step can be pressed.
    expect(await crewPage.getByTestId('step-en_route').isDisabled()).toBe(true);
    expect(await crewPage.getByTestId('step-on_site').isDisabled()).toBe(true);
    await crewPage.getByTestId('step-acknowledged').click();
    await expect.poll(() => card.getAttribute('data-status')).toBe('acknowledged');
    await crewPage.getByTestId('step-en_route').click();
    await expect.poll(() => card.getAttribute('data-status')).toBe('en_route');
    await screenshot(crewPage, 'crew-phone-en-route');

    const first = {
      lat: site.lat + 0.0003,
      lng: site.lng,
      recordedAt: new Date(firstFixAt).toISOString(),
      accuracyM: 10,
    };
    expect((await crewApi.post(`/crews/${top.crewId}/positions`, [first])).body.accepted).toBe(1);
    expect(await card.getAttribute('data-status')).toBe('en_route'); // one fix is not an arrival
    await new Promise((r) => setTimeout(r, Math.max(0, firstFixAt + 21_000 - Date.now())));
    const second = {
      lat: site.lat + 0.0001,
      lng: site.lng,
      recordedAt: new Date().toISOString(),
      accuracyM: 8,
    };
    expect((await crewApi.post(`/crews/${top.crewId}/positions`, [second])).body.accepted).toBe(1);
    await eventually(async () => {
      expect((await dispatcher.get<Ticket>(`/tickets/${order.id}`)).body.status).toBe('on_site');
    });
    // …and the phone shows it live (socket), without the crew pressing anything.
    await expect.poll(() => card.getAttribute('data-status'), { timeout: 10_000 }).toBe('on_site');
    const arrived = (await dispatcher.get<Ticket>(`/tickets/${order.id}`)).body;
    expect(arrived.arrivalManual).toBe(false);
    expect(arrived.sla.arrival).toMatchObject({ state: 'met' });
    expect(arrived.sla.arrival?.stoppedAt).toBeTruthy();
    // The phone says the geofence recorded it; the 已发送 of the last step has cleared.
    await crewPage.getByTestId('geofence-arrival').waitFor();
    await crewPage.getByTestId('step-notice').waitFor({ state: 'detached' });
    await screenshotsBothLanguages(crewPage, 'crew-phone-geofence-arrival', { mobile: true });

    // 已恢复送电 asks first.
    await crewPage.getByTestId('step-restored').click();
    await crewPage.getByTestId('confirm-restored').waitFor();
    expect(await card.getAttribute('data-status')).toBe('on_site');
    await screenshotsBothLanguages(crewPage, 'crew-phone-confirm-restored', { mobile: true });
    await crewPage.getByTestId('step-submit').click();
    await expect.poll(() => card.getAttribute('data-status')).toBe('restored');
    await crewPage.getByTestId('step-completed').click();
    await crewPage.getByTestId('report-cause-class').selectOption('meter');
    await crewPage.getByLabel('计量箱进水').check();
    await crewPage.getByTestId('report-work-done').fill('更换端子并紧固，恢复供电');
    await crewPage.getByTestId('report-material-clamp').fill('2');
    await screenshotsBothLanguages(crewPage, 'crew-phone-report', { mobile: true });
    await crewPage.getByTestId('step-submit').click();
    await eventually(async () => {
      const done = (await dispatcher.get<Ticket>(`/tickets/${order.id}`)).body;
      expect(done.status).toBe('completed');
      expect(done.report).toMatchObject({ cause: '计量装置 · 计量箱进水', materials: '线夹 ×2' });
      expect(done.sla.restoration).toMatchObject({ state: 'met' });
    });
    await screenshot(crewPage, 'crew-phone-completed');
    await crewPage.close();
  });

  it('a crew goes off duty on its phone and then receives nothing, even with auto-dispatch on', async () => {
    const lead = await ApiClient.login(baseUrl, 'crew07', password);
    const crewId = lead.user.crewId!;
    const mine = () => dispatcher.get<Crew>(`/crews/${crewId}`).then((r) => r.body);
    expect((await mine()).status).toBe('available');

    const page = await signIn(phone, `${baseUrl}/map/crew`, 'crew07', password);
    const duty = page.getByTestId('duty-switch');
    await expect.poll(() => duty.isChecked(), { timeout: 15_000 }).toBe(true);
    await expect.poll(() => duty.isEnabled()).toBe(true);
    await duty.click();
    await eventually(async () => expect((await mine()).status).toBe('off_duty'));
    await expect.poll(() => duty.isChecked()).toBe(false);
    expect(await page.getByTestId('gps-state').getAttribute('data-state')).toBe('off');

    // An order right where the crew stands, with the crew's own skills: another crew goes, or it waits.
    const crew = await mine();
    const customer = (
      await agent.get<{ items: Customer[] }>(`/customers?q=${encodeURIComponent('韶山北路')}`)
    ).body.items[0]!;
    await dispatcher.call('PUT', '/dispatch/settings', { autoDispatch: true });
    try {
      const created = await agent.post<Ticket>(
        '/tickets',
        {
          type: 'fault_repair',
          customerId: customer.id,
          location: { lat: (crew.position ?? crew.depot).lat, lng: (crew.position ?? crew.depot).lng },
          description: '下班队伍门口的故障',
          requiredSkills: [crew.skills[0]],
        },
        { 'Idempotency-Key': `off-duty-${crewId}` },
      );
      expect(created.status).toBe(201);
      await eventually(async () =>
        expect((await dispatcher.get<Ticket>(`/tickets/${created.body.id}`)).body.status).toBe('dispatched'),
      );
      const sent = (await dispatcher.get<Ticket>(`/tickets/${created.body.id}`)).body;
      expect(sent.crewId).not.toBe(crewId);
      expect(await mine()).toMatchObject({ status: 'off_duty', ticketId: null });
      await expect.poll(() => page.getByTestId('no-order').isVisible()).toBe(true);
      // Nor can a dispatcher send it by hand.
      const refused = await dispatcher.post(`/tickets/${created.body.id}/dispatch`, { crewId });
      expect(refused.status).toBe(409);
    } finally {
      await dispatcher.call('PUT', '/dispatch/settings', { autoDispatch: false });
    }
    await screenshot(page, 'crew-phone-off-duty');
    // Back on duty from the phone.
    await duty.click();
    await eventually(async () => expect((await mine()).status).toBe('available'));
    await page.close();
  });

  it('shows a waiting order in 等待派单 with why it waits, and the candidates follow a crew going off duty', async () => {
    const customer = (
      await agent.get<{ items: Customer[] }>(`/customers?q=${encodeURIComponent('韶山北路')}`)
    ).body.items[0]!;
    // No demo crew has both skills: it waits, and says so.
    const stuck = await agent.post<Ticket>(
      '/tickets',
      {
        type: 'fault_repair',
        customerId: customer.id,
        description: '电缆与架空线同时故障',
        requiredSkills: ['cable', 'overhead_line'],
      },
      { 'Idempotency-Key': `backlog-${customer.id}` },
    );
    expect(stuck.status).toBe(201);
    const page = await signIn(desktop, `${baseUrl}/map/`, 'dispatcher1', password);
    await page.getByTestId('tab-backlog').click();
    const row = page.locator(`[data-testid="backlog-row"][data-ticket-id="${stuck.body.id}"]`);
    await row.waitFor({ timeout: 15_000 });
    expect(await row.getByTestId('backlog-proposal').textContent()).toBe('没有具备所需技能的队伍');
    expect(await row.textContent()).toContain(stuck.body.number);
    await row.getByTestId('backlog-pick').click();
    await page.getByTestId('order-panel').waitFor();
    expect(await page.getByTestId('order-panel').getAttribute('data-ticket-id')).toBe(stuck.body.id);

    // An order with a proposal: the top candidate goes off duty, and the list follows (socket), well before its
    // 20-second poll.
    const order = await agent.post<Ticket>(
      '/tickets',
      { type: 'fault_repair', customerId: customer.id, description: '整栋楼停电', requiredSkills: ['cable'] },
      { 'Idempotency-Key': `backlog-2-${customer.id}` },
    );
    await page.getByTestId('order-panel-close').click();
    const proposed = page.locator(`[data-testid="backlog-row"][data-ticket-id="${order.body.id}"]`);
    await proposed.waitFor({ timeout: 10_000 });
    expect(await proposed.getByTestId('backlog-proposal').textContent()).toMatch(/^建议：/);
    await proposed.getByTestId('backlog-pick').click();
    const first = page.getByTestId('candidate-row').first();
    await first.waitFor();
    const topId = (await first.getAttribute('data-crew-id'))!;
    const lead = (await dispatcher.get<User[]>('/staff')).body.find(
      (s) => s.role === 'crew' && s.crewId === topId,
    )!;
    const crewApi = await ApiClient.login(baseUrl, lead.username, password);
    expect((await crewApi.post(`/crews/${topId}/status`, { status: 'off_duty' })).status).toBe(200);
    try {
      await expect
        .poll(() => page.locator(`[data-testid="candidate-row"][data-crew-id="${topId}"]`).count(), {
          timeout: 5_000,
        })
        .toBe(0);
      // The proposal is now another crew: a free one (accepting it dispatches it) or, by the planner's hold rule, a
      // busy crew expected there sooner than every free crew (earlier suites leave crews busy nearby). A hold is
      // said in words, with no accept (the busy crew cannot be sent yet); the dispatcher picks a free crew instead.
      await page.getByTestId('order-panel-close').click();
      await page.getByTestId('tab-backlog').click();
      const proposal = proposed.getByTestId('backlog-proposal');
      await expect
        .poll(async () => (await proposal.textContent()) ?? '', { timeout: 5_000 })
        .toMatch(/^(建议：|等 .+ 完成当前工单（约 \d+ 分钟后空闲，预计 \d+ 分钟到达）$)/);
      if ((await proposal.getAttribute('data-kind')) === 'hold') {
        const entry = (await dispatcher.get<BacklogEntry[]>('/dispatch/backlog')).body.find(
          (b) => b.ticketId === order.body.id,
        )!;
        const free = (await dispatcher.get<Candidate[]>(`/tickets/${order.body.id}/candidates`)).body;
        expect(entry).toMatchObject({ proposalKind: 'hold', reason: 'held_for_busy_crew' });
        for (const c of free) expect(entry.proposedEtaMinutes!).toBeLessThan(c.etaMinutes + 0.05);
        expect(await proposed.getByTestId('backlog-accept').count()).toBe(0);
        await screenshot(page, 'map-backlog-held');
        await proposed.getByTestId('backlog-pick').click();
        await page.getByTestId('candidate-row').first().waitFor();
        const other = (await page.getByTestId('candidate-row').first().getAttribute('data-crew-id'))!;
        await page.locator(`[data-testid="assign-button"][data-crew-id="${other}"]`).click();
        await page.getByTestId('order-panel-close').click();
        await page.getByTestId('tab-backlog').click();
      } else {
        expect(await proposal.getAttribute('data-kind')).toBe('dispatch');
        await proposed.getByTestId('backlog-accept').click();
      }
      await eventually(async () => {
        const sent = (await dispatcher.get<Ticket>(`/tickets/${order.body.id}`)).body;
        expect(sent.status).toBe('dispatched');
        expect(sent.crewId).not.toBe(topId);
      });
      await expect.poll(() => proposed.count(), { timeout: 5_000 }).toBe(0);
      await screenshot(page, 'map-backlog');
    } finally {
      await crewApi.post(`/crews/${topId}/status`, { status: 'available' });
      await page.close();
    }
  });
});
