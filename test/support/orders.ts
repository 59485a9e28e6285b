import type { Candidate, Customer, Ticket, User } from '@gd/domain';
import { ApiClient } from './api.js';

/** Demo customers (urban) matching `q`, for tests that need callers. */
export async function customersMatching(api: ApiClient, q: string): Promise<Customer[]> {
  const res = await api.get<{ items: Customer[] }>(`/customers?q=${encodeURIComponent(q)}`);
  return res.body.items.filter((c) => c.zoneClass === 'urban');
}

/**
 * Takes a fault order through the whole repair through the public API, as the people would: the agent creates it,
 * the dispatcher sends the best crew, the crew acknowledges, arrives (by hand, with a reason, its phone near the
 * site), restores, completes.
 */
export async function completedRepair(
  baseUrl: string,
  password: string,
  customer: Customer,
  description: string,
): Promise<Ticket> {
  const agent = await ApiClient.login(baseUrl, 'agent1', password);
  const dispatcher = await ApiClient.login(baseUrl, 'dispatcher1', password);
  const order = await agent.post<Ticket>(
    '/tickets',
    { type: 'fault_repair', customerId: customer.id, description },
    { 'Idempotency-Key': `repair-${customer.id}-${Date.now()}` },
  );
  if (order.status !== 201) throw new Error(`create: ${order.status} ${JSON.stringify(order.body)}`);
  const top = (await dispatcher.get<Candidate[]>(`/tickets/${order.body.id}/candidates`)).body[0];
  if (!top) throw new Error('no candidate crew');
  const sent = await dispatcher.post(`/tickets/${order.body.id}/dispatch`, { crewId: top.crewId });
  if (sent.status !== 200 && sent.status !== 201)
    throw new Error(`dispatch: ${sent.status} ${JSON.stringify(sent.body)}`);
  const lead = (await dispatcher.get<User[]>('/staff')).body.find(
    (s) => s.role === 'crew' && s.crewId === top.crewId,
  )!;
  const crew = await ApiClient.login(baseUrl, lead.username, password);
  const steps: { to: string; note?: string; report?: object }[] = [
    { to: 'acknowledged' },
    { to: 'en_route' },
    { to: 'on_site', note: 'GPS 信号弱，人工确认到达' },
    { to: 'restored' },
    {
      to: 'completed',
      report: { cause: '低压线路接头松动', workDone: '重新压接并恢复送电', materials: '压接管 2 个' },
    },
  ];
  let last: Ticket | undefined;
  for (const step of steps) {
    if (step.to === 'on_site' && order.body.location) {
      // Its phone 300 m from the site (outside the geofence): the server refuses a manual arrival from a crew whose
      // latest fix is more than 1 km away, and another test may have left this crew's last fix anywhere.
      const { lat, lng } = order.body.location;
      await crew.post(`/crews/${top.crewId}/positions`, [
        { lat: lat + 0.0027, lng, recordedAt: new Date().toISOString() },
      ]);
    }
    const res = await crew.post<Ticket>(`/tickets/${order.body.id}/transition`, step);
    if (res.status !== 200 && res.status !== 201)
      throw new Error(`${step.to}: ${res.status} ${JSON.stringify(res.body)}`);
    last = res.body;
  }
  return last!;
}
