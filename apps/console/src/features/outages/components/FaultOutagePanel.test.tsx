import { type PolygonGeometry, polygonContains, type Ticket } from '@gd/domain';
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeServer, renderWithApp } from '../../../test/render.js';
import { FaultOutagePanel } from './FaultOutagePanel.js';

const order = {
  id: 't1',
  number: 'GD20261203000038',
  type: 'fault_repair',
  status: 'accepted',
  address: '五一大道 100 号',
  district: '芙蓉区',
  location: { lat: 28.1946, lng: 112.9827 },
  outageId: null,
  parentId: null,
} as unknown as Ticket;

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('FaultOutagePanel', () => {
  it('publishes the fault outage of a repair order around its location, with it as the master', async () => {
    const calls = fakeServer((method) => (method === 'POST' ? [201, { id: 'o1' }] : [200, []]));
    renderWithApp(<FaultOutagePanel ticket={order} />);
    fireEvent.click(await screen.findByTestId('fault-outage-submit'));
    await waitFor(() => expect(calls.some((c) => c.method === 'POST')).toBe(true));
    const body = calls.find((c) => c.method === 'POST')!.body as { area: PolygonGeometry } & Record<
      string,
      unknown
    >;
    expect(body).toMatchObject({ kind: 'fault', ticketId: 't1' });
    expect(String(body.description)).toContain('五一大道 100 号');
    expect(Date.parse(String(body.estimatedRestoreAt)) - Date.now()).toBeGreaterThan(100 * 60_000);
    expect(polygonContains(body.area, order.location!)).toBe(true);
  });

  it('offers nothing on a child of an outage: its master’s outage covers it', async () => {
    const calls = fakeServer(() => [200, [{ id: 'o9', ticketId: 'master', status: 'active' }]]);
    renderWithApp(<FaultOutagePanel ticket={{ ...order, outageId: 'o9', parentId: 'master' }} />);
    await waitFor(() => expect(calls.some((c) => c.url.startsWith('/api/outages'))).toBe(true));
    expect(screen.queryByTestId('fault-outage-form')).toBeNull();
    expect(screen.queryByTestId('fault-outage')).toBeNull();
  });
});
