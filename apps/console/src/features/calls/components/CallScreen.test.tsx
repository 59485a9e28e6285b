import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeServer, renderWithApp } from '../../../test/render.js';
import { CallScreen } from './CallScreen.js';

const customer = {
  id: 'c1',
  accountNo: '3100012345',
  name: '李雷',
  phone: '13800000001',
  address: '城关镇人民路 1 号',
  location: { lat: 30.1, lng: 120.2 },
  zoneClass: 'urban',
  tags: [],
  recentOrders: [],
};
const openOrder = {
  id: 't9',
  number: 'GD20261122000009',
  type: 'fault_repair',
  status: 'dispatched',
  urgeCount: 0,
  sla: {},
};

/** A fake API whose calls each get a new id and whose first call's end is saved only when `saveEnd` is called. */
function slowFirstEndServer() {
  const server: { saveEnd?: () => void; calls: () => number } = { calls: () => n };
  let n = 0;
  const respond = (status: number, body: unknown) =>
    new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init?: RequestInit) => {
      const method = init?.method ?? 'GET';
      if (method === 'POST' && url === '/api/calls') {
        n++;
        return respond(201, {
          id: `call-${n}`,
          phone: '13800000001',
          channel: 'phone',
          customerId: null,
          openTickets: [],
          knownOutages: [],
        });
      }
      if (method === 'PATCH' && url === '/api/calls/call-1') {
        return new Promise<Response>((resolve) => {
          server.saveEnd = () => resolve(respond(200, {}));
        });
      }
      return respond(200, {});
    }),
  );
  return server;
}

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('CallScreen', () => {
  it('says in the agent’s language what the number field takes, for text typed there and for a number the API refuses', async () => {
    const calls = fakeServer((method, url) => {
      if (method === 'POST' && url === '/api/calls')
        return [
          400,
          { statusCode: 400, message: ['phone must be a valid phone number'], error: 'Bad Request' },
        ];
      return [200, {}];
    });
    renderWithApp(<CallScreen />);
    const caller = screen.getByTestId('caller-input');
    fireEvent.change(caller, { target: { value: '开福区' } });
    fireEvent.submit(caller.closest('form')!);
    expect((await screen.findByTestId('caller-invalid')).textContent).toContain('来电号码应为手机号');
    expect(calls.filter((c) => c.url === '/api/calls')).toHaveLength(0);

    fireEvent.change(caller, { target: { value: '12345678901' } });
    expect(screen.queryByTestId('caller-invalid')).toBeNull();
    fireEvent.submit(caller.closest('form')!);
    expect((await screen.findByTestId('caller-invalid')).textContent).toContain('客户查询');
    expect(calls.filter((c) => c.url === '/api/calls')).toHaveLength(1);
    expect(screen.queryByText(/must be a valid/)).toBeNull();
  });

  it('focuses the caller number, answers on Enter, shows the outage banner and urges the offered order with F4', async () => {
    const calls = fakeServer((method, url) => {
      if (method === 'POST' && url === '/api/calls') {
        return [
          201,
          {
            id: 'call-1',
            phone: '13800000001',
            channel: 'phone',
            customerId: 'c1',
            customer,
            openTickets: [openOrder],
            knownOutages: [
              {
                id: 'o1',
                kind: 'fault',
                description: '10kV 城关线故障',
                estimatedRestoreAt: '2026-11-22T10:30:00Z',
                status: 'active',
              },
            ],
          },
        ];
      }
      if (url === '/api/customers/c1') return [200, customer];
      if (method === 'POST' && url === '/api/tickets/t9/urge') return [200, { ...openOrder, urgeCount: 1 }];
      if (method === 'PATCH') return [200, {}];
      return [200, {}];
    });
    renderWithApp(<CallScreen />);

    const input = screen.getByTestId('caller-input');
    expect(document.activeElement).toBe(input);
    (screen.getByTestId('register-toggle') as HTMLButtonElement).focus();
    fireEvent.keyDown(window, { key: 'F2' });
    expect(document.activeElement).toBe(input);

    fireEvent.change(input, { target: { value: '13800000001' } });
    fireEvent.submit(input.closest('form') as HTMLFormElement);

    const banner = await screen.findByTestId('outage-banner');
    expect(banner.textContent).toContain('10kV 城关线故障');
    expect(banner.textContent).toContain('2026-11-22 18:30');
    expect((await screen.findByTestId('pop-customer')).textContent).toContain('李雷');
    expect(calls.find((c) => c.url === '/api/calls')?.body).toEqual({
      phone: '13800000001',
      channel: 'phone',
    });

    fireEvent.keyDown(window, { key: 'F4' });
    await waitFor(() => expect(calls.some((c) => c.url === '/api/tickets/t9/urge')).toBe(true));
    expect(calls.find((c) => c.url === '/api/tickets/t9/urge')?.body).toEqual({ callId: 'call-1' });
    // The urge links the call itself (the API records the follow-up): the wrap-up stops asking how the call was
    // settled, and no second request repeats the link.
    await waitFor(() => expect(screen.queryByTestId('call-end-answered')).toBeNull());
    expect(calls.filter((c) => c.method === 'PATCH')).toHaveLength(0);
  });

  it('ends a call settled on the phone with its summary, and keeps the call on screen when saving it fails', async () => {
    let patches = 0;
    const calls = fakeServer((method, url) => {
      if (method === 'POST' && url === '/api/calls') {
        return [
          201,
          {
            id: 'call-2',
            phone: '13800000001',
            channel: 'phone',
            customerId: null,
            openTickets: [],
            knownOutages: [{ id: 'o1', kind: 'fault', description: '10kV 城关线故障', status: 'active' }],
          },
        ];
      }
      if (method === 'PATCH' && url === '/api/calls/call-2') {
        patches++;
        return patches === 1 ? [503, { statusCode: 503, message: 'database unavailable' }] : [200, {}];
      }
      return [200, {}];
    });
    renderWithApp(<CallScreen />);
    const caller = screen.getByTestId('caller-input');
    fireEvent.change(caller, { target: { value: '13800000001' } });
    fireEvent.submit(caller.closest('form')!);
    fireEvent.change(await screen.findByTestId('call-notes'), { target: { value: '告知预计 22:00 恢复' } });
    fireEvent.click(screen.getByTestId('call-end-outage'));

    expect((await screen.findByTestId('error-box')).textContent).toContain('database unavailable');
    expect((screen.getByTestId('call-notes') as HTMLInputElement).value).toBe('告知预计 22:00 恢复');
    fireEvent.click(screen.getByTestId('call-end-outage'));
    await waitFor(() => expect(screen.queryByTestId('call-wrapup')).toBeNull());
    const ends = calls.filter((c) => c.method === 'PATCH');
    expect(ends).toHaveLength(2);
    expect(ends[1]?.body).toEqual({ ended: true, outcome: 'known_outage', notes: '告知预计 22:00 恢复' });
  });

  it('keeps the next call on screen when the previous call’s end is saved after it was answered', async () => {
    const server = slowFirstEndServer();
    renderWithApp(<CallScreen />);
    const caller = screen.getByTestId('caller-input');
    fireEvent.change(caller, { target: { value: '13800000001' } });
    fireEvent.submit(caller.closest('form')!);
    fireEvent.change(await screen.findByTestId('call-notes'), { target: { value: '第一通' } });
    fireEvent.click(screen.getByTestId('call-end-answered'));
    await waitFor(() => expect(server.saveEnd).toBeDefined());

    fireEvent.change(caller, { target: { value: '13800000002' } });
    fireEvent.submit(caller.closest('form')!);
    await waitFor(() => expect(server.calls()).toBe(2));
    await waitFor(() => expect((screen.getByTestId('call-notes') as HTMLInputElement).value).toBe(''));
    server.saveEnd!();
    await new Promise((r) => setTimeout(r, 50));
    expect(screen.getByTestId('call-wrapup')).toBeTruthy(); // the second call is still on screen
  });

  it('keeps a number typed while the ended call is still being saved, so Enter answers it', async () => {
    const server = slowFirstEndServer();
    renderWithApp(<CallScreen />);
    const caller = screen.getByTestId('caller-input') as HTMLInputElement;
    fireEvent.change(caller, { target: { value: '13800000001' } });
    fireEvent.submit(caller.closest('form')!);
    await screen.findByTestId('call-notes');
    fireEvent.click(screen.getByTestId('call-end'));
    await waitFor(() => expect(server.saveEnd).toBeDefined());

    // The field is free at once; the agent types the next caller's number (the same one, calling back) before the
    // save answers.
    expect(caller.value).toBe('');
    fireEvent.change(caller, { target: { value: '13800000001' } });
    server.saveEnd!();
    await waitFor(() => expect(screen.queryByTestId('call-notes')).toBeNull());
    expect(caller.value).toBe('13800000001');
    fireEvent.submit(caller.closest('form')!);
    await waitFor(() => expect(server.calls()).toBe(2));
    await screen.findByTestId('call-notes');
  });

  it('replaces the screen pop on a new call: the previous call is ended with its summary and Ctrl+Enter files for the new caller', async () => {
    const other = {
      ...customer,
      id: 'c2',
      name: '韩梅梅',
      phone: '13800000002',
      address: '岳麓区麓山路 2 号',
    };
    const calls = fakeServer((method, url, body) => {
      if (method === 'POST' && url === '/api/calls') {
        const second = (body as { phone: string }).phone === '13800000002';
        const who = second ? other : customer;
        return [
          201,
          {
            id: second ? 'call-b' : 'call-a',
            phone: who.phone,
            channel: 'phone',
            customerId: who.id,
            customer: who,
            openTickets: second
              ? []
              : [
                  {
                    ...openOrder,
                    crewId: 'k1',
                    crew: {
                      id: 'k1',
                      name: '岳麓区抢修01班',
                      etaAt: '2026-11-22T10:40:00Z',
                      arrivedAt: null,
                    },
                    estimatedRestoreAt: '2026-11-22T12:00:00Z',
                  },
                ],
            knownOutages: [],
          },
        ];
      }
      if (method === 'POST' && url === '/api/tickets')
        return [
          201,
          { ...openOrder, id: 't10', number: 'GD20261122000010', customerId: 'c2', status: 'accepted' },
        ];
      return [200, {}];
    });
    renderWithApp(<CallScreen />);
    const caller = screen.getByTestId('caller-input');
    fireEvent.change(caller, { target: { value: '13800000001' } });
    fireEvent.submit(caller.closest('form')!);
    expect((await screen.findByTestId('pop-customer')).textContent).toContain('李雷');
    // The open order says who is coming and when, and when power should be back (Beijing time).
    const crewLine = screen.getByTestId('pop-order-crew').textContent;
    expect(crewLine).toContain('岳麓区抢修01班');
    expect(crewLine).toContain('预计 2026-11-22 18:40 到达');
    expect(crewLine).toContain('2026-11-22 20:00 前恢复送电');
    // Once the pop is there, the agent types the caller's words straight into the description.
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId('ticket-description')));
    fireEvent.change(screen.getByTestId('call-notes'), { target: { value: '询问抢修进度' } });

    // The next call, without 结束通话.
    fireEvent.change(caller, { target: { value: '13800000002' } });
    fireEvent.submit(caller.closest('form')!);
    await waitFor(() => expect(screen.getByTestId('pop-customer').textContent).toContain('韩梅梅'));
    expect(screen.queryByText(/李雷/)).toBeNull();
    expect(screen.queryByText(/城关镇人民路/)).toBeNull();
    expect(screen.getByText('该客户没有在途工单')).toBeTruthy();
    const ended = calls.filter((c) => c.method === 'PATCH');
    expect(ended.map((c) => [c.url, c.body])).toEqual([
      ['/api/calls/call-a', { ended: true, notes: '询问抢修进度' }],
    ]);
    expect((screen.getByTestId('call-notes') as HTMLInputElement).value).toBe('');

    const description = screen.getByTestId('ticket-description');
    fireEvent.change(description, { target: { value: '家里停电' } });
    expect(screen.getAllByTestId('char-count').map((e) => e.textContent)).toContain('4 / 2000');
    fireEvent.keyDown(description, { key: 'Enter', ctrlKey: true });
    await screen.findByTestId('ticket-created');
    expect(calls.find((c) => c.url === '/api/tickets')?.body).toMatchObject({
      customerId: 'c2',
      callId: 'call-b',
      description: '家里停电',
    });
    // The pop lists the order just made instead of saying there is none.
    await waitFor(() => expect(screen.queryByText('该客户没有在途工单')).toBeNull());
    expect(screen.getByTestId('pop-open-order').textContent).toContain('GD20261122000010');
  });
});
