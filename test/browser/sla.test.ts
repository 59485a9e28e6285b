import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Customer, Ticket } from '@gd/domain';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../support/api.js';
import { hasChromium, launch, screenshot } from '../support/browser.js';
import { signIn } from '../support/flows.js';
import { type RunningSystem, startSystem } from '../support/system.js';

/**
 * A system of its own with a short fault-repair clock (arrival 9 s): the warning comes at once (fewer than 10 minutes
 * left), the breach 9 s after acceptance. The first responder's console must show both as they happen.
 */
describe.runIf(hasChromium)('SLA warnings and breaches in a connected browser', () => {
  let system: RunningSystem;
  let context: BrowserContext;

  beforeAll(async () => {
    const policy = join(tmpdir(), `gd-sla-browser-${process.pid}.json`);
    writeFileSync(
      policy,
      JSON.stringify({
        id: 'browser-test',
        rules: [
          {
            type: 'fault_repair',
            clocks: [
              { kind: 'arrival', minutes: 0.15 },
              { kind: 'restoration', minutes: 240 },
            ],
          },
        ],
      }),
    );
    system = await startSystem({ env: { SLA_POLICY_FILE: policy } });
    context = await launch();
  });
  afterAll(async () => {
    await context?.close();
    await system?.stop();
  });

  it('shows the first responder the warning and then the breach, on time, and the badge turns red', async () => {
    const page = await signIn(context, `${system.url}/queue`, 'agent1', system.password);
    await page.getByTestId('notifications').waitFor();
    const agent = await ApiClient.login(system.url, 'agent1', system.password);
    const customer = (
      await agent.get<{ items: Customer[] }>(`/customers?q=${encodeURIComponent('芙蓉中路')}`)
    ).body.items[0]!;
    const order = (
      await agent.post<Ticket>(
        '/tickets',
        { type: 'fault_repair', customerId: customer.id, description: '停电' },
        {
          'Idempotency-Key': 'sla-browser',
        },
      )
    ).body;
    const dueAt = Date.parse(order.sla.arrival!.dueAt);
    const notices = page.getByTestId('notifications');

    await expect
      .poll(() => notices.innerText(), { timeout: 5_000 })
      .toMatch(new RegExp(`${order.number}.*即将超时`));
    await expect
      .poll(() => notices.innerText(), { timeout: 15_000 })
      .toMatch(new RegExp(`${order.number}.*已超时`));
    const breachSeenAt = Date.now();
    expect(breachSeenAt).toBeGreaterThanOrEqual(dueAt); // never early
    expect(breachSeenAt - dueAt).toBeLessThan(5_000); // target 1 s; generous for a loaded CI machine

    const row = page.locator(`[data-testid="queue-row"][data-ticket-id="${order.id}"]`);
    await expect.poll(() => row.getByTestId('sla-badge').first().getAttribute('data-state')).toBe('breached');
    await screenshot(page, 'console-sla-breach');
    const timeline = (await agent.get<{ kind: string }[]>(`/tickets/${order.id}/timeline`)).body.map(
      (e) => e.kind,
    );
    expect(timeline).toEqual(expect.arrayContaining(['sla.warning', 'sla.breached']));
  });
});
