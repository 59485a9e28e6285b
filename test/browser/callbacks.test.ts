import type { Ticket } from '@gd/domain';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ApiClient } from '../support/api.js';
import { hasChromium, launch, screenshot, screenshotsBothLanguages } from '../support/browser.js';
import { eventually, signIn } from '../support/flows.js';
import { completedRepair, customersMatching } from '../support/orders.js';

const baseUrl = inject('baseUrl');
const password = inject('password');

describe.runIf(hasChromium)('QA callbacks and the supervisor dashboard in Chromium', () => {
  let context: BrowserContext;
  let firstResponder: BrowserContext;
  let supervisor: ApiClient;

  beforeAll(async () => {
    context = await launch();
    firstResponder = await launch();
    supervisor = await ApiClient.login(baseUrl, 'supervisor1', password);
  });
  afterAll(async () => {
    await context?.close();
    await firstResponder?.close();
  });

  async function surveyRow(page: Awaited<ReturnType<typeof signIn>>, number: string) {
    const row = page.locator(`[data-testid="callback-row"][data-ticket-number="${number}"]`);
    await row.waitFor({ timeout: 15_000 });
    await row.click();
    await page.getByTestId('survey-form').waitFor();
  }

  it('lets QA complete a satisfied survey from the queue, which closes the order', async () => {
    const agent = await ApiClient.login(baseUrl, 'agent1', password);
    const [customer] = await customersMatching(agent, '营盘路');
    const order = await completedRepair(baseUrl, password, customer!, '客户家中跳闸');
    expect(order.status).toBe('completed');

    const page = await signIn(context, `${baseUrl}/callbacks`, 'qa1', password);
    await surveyRow(page, order.number);
    await page.getByTestId('callback-report').waitFor(); // the crew's report beside the survey
    expect(await page.getByTestId('callback-report').innerText()).toContain('低压线路接头松动');
    await page.getByTestId('survey-reached').click();
    await page.getByTestId('survey-resolved-yes').click();
    await page.getByTestId('survey-satisfaction-satisfied').click();
    await screenshot(page, 'console-callback-survey');
    await page.getByTestId('survey-submit').click();
    await page.getByTestId('survey-result').waitFor();
    await eventually(async () => {
      expect((await agent.get<Ticket>(`/tickets/${order.id}`)).body.status).toBe('closed');
    });
    await page.close();
  });

  it('sends a dissatisfied order back to dispatch, and its first responder sees it', async () => {
    const agent = await ApiClient.login(baseUrl, 'agent1', password);
    const [customer] = await customersMatching(agent, '车站北路');
    const order = await completedRepair(baseUrl, password, customer!, '电压不稳，灯光闪烁');

    // agent1, the first responder, is at their queue when QA calls back.
    const agentPage = await signIn(firstResponder, `${baseUrl}/queue`, 'agent1', password);
    await agentPage.getByTestId('notifications').waitFor();

    const page = await signIn(context, `${baseUrl}/callbacks`, 'qa1', password);
    await surveyRow(page, order.number);
    await page.getByTestId('survey-reached').click();
    await page.getByTestId('survey-resolved-no').click();
    await page.getByTestId('survey-satisfaction-dissatisfied').click();
    await page.getByTestId('survey-comment').fill('修完第二天又闪了');
    await page.getByTestId('survey-submit').click();
    await page.getByTestId('survey-result').waitFor();

    await eventually(async () => {
      const t = (await agent.get<Ticket>(`/tickets/${order.id}`)).body;
      expect(t).toMatchObject({ status: 'accepted', reopenCount: 1, firstResponderId: agent.user.id });
    });
    await eventually(async () => {
      expect(await agentPage.getByTestId('notifications').innerText()).toContain(order.number);
    });
    await screenshot(agentPage, 'console-first-responder-notified');
    await agentPage.close();
    await page.close();
  });

  it('draws the daily trend of a single day as points, not an empty chart', async () => {
    const agent = await ApiClient.login(baseUrl, 'agent1', password);
    const [customer] = await customersMatching(agent, '金星中路');
    await completedRepair(baseUrl, password, customer!, '表箱内开关烧毁');
    const page = await signIn(context, `${baseUrl}/dashboard`, 'supervisor1', password);
    await page.getByTestId('live-tiles').waitFor();
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(Date.now());
    await page.getByTestId('filter-from').fill(today);
    await page.getByTestId('filter-to').fill(today);
    await page.getByTestId('filter-apply').click();
    const chart = page.getByTestId('chart-trend');
    // One day, both lines (arrival and restoration on time) as a visible dot each inside the plot.
    const dots = chart.locator('.recharts-line-dots circle');
    await expect.poll(() => dots.count(), { timeout: 15_000 }).toBe(2);
    const plot = (await chart.locator('.recharts-cartesian-grid').boundingBox())!;
    for (const dot of await dots.all()) {
      expect(Number(await dot.getAttribute('r'))).toBeGreaterThanOrEqual(3);
      // Filled in the line's colour, not a white ring.
      expect(await dot.getAttribute('fill')).toBe(await dot.getAttribute('stroke'));
      const box = (await dot.boundingBox())!;
      expect(box.width).toBeGreaterThan(4);
      expect(box.x).toBeGreaterThanOrEqual(plot.x - box.width);
      expect(box.x + box.width).toBeLessThanOrEqual(plot.x + plot.width + box.width);
    }
    // The day is labelled under its point.
    expect(await chart.locator('.recharts-wrapper svg text').allTextContents()).toContain(today.slice(5));
    await chart.scrollIntoViewIfNeeded();
    await screenshotsBothLanguages(page, 'dashboard-trend-one-day');
    await page.close();
  });

  it('draws the dashboard’s charts for a date range', async () => {
    const page = await signIn(context, `${baseUrl}/dashboard`, 'supervisor1', password);
    await page.getByTestId('live-tiles').waitFor();
    // Dates as the supervisor picks them: days of the business time zone (after 16:00 UTC it is already tomorrow).
    const day = (at: number) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(at);
    const today = day(Date.now());
    const weekAgo = day(Date.now() - 7 * 86_400_000);
    await page.getByTestId('filter-from').fill(weekAgo);
    await page.getByTestId('filter-to').fill(today);
    await page.getByTestId('filter-apply').click();
    for (const chart of ['chart-trend', 'chart-districts', 'chart-histogram']) {
      await page.locator(`[data-testid="${chart}"] svg`).first().waitFor({ timeout: 15_000 });
    }
    expect(
      Number(
        await page
          .getByTestId('kpi-orders')
          .innerText()
          .then((s) => s.replace(/\D/g, '')),
      ),
    ).toBeGreaterThan(0);
    await screenshot(page, 'console-dashboard');
    // An inverted range is refused with a clear message and cannot be applied.
    await page.getByTestId('filter-from').fill(today);
    await page.getByTestId('filter-to').fill(weekAgo);
    await page.getByTestId('filter-errors').waitFor();
    expect(await page.getByTestId('filter-apply').isDisabled()).toBe(true);
    // …and the API refuses it too.
    const inverted = await supervisor.get(
      `/reports/overview?from=${today}T00:00:00Z&to=${weekAgo}T00:00:00Z`,
    );
    expect(inverted.status).toBe(400);
    await page.close();
  });
});
