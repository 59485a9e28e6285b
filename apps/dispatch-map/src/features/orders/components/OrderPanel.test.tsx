import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { crew, ticket } from '../../../test/fixtures';
import { fakeFetch, json, renderWithQuery } from '../../../test/render';
import { OrderPanel } from './OrderPanel';

afterEach(() => vi.unstubAllGlobals());

const DISPATCHER = 'dispatcher' as const;

const order = ticket({ id: 't9', status: 'accepted' });
const crews = new Map([
  ['c1', crew({ id: 'c1', name: '岳麓抢修一班' })],
  ['c2', crew({ id: 'c2', name: '天心抢修二班', status: 'returning' })],
]);
const candidates = [
  {
    crewId: 'c1',
    distanceKm: 2.345,
    etaMinutes: 7.6,
    meetsArrivalSla: true,
    skillsOk: true,
    status: 'available',
  },
  {
    crewId: 'c2',
    distanceKm: 21.2,
    etaMinutes: 41,
    meetsArrivalSla: false,
    skillsOk: false,
    status: 'returning',
  },
];

function panel(role: 'dispatcher' | 'agent' = 'dispatcher', onDispatched = vi.fn()) {
  renderWithQuery(
    <OrderPanel
      ticket={order}
      role={role}
      timeZone="Asia/Shanghai"
      crewOf={(id) => crews.get(id)}
      onClose={() => undefined}
      onDispatched={onDispatched}
    />,
  );
  return onDispatched;
}

describe('OrderPanel', () => {
  it('lists ranked crews with ETA, distance and SLA fit, and assigns the chosen one', async () => {
    const api = fakeFetch([
      { path: '/api/tickets/t9/candidates', respond: () => json(candidates) },
      {
        method: 'POST',
        path: '/api/tickets/t9/dispatch',
        respond: (init) =>
          json({ ...order, status: 'dispatched', crewId: JSON.parse(String(init?.body)).crewId }),
      },
    ]);
    vi.stubGlobal('fetch', api.fn);
    const onDispatched = panel();
    const rows = await screen.findAllByTestId('candidate-row');
    expect(rows.map((r) => r.dataset.crewId)).toEqual(['c1', 'c2']);
    expect(screen.getByTestId('order-open-console').getAttribute('href')).toBe('/tickets/t9');
    expect(rows[0]!.textContent).toContain('岳麓抢修一班');
    expect(rows[0]!.textContent).toContain('8 分钟');
    expect(rows[0]!.textContent).toContain('2.3 公里');
    expect(rows[1]!.textContent).toContain('将超时');
    expect(rows[1]!.textContent).toContain('技能不足');

    fireEvent.click(within(rows[1]!).getByTestId('assign-button'));
    await waitFor(() => expect(onDispatched).toHaveBeenCalled());
    expect(api.calls.find((c) => c.method === 'POST')?.body).toEqual({ crewId: 'c2' });
    expect((await screen.findByTestId('dispatch-notice')).textContent).toContain('天心抢修二班');
  });

  it('lets the server choose with the auto button', async () => {
    const api = fakeFetch([
      { path: '/api/tickets/t9/candidates', respond: () => json(candidates) },
      { method: 'POST', path: '/api/tickets/t9/dispatch', respond: () => json({ ...order, crewId: 'c1' }) },
    ]);
    vi.stubGlobal('fetch', api.fn);
    panel();
    fireEvent.click(await screen.findByTestId('auto-assign-button'));
    await screen.findByTestId('dispatch-notice');
    expect(api.calls.find((c) => c.method === 'POST')?.body).toEqual({});
  });

  it('shows the API error when candidates are unavailable', async () => {
    vi.stubGlobal('fetch', fakeFetch([]).fn);
    panel();
    expect((await screen.findByTestId('error-box')).textContent).toContain('404');
  });

  it('offers no assign buttons to a role the status machine does not allow', async () => {
    vi.stubGlobal(
      'fetch',
      fakeFetch([{ path: '/api/tickets/t9/candidates', respond: () => json(candidates) }]).fn,
    );
    panel('agent');
    const rows = await screen.findAllByTestId('candidate-row');
    expect((within(rows[0]!).getByTestId('assign-button') as HTMLButtonElement).disabled).toBe(true);
    expect(screen.queryByTestId('auto-assign-button')).toBeNull();
  });

  it('disables the assign buttons on an order that already has a crew, until reassigning is asked for', async () => {
    const api = fakeFetch([
      { path: '/api/tickets/t8/candidates', respond: () => json(candidates) },
      {
        method: 'POST',
        path: '/api/tickets/t8/dispatch',
        respond: () => json({ ...order, id: 't8', status: 'dispatched', crewId: 'c2' }),
      },
    ]);
    vi.stubGlobal('fetch', api.fn);
    renderWithQuery(
      <OrderPanel
        ticket={ticket({ id: 't8', status: 'dispatched', crewId: 'c1' })}
        role={DISPATCHER}
        timeZone="Asia/Shanghai"
        crewOf={(id) => crews.get(id)}
        onClose={() => undefined}
        onDispatched={() => undefined}
      />,
    );
    const rows = await screen.findAllByTestId('candidate-row');
    expect((within(rows[1]!).getByTestId('assign-button') as HTMLButtonElement).disabled).toBe(true);
    expect(screen.queryByTestId('auto-assign-button')).toBeNull();
    expect(screen.getByTestId('already-assigned').textContent).toContain('岳麓抢修一班');
    fireEvent.click(screen.getByTestId('reassign-button'));
    fireEvent.click(within(rows[1]!).getByTestId('assign-button'));
    await waitFor(() => expect(api.calls.some((c) => c.method === 'POST')).toBe(true));
    expect(api.calls.find((c) => c.method === 'POST')?.body).toEqual({ crewId: 'c2' });
  });
});
