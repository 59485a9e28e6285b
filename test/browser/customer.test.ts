import type { Ticket } from '@gd/domain';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../support/api.js';
import { hasChromium, launch, screenshot } from '../support/browser.js';
import { signIn } from '../support/flows.js';
import { type RunningSystem, startSystem } from '../support/system.js';

/**
 * A customer on a phone-sized screen reports a fault on /report, proves the phone with the code that arrives on
 * the log channel, receives the acceptance message there, and follows the order on /track while a crew drives.
 * Its own system, so the test can read the server log the messages are printed to.
 */
describe.runIf(hasChromium)('the public pages in Chromium at 390×844', () => {
  let system: RunningSystem;
  let phoneBrowser: BrowserContext;
  let log = '';

  beforeAll(async () => {
    system = await startSystem({ env: { LOG_LEVEL: 'log', MESSAGES_QUIET_HOURS: 'off', NO_COLOR: '1' } });
    system.process.stdout?.on('data', (c: Buffer) => (log += c.toString()));
    phoneBrowser = await launch({ mobile: true });
  });
  afterAll(async () => {
    await phoneBrowser?.close();
    await system?.stop();
  });

  /** The text of the newest message the log channel printed to `phone` (masked there) that matches `pattern`. */
  const printed = (phone: string, pattern: RegExp) => {
    const digits = phone.replace(/^\+86/, '');
    const masked = `${digits.slice(0, 3)}****${digits.slice(-4)}`;
    return log
      .split('\n')
      .filter((l) => l.includes(`→ ${masked} `) && pattern.test(l))
      .at(-1);
  };

  it('reports a fault with a verified phone, gets the messages, and follows the crew on /track', async () => {
    const phone = `+86136${String(Date.now()).slice(-8)}`;
    const page = await phoneBrowser.newPage();
    await page.goto(`${system.url}/report`);
    await page.getByRole('heading', { name: '95598 供电服务' }).waitFor();

    // Place: a tap on the map.
    const map = page.getByTestId('customer-map');
    const box = (await map.boundingBox())!;
    expect(box.width).toBeLessThanOrEqual(390);
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await expect.poll(() => page.getByTestId('picked').textContent()).toMatch(/\d+\.\d{5}, \d+\.\d{5}/);

    await page.getByLabel('情况说明').fill('整栋楼停电，楼道灯也不亮');
    await page.getByLabel('手机号码').fill(phone.slice(3));
    await page.getByRole('button', { name: '获取验证码' }).click();
    await page.getByText('验证码已发送').waitFor();
    await expect.poll(() => printed(phone, /验证码为\d{6}/), { timeout: 15_000 }).toBeTruthy();
    const code = /验证码为(\d{6})/.exec(printed(phone, /验证码为/)!)![1]!;

    // A wrong code is refused, the right one makes the order.
    await page.getByLabel('验证码').fill(code === '000000' ? '111111' : '000000');
    await page.getByRole('button', { name: '提交报修' }).click();
    await page.getByRole('alert').waitFor();
    await page.getByLabel('验证码').fill(code);
    await page.getByRole('button', { name: '提交报修' }).click();
    const number = (await page.getByTestId('order-number').textContent())!;
    expect(number).toMatch(/^GD\d{14}$/);
    await expect
      .poll(() => printed(phone, new RegExp(`工单号${number}`)), { timeout: 15_000 })
      .toContain(`/track/${number}`);
    await screenshot(page, 'customer-report');

    // Follow it.
    await page.getByRole('link', { name: '查看进度' }).click();
    await page.waitForURL(`**/track/${number}?phone=*`);
    await expect.poll(() => page.getByTestId('status-text').textContent()).toMatch(/已受理/);

    // A crew is sent and drives there.
    const dispatcher = await ApiClient.login(system.url, 'dispatcher1', system.password);
    const order = (await dispatcher.get<Ticket>(`/tickets/${number}`)).body;
    const crew = await ApiClient.login(system.url, 'crew07', system.password);
    expect(
      (await dispatcher.post(`/tickets/${order.id}/dispatch`, { crewId: crew.user.crewId })).status,
    ).toBe(200);
    await expect.poll(() => printed(phone, /已派出，预计\d+分钟到达/), { timeout: 15_000 }).toBeTruthy();
    for (const to of ['acknowledged', 'en_route']) {
      expect((await crew.post(`/tickets/${order.id}/transition`, { to })).status).toBe(200);
    }
    const near = { lat: order.location!.lat + 0.01, lng: order.location!.lng + 0.01 };
    await crew.post(`/crews/${crew.user.crewId}/positions`, [
      { ...near, recordedAt: new Date().toISOString() },
    ]);
    await expect
      .poll(
        async () => {
          await page.reload();
          return page.getByTestId('status-text').textContent();
        },
        { timeout: 20_000, interval: 1000 },
      )
      .toMatch(/^抢修人员在路上，预计 \d+ 分钟$/);
    await page.locator('.cu-crew').waitFor();
    const text = (await page.locator('body').textContent())!;
    const crewName = (await dispatcher.get<{ name: string }>(`/crews/${crew.user.crewId}`)).body.name;
    expect(await page.getByTestId('crew').textContent()).toContain(crewName);
    expect(text).not.toContain(phone.slice(3));
    await screenshot(page, 'customer-track');

    // Arrived (by hand, its phone 300 m away: the server refuses a manual arrival more than 1 km off): no more crew
    // position on the page.
    await crew.post(`/crews/${crew.user.crewId}/positions`, [
      { lat: order.location!.lat + 0.0027, lng: order.location!.lng, recordedAt: new Date().toISOString() },
    ]);
    expect((await crew.post(`/tickets/${order.id}/transition`, { to: 'on_site' })).status).toBe(200);
    await page.reload();
    await expect.poll(() => page.getByTestId('status-text').textContent()).toBe('抢修人员已到达现场');
    expect(await page.locator('.cu-crew').count()).toBe(0);
    await page.close();

    // The agent sees on the order's page what the customer was told.
    const desk = await launch();
    try {
      const console = await signIn(desk, `${system.url}/tickets/${order.id}`, 'agent1', system.password);
      await expect
        .poll(() => console.getByTestId('messages-summary').textContent(), { timeout: 15_000 })
        .toMatch(/已告知客户 [34] 条/);
      const panel = (await console.getByTestId('messages').textContent())!;
      expect(panel).toContain('受理通知');
      expect(panel).toContain('派单通知');
      await screenshot(console, 'console-order-messages');
    } finally {
      await desk.close();
    }
  });

  it('binds the phone to WeChat from /track after WeChat authorises (the local stand-in plays WeChat)', async () => {
    const phone = `+86139${String(Date.now()).slice(-8)}`;
    const res = await fetch(`${system.url}/api/public/wechat/authorize-url?number=GD20261205000001`);
    const back = new URL(((await res.json()) as { url: string }).url);
    expect(back.searchParams.get('state')).toBe('wechat');
    const page = await phoneBrowser.newPage();
    try {
      await page.goto(`${system.url}${back.pathname}${back.search}`);
      await page.getByRole('heading', { name: '用微信接收进度通知' }).waitFor();
      await page.getByLabel('手机号码').fill(phone.slice(3));
      await page.getByRole('button', { name: '获取验证码' }).click();
      await expect.poll(() => printed(phone, /验证码为\d{6}/), { timeout: 15_000 }).toBeTruthy();
      const code = /验证码为(\d{6})/.exec(printed(phone, /验证码为/)!)![1]!;
      await page.getByLabel('验证码', { exact: true }).fill(code);
      await page.getByRole('button', { name: '确认绑定' }).click();
      await page.getByTestId('wechat-bound').waitFor();
      await screenshot(page, 'customer-wechat-bound');
    } finally {
      await page.close();
    }
  });

  it('shows the outages in force on /outages, with no customer data', async () => {
    const dispatcher = await ApiClient.login(system.url, 'dispatcher1', system.password);
    const at = { lat: 28.2, lng: 112.95 };
    const d = 0.004;
    const ring = [
      [at.lng - d, at.lat - d],
      [at.lng + d, at.lat - d],
      [at.lng + d, at.lat + d],
      [at.lng - d, at.lat + d],
      [at.lng - d, at.lat - d],
    ];
    const published = await dispatcher.post<{ id: string }>('/outages', {
      kind: 'fault',
      area: { type: 'Polygon', coordinates: [ring] },
      startsAt: new Date(Date.now() - 60_000).toISOString(),
      description: '公开页测试台区故障',
      estimatedRestoreAt: new Date(Date.now() + 2 * 3600_000).toISOString(),
    });
    expect(published.status).toBe(201);
    const page = await phoneBrowser.newPage();
    try {
      await page.goto(`${system.url}/outages`);
      await page.getByText('公开页测试台区故障').waitFor();
      expect(await page.getByRole('link', { name: '停电信息' }).getAttribute('aria-current')).toBe('page');
      await screenshot(page, 'customer-outages');
    } finally {
      await page.close();
      await dispatcher.post(`/outages/${published.body.id}/restore`, {});
    }
  });
});
