import type { LatLng, PolygonGeometry, Ticket, TicketStatus } from '@gd/domain';
import { and, eq, isNotNull } from 'drizzle-orm';
import type { Actor } from '../common/actor.js';
import { crews, customers, staff } from '../db/schema/index.js';
import { inTransaction } from '../db/transaction.js';
import type { TestApp } from '../test/harness.js';
import { TicketWorkflowService, type TransitionOptions } from './ticket-workflow.service.js';

/** Test helpers shared by the work-order suites (not a test file itself). */
export async function urbanCustomers(t: TestApp, n = 5) {
  return t.database.db.select().from(customers).where(eq(customers.zoneClass, 'urban')).limit(n);
}

export async function userId(t: TestApp, username: string) {
  const row = await t.database.db.query.staff.findFirst({ where: eq(staff.username, username) });
  return row!.id;
}

/** The crew of a crew lead account (crew01 → its crew id). */
export async function crewOf(t: TestApp, username: string) {
  const row = await t.database.db.query.staff.findFirst({
    where: and(eq(staff.username, username), isNotNull(staff.crewId)),
  });
  return row!.crewId!;
}

export async function crewRow(t: TestApp, crewId: string) {
  return (await t.database.db.query.crews.findFirst({ where: eq(crews.id, crewId) }))!;
}

/** Moves an order through the workflow service directly, as dispatch and the geofence do. */
export async function move(
  t: TestApp,
  ticketId: string,
  to: TicketStatus,
  actor: Actor,
  opts?: TransitionOptions,
) {
  const workflow = t.app.get(TicketWorkflowService, { strict: false });
  return inTransaction(t.database.db, (tx) => workflow.transition(tx, ticketId, to, actor, opts));
}

export const DISPATCH: Actor = { system: 'auto-dispatch', role: 'dispatcher' };

export async function createOrder(
  t: TestApp,
  token: string,
  body: Record<string, unknown>,
  headers?: Record<string, string>,
): Promise<Ticket> {
  const res = await t.request<Ticket>('POST', '/tickets', { token, body, headers });
  if (res.status !== 201) throw new Error(`create failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** A square around a point, `km` on each side (a closed GeoJSON ring). */
export function squareAround(p: LatLng, km: number): PolygonGeometry {
  const dLat = km / 2 / 111;
  const dLng = dLat / Math.cos((p.lat * Math.PI) / 180);
  return {
    type: 'Polygon',
    coordinates: [
      [
        [p.lng - dLng, p.lat - dLat],
        [p.lng + dLng, p.lat - dLat],
        [p.lng + dLng, p.lat + dLat],
        [p.lng - dLng, p.lat + dLat],
        [p.lng - dLng, p.lat - dLat],
      ],
    ],
  };
}
