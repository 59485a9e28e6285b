import type { Crew, Customer, Outage, Ticket } from '@gd/domain';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ApiClient } from '../support/api.js';
import { hasChromium, launch, screenshotsBothLanguages } from '../support/browser.js';
import { eventually, signIn } from '../support/flows.js';

const baseUrl = inject('baseUrl');
const password = inject('password');

/** The dispatch map's centre and zoom (the page exposes its Leaflet map as window.__gdMap). */
function mapView(page: Page) {
  return page.evaluate(() => {
    const map = (
      window as unknown as { __gdMap?: { getCenter(): { lat: number; lng: number }; getZoom(): number } }
    ).__gdMap;
    if (!map) return null;
    const c = map.getCenter();
    return { lat: c.lat, lng: c.lng, zoom: map.getZoom() };
  });
}

/** A crew status as a screen shows it: its word and the colour of its dot, tag or swatch (computed, rgb()). */
async function statusLook(word: Locator, colour: Locator) {
  return {
    word: (await word.innerText()).trim(),
    colour: await colour.evaluate((e) => getComputedStyle(e).backgroundColor),
  };
}

describe.runIf(hasChromium)('the dispatchers’ and supervisors’ desks (issue 20)', () => {
  let context: BrowserContext;
  let agentApi: ApiClient;
  let dispatcherApi: ApiClient;

  beforeAll(async () => {
    context = await launch();
    agentApi = await ApiClient.login(baseUrl, 'agent1', password);
    dispatcherApi = await ApiClient.login(baseUrl, 'dispatcher1', password);
  });
  afterAll(() => context?.close());

  it('shows a planned outage’s circle on a map with the customers inside before publishing, then says what was published and clears the form', async () => {
    const customer = (
      await agentApi.get<{ items: Customer[] }>(`/customers?q=${encodeURIComponent('芙蓉中路')}`)
    ).body.items[0]!;
    const page = await signIn(context, `${baseUrl}/outage-notices`, 'dispatcher1', password);
    await page.getByTestId('customer-search').fill(customer.phone);
    await page.getByTestId('customer-result').first().click();
    const count = page.getByTestId('outage-customer-count');
    await expect.poll(() => count.innerText(), { timeout: 15_000 }).toMatch(/范围内 \d+ 户客户/);
    const inside1km = Number((await count.innerText()).match(/范围内 (\d+) 户/)![1]);
    expect(inside1km).toBeGreaterThan(0); // the customer at the centre, at least
    // The circle is drawn on the map around the address.
    await page.locator('[data-testid="circle-map"] path[stroke="#b42318"]').first().waitFor();
    await page.getByTestId('planned-outage-radius').selectOption('0.3');
    await expect
      .poll(async () => Number((await count.innerText()).match(/范围内 (\d+) 户/)?.[1] ?? -1))
      .toBeLessThan(inside1km);
    const inside = Number((await count.innerText()).match(/范围内 (\d+) 户/)![1]);
    const beijing = (ms: number) => new Date(Date.now() + ms + 8 * 3600_000).toISOString().slice(0, 16);
    await page.getByTestId('planned-outage-start').fill(beijing(24 * 3600_000));
    await page.getByTestId('planned-outage-end').fill(beijing(27 * 3600_000));
    const description = `明日 10kV 线路检修 ${Date.now()}`;
    await page.getByTestId('planned-outage-description').fill(description);
    await screenshotsBothLanguages(page, 'outages-circle-preview');
    await page.getByTestId('planned-outage-submit').click();
    const said = await page.getByTestId('outage-published').innerText();
    expect(said).toContain(description);
    expect(said).toContain(`范围内 ${inside} 户客户`);
    expect(await page.getByTestId('planned-outage-description').inputValue()).toBe('');
    expect(await page.getByTestId('outage-customer-count').count()).toBe(0);
    expect(await page.getByTestId('customer-search').inputValue()).toBe('');
    await page.getByTestId('outage-published').scrollIntoViewIfNeeded();
    await screenshotsBothLanguages(page, 'outages-published');

    const published = (await dispatcherApi.get<Outage[]>('/outages?active=true')).body.find(
      (o) => o.description === description,
    );
    // Starting tomorrow, it may not be listed as in force yet; restored either way so no later caller hears of it.
    if (published)
      expect((await dispatcherApi.post(`/outages/${published.id}/restore`, {})).status).toBe(200);
    await page.close();
  });

  it('lets a supervisor land on the dashboard and search the audit trail by order number, with names and a before/after table', async () => {
    const customer = (
      await agentApi.get<{ items: Customer[] }>(`/customers?q=${encodeURIComponent('营盘路')}`)
    ).body.items[0]!;
    const made = await agentApi.post<Ticket>(
      '/tickets',
      { type: 'inquiry', customerId: customer.id, description: '咨询电价' },
      { 'Idempotency-Key': `audit-${customer.id}-${Date.now()}` },
    );
    expect(made.status).toBe(201);
    const page = await signIn(context, `${baseUrl}/`, 'supervisor1', password);
    await page.waitForURL((u) => u.pathname === '/dashboard');
    await page.goto(`${baseUrl}/audit`);
    await page.getByTestId('audit-number-filter').fill(made.body.number);
    await page.getByTestId('audit-filter').locator('button[type="submit"]').click();
    const row = page.getByTestId('audit-row').first();
    // Only this order's trail, each row naming it by number once the numbers are loaded.
    await eventually(async () => {
      const ids = await page.getByTestId('audit-entity-id').allInnerTexts();
      expect(ids.length).toBeGreaterThan(0);
      expect(new Set(ids)).toEqual(new Set([made.body.number]));
    }, 20_000);
    expect(await row.innerText()).toContain('李敏'); // agent1's name, not an id
    await row.getByTestId('audit-details').locator('summary').click();
    const diff = row.getByTestId('audit-diff');
    await diff.waitFor();
    // In words: 类型 咨询 / 状态 已受理, not the codes type/inquiry/status.
    const text = await diff.innerText();
    expect(text).toContain('咨询');
    expect(text).toContain('已受理');
    expect(text).toContain('类型');
    expect(text).not.toMatch(/inquiry|accepted|\bstatus\b/);
    await screenshotsBothLanguages(page, 'audit-by-number');
    await page.close();
  });

  it('moves the dispatch map to a district chosen in the filter, and to a crew’s order when it is clicked', async () => {
    const page = await signIn(context, `${baseUrl}/map/`, 'dispatcher1', password);
    // The map's first view can take more than poll's default 1 s on a busy host.
    await expect.poll(() => mapView(page).then((v) => v?.zoom ?? 0), { timeout: 15_000 }).toBeGreaterThan(0);
    await page.locator('[data-testid="filter-district"] option').nth(1).waitFor({ state: 'attached' });
    const territory = (await mapView(page))!;
    const zones = (
      await dispatcherApi.get<{ features: { properties: { district: string; zoneClass: string } }[] }>(
        '/zones',
      )
    ).body;
    const district = zones.features.find((f) => f.properties.zoneClass === 'urban')!.properties.district;
    await page.getByTestId('filter-district').selectOption(district);
    await expect
      .poll(async () => (await mapView(page))!.zoom, { timeout: 15_000 })
      .toBeGreaterThan(territory.zoom);
    await screenshotsBothLanguages(page, 'map-district-filter');

    // A crew sent to an order: its panel names the order by number, a click there shows the order on the map.
    const customer = (
      await agentApi.get<{ items: Customer[] }>(`/customers?q=${encodeURIComponent('八一路')}`)
    ).body.items[0]!;
    const order = await agentApi.post<Ticket>(
      '/tickets',
      { type: 'fault_repair', customerId: customer.id, description: '单户停电' },
      { 'Idempotency-Key': `map-${customer.id}-${Date.now()}` },
    );
    const sent = await dispatcherApi.post<Ticket>(`/tickets/${order.body.id}/dispatch`, {});
    expect(sent.status).toBe(200);
    const crew = (await dispatcherApi.get<Crew>(`/crews/${sent.body.crewId}`)).body;
    await page.getByTestId('filter-clear').click();
    await page.getByTestId('tab-crews').click();
    const crewRow = page.locator(`[data-testid="crew-row"][data-crew-id="${crew.id}"]`);
    await crewRow.click();
    const link = page.getByTestId('crew-current-order');
    await expect.poll(() => link.innerText(), { timeout: 15_000 }).toBe(order.body.number);
    await page.evaluate(() => {
      const map = (
        window as unknown as {
          __gdMap?: { setView(c: [number, number], z: number, o: { animate: boolean }): void };
        }
      ).__gdMap;
      // Somewhere else, at once: a zoom animation still running when the link is clicked would end on its own
      // target after the click's move (Leaflet finishes a zoom transition where it was going).
      map?.setView([28.0, 113.3], 9, { animate: false });
    });
    await link.click();
    const { lat, lng } = customer.location;
    await eventually(async () => {
      const v = (await mapView(page))!;
      expect(v.zoom).toBeGreaterThanOrEqual(14);
      // Centred on the order (the panel's 200 px shift is under 0.01° at zoom 14).
      expect(Math.abs(v.lat - lat)).toBeLessThan(0.02);
      expect(Math.abs(v.lng - lng)).toBeLessThan(0.03);
    });
    await page.close();
  });

  it('shows a crew’s status in the same words and colour on the console’s dashboard and crews page and on the dispatch map', async () => {
    const customer = (
      await agentApi.get<{ items: Customer[] }>(`/customers?q=${encodeURIComponent('湘江中路')}`)
    ).body.items[0]!;
    const order = await agentApi.post<Ticket>(
      '/tickets',
      { type: 'fault_repair', customerId: customer.id, description: '整栋楼停电' },
      { 'Idempotency-Key': `crew-status-${customer.id}-${Date.now()}` },
    );
    const sent = await dispatcherApi.post<Ticket>(`/tickets/${order.body.id}/dispatch`, {});
    expect(sent.status).toBe(200);
    const crewId = sent.body.crewId!;
    expect((await dispatcherApi.get<Crew>(`/crews/${crewId}`)).body.status).toBe('dispatched');

    const dashboard = await signIn(context, `${baseUrl}/dashboard`, 'supervisor1', password);
    const tile = dashboard.locator(
      '[data-testid="crew-status"] [data-testid="crew-status-badge"][data-status="dispatched"]',
    );
    await tile.waitFor({ timeout: 15_000 });
    const onDashboard = async () => statusLook(tile, tile.locator('.gd-crew-status__dot'));

    const map = await signIn(await launch(), `${baseUrl}/map/`, 'dispatcher1', password);
    try {
      await map.getByTestId('tab-crews').click();
      const tag = map.locator(`[data-testid="crew-row"][data-crew-id="${crewId}"] .dm-tag`);
      await tag.waitFor({ timeout: 15_000 });
      const legend = map.locator('[data-testid="legend-crews"] .dm-legend__item', {
        has: map.getByTestId('legend-crews-count-dispatched'),
      });
      const onMapList = () => statusLook(tag, tag);
      const onMapLegend = () => statusLook(legend.locator('.dm-legend__label'), legend.locator('.dm-swatch'));

      for (const lang of ['zh-CN', 'en'] as const) {
        for (const page of [dashboard, map]) {
          await page.getByTestId('language-switch').first().selectOption(lang);
          await page.waitForFunction((l) => document.documentElement.lang === l, lang);
        }
        const seen = await onDashboard();
        expect(seen.word).toBe(lang === 'zh-CN' ? '已派工' : 'Dispatched');
        expect(await onMapList()).toEqual(seen);
        expect(await onMapLegend()).toEqual(seen);
      }
      for (const page of [dashboard, map])
        await page.getByTestId('language-switch').first().selectOption('zh-CN');
      const seen = await onDashboard();

      // The admin's crew registry says it the same way.
      const crews = await signIn(context, `${baseUrl}/admin/crews`, 'admin', password);
      const badge = crews.locator(
        `[data-testid="crew-row"][data-crew-id="${crewId}"] [data-testid="crew-status-badge"]`,
      );
      await badge.waitFor({ timeout: 15_000 });
      expect(await statusLook(badge, badge.locator('.gd-crew-status__dot'))).toEqual(seen);
      await crews.close();
    } finally {
      await map.context().close();
    }
    await dashboard.close();
    // Back to the pool, so later tests find this crew free.
    expect(
      (
        await dispatcherApi.post(`/tickets/${order.body.id}/transition`, {
          to: 'cancelled',
          note: '测试结束',
        })
      ).status,
    ).toBe(200);
  });

  it('lets an admin add a crew member chosen from the crew list, asks before 停用, and never offers it on their own row', async () => {
    const page = await signIn(context, `${baseUrl}/admin/staff`, 'admin', password);
    const me = page.locator('[data-testid="staff-row"]', { has: page.getByTestId('staff-self') });
    await me.waitFor();
    expect(await me.innerText()).toContain('admin');
    expect(await me.getByTestId('staff-disable').count()).toBe(0);

    await page.getByTestId('staff-add').click();
    const form = page.getByTestId('staff-form');
    const username = `crewm${Date.now() % 100000}`;
    const [user, name] = await form.getByRole('textbox').all();
    await user!.fill(username);
    await name!.fill('抢修 测试');
    await form.locator('input[type="password"]').fill('long-enough-1');
    await form.locator('select').first().selectOption('crew');
    await page.locator('[data-testid="staff-crew"] option').nth(1).waitFor({ state: 'attached' });
    const crewOption = page.locator('[data-testid="staff-crew"] option').nth(1);
    const crewId = (await crewOption.getAttribute('value'))!;
    await page.getByTestId('staff-crew').selectOption(crewId);
    await page.locator('[data-testid="staff-district"] option').nth(1).waitFor({ state: 'attached' });
    const district = (await page
      .locator('[data-testid="staff-district"] option')
      .nth(1)
      .getAttribute('value'))!;
    await page.getByTestId('staff-district').selectOption(district);
    await screenshotsBothLanguages(page, 'admin-staff-form');
    await page.getByTestId('staff-save').click();
    const row = page.locator('[data-testid="staff-row"]', { hasText: username });
    await row.waitFor();
    const adminApi = await ApiClient.login(baseUrl, 'admin', password);
    const created = (
      await adminApi.get<{ id: string; username: string; crewId: string; district: string }[]>('/staff')
    ).body.find((u) => u.username === username)!;
    expect(created).toMatchObject({ crewId, district });

    // The same username again: said in Chinese.
    await page.getByTestId('staff-add').click();
    const [user2, name2] = await page.getByTestId('staff-form').getByRole('textbox').all();
    await user2!.fill(username);
    await name2!.fill('重复');
    await page.getByTestId('staff-form').locator('input[type="password"]').fill('long-enough-1');
    await page.getByTestId('staff-save').click();
    await page.getByText(`用户名 ${username} 已被占用，请换一个`).waitFor();
    await page.getByTestId('staff-form').getByRole('button', { name: '取消' }).click();

    await row.getByTestId('staff-disable').click();
    await row.scrollIntoViewIfNeeded();
    await screenshotsBothLanguages(page, 'admin-staff-confirm-disable');
    expect(
      (await adminApi.get<{ id: string; disabled: boolean }[]>('/staff')).body.find(
        (u) => u.id === created.id,
      )!.disabled,
    ).toBe(false);
    await row.getByTestId('staff-disable-confirm').click();
    await row.getByTestId('staff-enable').waitFor();
    expect(
      (await adminApi.get<{ id: string; disabled: boolean }[]>('/staff')).body.find(
        (u) => u.id === created.id,
      )!.disabled,
    ).toBe(true);
    await page.close();
  });
});
