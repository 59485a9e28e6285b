import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { crew, ticket } from '../../../test/fixtures';
import { fakeFetch, json, renderWithQuery } from '../../../test/render';
import { CrewPhoneView } from './CrewPhoneView';

const order = ticket({
  id: 't1',
  status: 'dispatched',
  crewId: 'c1',
  customerId: 'cu1',
  location: { lat: 28.2, lng: 112.95 },
  address: '麓山南路 1 号',
});

function server(start: Partial<typeof order> = {}) {
  let online = false;
  let status = start.status ?? order.status;
  const api = fakeFetch([
    { path: '/api/crews/c1', respond: () => json(crew({ id: 'c1', status: 'dispatched', ticketId: 't1' })) },
    { path: '/api/tickets/t1', respond: () => json({ ...order, ...start, status }) },
    {
      path: '/api/customers/cu1',
      respond: () => json({ id: 'cu1', name: '王芳', phone: '0731-8888 1234', address: '', tags: [] }),
    },
    {
      method: 'POST',
      path: '/api/tickets/t1/transition',
      respond: (init) => {
        if (!online) throw new TypeError('Failed to fetch');
        status = JSON.parse(String(init?.body)).to;
        return json({ ...order, ...start, status });
      },
    },
  ]);
  return {
    api,
    goOnline: () => {
      online = true;
    },
  };
}

beforeEach(() => {
  vi.stubGlobal('navigator', { ...navigator, onLine: true });
});
afterEach(() => vi.unstubAllGlobals());

describe('CrewPhoneView', () => {
  it('shows the order with call and navigation links', async () => {
    vi.stubGlobal('fetch', server().api.fn);
    renderWithQuery(<CrewPhoneView crewId="c1" timeZone="Asia/Shanghai" />);
    expect((await screen.findByTestId('crew-order-address')).textContent).toContain('麓山南路 1 号');
    expect((await screen.findByTestId('call-customer')).getAttribute('href')).toBe('tel:073188881234');
    expect(screen.getByTestId('navigate-geo').getAttribute('href')).toMatch(/^geo:28\.2,112\.95/);
    expect(screen.getByTestId('navigate-amap').getAttribute('href')).toContain('uri.amap.com/navigation');
    expect((screen.getByTestId('step-acknowledged') as HTMLButtonElement).disabled).toBe(false);
    expect((screen.getByTestId('step-restored') as HTMLButtonElement).disabled).toBe(true);
  });

  it('keeps a step in the outbox through a network loss and sends it when back online', async () => {
    const s = server();
    vi.stubGlobal('fetch', s.api.fn);
    renderWithQuery(<CrewPhoneView crewId="c1" timeZone="Asia/Shanghai" />);
    fireEvent.click(await screen.findByTestId('step-acknowledged'));

    const notice = await screen.findByTestId('step-notice');
    expect(notice.dataset.kind).toBe('queued');
    expect(screen.getByTestId('outbox-pending').dataset.count).toBe('1');
    // The crew can carry on offline: the order shows as acknowledged and the next step is open.
    expect(screen.getByTestId('crew-order').dataset.status).toBe('acknowledged');
    expect((screen.getByTestId('step-en_route') as HTMLButtonElement).disabled).toBe(false);
    expect(localStorage.getItem('gd.outbox.c1')).toContain('"to":"acknowledged"');

    s.goOnline();
    await act(async () => {
      window.dispatchEvent(new Event('online'));
    });
    await waitFor(() => expect(screen.queryByTestId('outbox-pending')).toBeNull());
    const sent = s.api.calls.filter((c) => c.method === 'POST');
    expect(sent.at(-1)).toMatchObject({ url: '/api/tickets/t1/transition', body: { to: 'acknowledged' } });
    expect(JSON.parse(localStorage.getItem('gd.outbox.c1') ?? '[]')).toEqual([]);
  });

  it('asks a reason for manual arrival before sending it', async () => {
    const s = server({ status: 'en_route' });
    s.goOnline();
    vi.stubGlobal('fetch', s.api.fn);
    renderWithQuery(<CrewPhoneView crewId="c1" timeZone="Asia/Shanghai" />);
    fireEvent.click(await screen.findByTestId('step-on_site'));
    fireEvent.click(screen.getByTestId('step-submit'));
    expect(await screen.findByRole('alert')).toBeTruthy();
    expect(s.api.calls.some((c) => c.method === 'POST')).toBe(false);
    fireEvent.change(screen.getByTestId('arrival-reason'), { target: { value: '地下配电室无 GPS 信号' } });
    fireEvent.click(screen.getByTestId('step-submit'));
    await waitFor(() => expect(screen.getByTestId('step-notice').dataset.kind).toBe('sent'));
    expect(s.api.calls.find((c) => c.method === 'POST')?.body).toEqual({
      to: 'on_site',
      note: '地下配电室无 GPS 信号',
    });
  });

  it('goes off and on duty through the server, not only by stopping GPS sharing', async () => {
    let status = 'available';
    const api = fakeFetch([
      {
        path: '/api/crews/c2',
        respond: () => json(crew({ id: 'c2', status: status as never, ticketId: null })),
      },
      {
        method: 'POST',
        path: '/api/crews/c2/status',
        respond: (init) => {
          status = JSON.parse(String(init?.body)).status;
          return json(crew({ id: 'c2', status: status as never, ticketId: null }));
        },
      },
    ]);
    vi.stubGlobal('fetch', api.fn);
    renderWithQuery(<CrewPhoneView crewId="c2" timeZone="Asia/Shanghai" />);
    const duty = (await screen.findByTestId('duty-switch')) as HTMLInputElement;
    await waitFor(() => expect(duty.checked).toBe(true));
    fireEvent.click(duty);
    await waitFor(() => expect(status).toBe('off_duty'));
    await waitFor(() => expect(duty.checked).toBe(false));
    expect(screen.getByTestId('gps-state').dataset.state).toBe('off');
    fireEvent.click(duty);
    await waitFor(() => expect(status).toBe('available'));
    expect(api.calls.filter((c) => c.method === 'POST').map((c) => c.body)).toEqual([
      { status: 'off_duty' },
      { status: 'available' },
    ]);
  });

  it('shows why the server refuses to let a crew on an order go off duty', async () => {
    const api = fakeFetch([
      {
        path: '/api/crews/c1',
        respond: () => json(crew({ id: 'c1', status: 'dispatched', ticketId: 't1' })),
      },
      { path: '/api/tickets/t1', respond: () => json(order) },
      {
        method: 'POST',
        path: '/api/crews/c1/status',
        respond: () =>
          json({ statusCode: 409, message: 'crew C01 is assigned to an order (t1)', error: 'Conflict' }, 409),
      },
    ]);
    vi.stubGlobal('fetch', api.fn);
    renderWithQuery(<CrewPhoneView crewId="c1" timeZone="Asia/Shanghai" />);
    const duty = (await screen.findByTestId('duty-switch')) as HTMLInputElement;
    await waitFor(() => expect(duty.disabled).toBe(false));
    fireEvent.click(duty);
    expect((await screen.findByTestId('duty-error')).textContent).toContain('assigned to an order');
    await waitFor(() => expect(duty.checked).toBe(true));
  });

  it('asks for confirmation before 已恢复送电, and says when the geofence recorded the arrival', async () => {
    const s = server({ status: 'on_site', arrivalManual: false, arrivedAt: '2026-12-05T02:03:04.000Z' });
    s.goOnline();
    vi.stubGlobal('fetch', s.api.fn);
    renderWithQuery(<CrewPhoneView crewId="c1" timeZone="Asia/Shanghai" />);
    expect((await screen.findByTestId('geofence-arrival')).textContent).toContain('10:03:04');
    fireEvent.click(screen.getByTestId('step-restored'));
    expect(screen.getByTestId('confirm-restored').textContent).toContain('确认');
    expect(s.api.calls.some((c) => c.method === 'POST')).toBe(false);
    fireEvent.click(screen.getByTestId('step-submit'));
    await waitFor(() =>
      expect(s.api.calls.find((c) => c.method === 'POST')?.body).toEqual({ to: 'restored' }),
    );
    await waitFor(() => expect(screen.queryByTestId('geofence-arrival')).toBeNull()); // no longer true
  });

  it('completes with a cause picked from the list and materials with quantities', async () => {
    const s = server({ status: 'restored' });
    s.goOnline();
    vi.stubGlobal('fetch', s.api.fn);
    renderWithQuery(<CrewPhoneView crewId="c1" timeZone="Asia/Shanghai" />);
    fireEvent.click(await screen.findByTestId('step-completed'));
    fireEvent.change(screen.getByTestId('report-work-done'), { target: { value: '更换熔断器后恢复' } });
    fireEvent.click(screen.getByTestId('step-submit'));
    expect(await screen.findByRole('alert')).toBeTruthy(); // no cause yet
    fireEvent.change(screen.getByTestId('report-cause-class'), { target: { value: 'transformer' } });
    fireEvent.click(screen.getByLabelText('高压熔断器熔断'));
    fireEvent.change(screen.getByTestId('report-material-fuse'), { target: { value: '3' } });
    fireEvent.change(screen.getByTestId('report-material-insulated_wire'), { target: { value: '12' } });
    fireEvent.click(screen.getByTestId('step-submit'));
    await waitFor(() =>
      expect(s.api.calls.find((c) => c.method === 'POST')?.body).toEqual({
        to: 'completed',
        report: {
          cause: '配变/开关 · 高压熔断器熔断',
          workDone: '更换熔断器后恢复',
          materials: '熔断器 ×3，绝缘导线 12 米',
        },
      }),
    );
  });

  it('completes with 其他 and the crew’s own words for the cause', async () => {
    const s = server({ status: 'restored' });
    s.goOnline();
    vi.stubGlobal('fetch', s.api.fn);
    renderWithQuery(<CrewPhoneView crewId="c1" timeZone="Asia/Shanghai" />);
    fireEvent.click(await screen.findByTestId('step-completed'));
    fireEvent.change(screen.getByTestId('report-cause-class'), { target: { value: 'other' } });
    fireEvent.change(screen.getByTestId('report-cause-other'), { target: { value: '鸟窝短路' } });
    fireEvent.change(screen.getByTestId('report-work-done'), { target: { value: '清除鸟窝' } });
    fireEvent.click(screen.getByTestId('step-submit'));
    await waitFor(() =>
      expect(s.api.calls.find((c) => c.method === 'POST')?.body).toEqual({
        to: 'completed',
        report: { cause: '鸟窝短路', workDone: '清除鸟窝' },
      }),
    );
  });
});
