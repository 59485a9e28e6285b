import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { messages } from '../db/schema/index.js';
import { createRepair, fastPolicyFile, sleep, waitFor } from '../sla/sla.fixtures.js';
import { DATABASES, startTestApp, type TestApp } from '../test/harness.js';

describe.each(DATABASES)('escalation messages to staff on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind, {
      env: {
        SLA_POLICY_FILE: fastPolicyFile(2),
        MESSAGES_POLL_MS: '0',
        MESSAGES_ESCALATION_TO: '13800000001, 13900000002',
      },
    });
  });
  afterAll(() => t?.close());

  it('refuses a configured recipient that is not a phone number, and bad provider template ids', () => {
    expect(() => loadConfig({ MESSAGES_TEMPLATE_IDS: '[1]' })).toThrow(/MESSAGES_TEMPLATE_IDS/);
    expect(() => loadConfig({ MESSAGES_ESCALATION_TO: '13800000001, 12345' })).toThrow(
      /MESSAGES_ESCALATION_TO: must be phone numbers/,
    );
  });

  it('tells each configured phone once when an order breaches its arrival limit', async () => {
    const order = await createRepair(t, await t.token('agent1'), 'CS-U-YL');
    const breached = () => t.database.db.select().from(messages).where(eq(messages.template, 'sla_breached'));
    await waitFor(async () => (await breached()).length >= 2, 10_000, 50);
    await sleep(800); // the scheduler keeps running: nothing more comes
    const rows = (await breached()).filter((m) => m.variables.number === order.number);
    expect(rows.map((r) => r.to).sort()).toEqual(['+8613800000001', '+8613900000002']);
    expect(rows.every((r) => r.routine === false && r.ticketId === null && r.status === 'queued')).toBe(true);
    expect(rows[0]!.text).toMatch(
      new RegExp(`^工单${order.number}到达时限已超时（应于\\d+月\\d+日 \\d\\d:\\d\\d前完成）`),
    );
  });
});
