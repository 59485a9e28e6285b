import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LatLng, Ticket, TimelineKind } from '@gd/domain';
import { DEFAULT_POLICY, type SlaPolicy } from '@gd/sla';
import { and, eq } from 'drizzle-orm';
import { notifications, ticketEvents } from '../db/schema/index.js';
import { DEMO_ZONES } from '../demo/territory.js';
import type { TestApp } from '../test/harness.js';

/** Test helpers of the SLA suites (not a test file itself). */

/** The middle of a demo zone (inside it, away from its neighbours). */
export function centerOf(zoneId: string): LatLng {
  const zone = DEMO_ZONES.find((z) => z.id === zoneId);
  if (!zone) throw new Error(`no demo zone ${zoneId}`);
  const [minLat, minLng, maxLat, maxLng] = zone.box;
  return { lat: (minLat + maxLat) / 2, lng: (minLng + maxLng) / 2 };
}

export async function createRepair(
  t: TestApp,
  token: string,
  zoneId: string,
  extra: Record<string, unknown> = {},
) {
  const res = await t.request<Ticket>('POST', '/tickets', {
    token,
    body: { type: 'fault_repair', location: centerOf(zoneId), description: '整栋楼停电', ...extra },
  });
  if (res.status !== 201) throw new Error(`create failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/**
 * A policy file with fast fault-repair clocks (arrival and restoration in seconds) for the escalation suites;
 * the other types keep the default rules.
 */
export function fastPolicyFile(arrivalSeconds: number, restorationSeconds = 3600): string {
  const policy: SlaPolicy = {
    id: 'test-fast',
    rules: [
      ...(['urban', 'rural', 'remote'] as const).map((zoneClass) => ({
        type: 'fault_repair' as const,
        zoneClass,
        clocks: [
          {
            kind: 'arrival' as const,
            minutes: arrivalSeconds / 60,
            calendar: 'wall' as const,
            startsFrom: 'accepted' as const,
            judgedOn: 'each' as const,
          },
          {
            kind: 'restoration' as const,
            minutes: restorationSeconds / 60,
            calendar: 'wall' as const,
            startsFrom: 'accepted' as const,
            judgedOn: 'each' as const,
          },
        ],
      })),
      ...DEFAULT_POLICY.rules.filter((r) => r.type !== 'fault_repair'),
    ],
  };
  const dir = mkdtempSync(join(tmpdir(), 'gd-sla-'));
  const file = join(dir, 'policy.json');
  writeFileSync(file, JSON.stringify(policy));
  return file;
}

/** How many timeline entries and notifications of `kind` (sla.warning / sla.breached) an order has. */
export async function escalationRecords(t: TestApp, ticketId: string, kind: string) {
  const timeline = await t.database.db
    .select()
    .from(ticketEvents)
    .where(and(eq(ticketEvents.ticketId, ticketId), eq(ticketEvents.kind, kind as TimelineKind)));
  const notices = await t.database.db
    .select()
    .from(notifications)
    .where(and(eq(notifications.ticketId, ticketId), eq(notifications.kind, kind)));
  return { timeline, notices };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `check` until it returns true or `ms` pass. */
export async function waitFor(check: () => Promise<boolean> | boolean, ms = 10_000, every = 100) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await check()) return;
    await sleep(every);
  }
  throw new Error(`condition not met within ${ms} ms`);
}
