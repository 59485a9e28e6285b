import type { Customer } from '@gd/domain';
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeServer, renderWithApp } from '../../../test/render.js';
import { CreateTicketForm } from './CreateTicketForm.js';

const customer: Customer = {
  id: 'c1',
  accountNo: '3100012345',
  name: '李雷',
  phone: '13800000001',
  address: '城关镇人民路 1 号',
  location: { lat: 30.1, lng: 120.2 },
  zoneClass: 'urban',
  tags: [],
};

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('CreateTicketForm', () => {
  it('submits with Ctrl+Enter, keeps the form and the same Idempotency-Key after a failure, then shows the number', async () => {
    let attempts = 0;
    const calls = fakeServer((method, url) => {
      if (method === 'POST' && url === '/api/tickets') {
        attempts += 1;
        if (attempts === 1) return [503, { statusCode: 503, message: 'database unreachable', error: 'x' }];
        const now = new Date().toISOString();
        const due = new Date(Date.now() + 30 * 60_000).toISOString();
        return [
          201,
          {
            id: 't1',
            number: 'GD20261122000123',
            type: 'fault_repair',
            status: 'accepted',
            sla: {
              arrival: {
                dueAt: due,
                state: 'running',
                startedAt: now,
                stoppedAt: null,
                pausedMs: 0,
                breachedAt: null,
              },
            },
          },
        ];
      }
      return [404, { statusCode: 404, message: 'no', error: 'Not Found' }];
    });
    renderWithApp(<CreateTicketForm customer={customer} callId="call-1" />);

    fireEvent.change(screen.getByTestId('ticket-type'), { target: { value: 'complaint' } });
    fireEvent.change(screen.getByTestId('ticket-priority'), { target: { value: 'high' } });
    const description = screen.getByTestId('ticket-description');
    fireEvent.change(description, { target: { value: '整条街停电' } });
    fireEvent.keyDown(description, { key: 'Enter', ctrlKey: true });

    expect((await screen.findByTestId('error-box')).textContent).toContain('database unreachable');
    expect((screen.getByTestId('ticket-description') as HTMLTextAreaElement).value).toBe('整条街停电');

    fireEvent.keyDown(screen.getByTestId('ticket-description'), { key: 'Enter', ctrlKey: true });
    expect((await screen.findByTestId('ticket-created')).textContent).toContain('GD20261122000123');
    expect(screen.getByTestId('sla-badge').getAttribute('data-state')).toBe('running');

    const posts = calls.filter((c) => c.method === 'POST' && c.url === '/api/tickets');
    expect(posts).toHaveLength(2);
    const [first, second] = posts;
    expect(first?.headers['Idempotency-Key']).toMatch(/^[0-9a-f-]{36}$/);
    expect(second?.headers['Idempotency-Key']).toBe(first?.headers['Idempotency-Key']);
    expect(first?.body).toEqual({
      type: 'complaint',
      priority: 'high',
      description: '整条街停电',
      callId: 'call-1',
      customerId: 'c1',
    });
  });

  it('asks for coordinates when there is no customer, and sends them', async () => {
    const calls = fakeServer(() => [
      422,
      { statusCode: 422, message: 'outside the service territory', error: 'x' },
    ]);
    renderWithApp(<CreateTicketForm customer={null} />);
    fireEvent.change(screen.getByTestId('ticket-description'), { target: { value: '电线杆倾斜' } });
    fireEvent.keyDown(screen.getByTestId('ticket-description'), { key: 'Enter', ctrlKey: true });
    expect(await screen.findByRole('alert')).toBeTruthy();
    expect(calls.filter((c) => c.url === '/api/tickets')).toHaveLength(0);

    fireEvent.change(screen.getByTestId('ticket-lat'), { target: { value: '30.5' } });
    fireEvent.change(screen.getByTestId('ticket-lng'), { target: { value: '120.5' } });
    fireEvent.click(screen.getByTestId('create-ticket-submit'));
    await waitFor(() =>
      expect(screen.getByTestId('error-box').textContent).toContain('该位置不在服务区域内'),
    );
    expect(calls.find((c) => c.url === '/api/tickets')?.body).toMatchObject({
      location: { lat: 30.5, lng: 120.5 },
    });
  });

  it('creates an order that sends no crew (a billing dispute) for a caller with no customer record and no place', async () => {
    const calls = fakeServer(() => [
      201,
      { id: 't2', number: 'GD20261122000124', type: 'billing_dispute', status: 'accepted', sla: {} },
    ]);
    renderWithApp(<CreateTicketForm customer={null} />);
    fireEvent.change(screen.getByTestId('ticket-type'), { target: { value: 'billing_dispute' } });
    fireEvent.change(screen.getByTestId('ticket-description'), { target: { value: '电费比上月高出三倍' } });
    fireEvent.keyDown(screen.getByTestId('ticket-description'), { key: 'Enter', ctrlKey: true });
    expect((await screen.findByTestId('ticket-created')).textContent).toContain('GD20261122000124');
    const body = calls.find((c) => c.url === '/api/tickets')?.body as Record<string, unknown>;
    expect(body).toMatchObject({ type: 'billing_dispute', description: '电费比上月高出三倍' });
    expect(body).not.toHaveProperty('location');
  });

  it('refuses coordinates that are no place instead of quietly using the customer’s address, and names the zone of a typed place', async () => {
    const zones = {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          id: 'z1',
          properties: { id: 'z1', name: '人民路城区', district: '城关区', zoneClass: 'urban' },
          geometry: {
            type: 'Polygon',
            coordinates: [
              [
                [120, 30],
                [121, 30],
                [121, 31],
                [120, 31],
                [120, 30],
              ],
            ],
          },
        },
      ],
    };
    const calls = fakeServer((method, url) => {
      if (url === '/api/zones') return [200, zones];
      if (method === 'POST' && url === '/api/tickets')
        return [
          201,
          { id: 't3', number: 'GD20261122000125', type: 'fault_repair', status: 'accepted', sla: {} },
        ];
      return [404, { statusCode: 404, message: 'no', error: 'Not Found' }];
    });
    renderWithApp(<CreateTicketForm customer={customer} />);
    fireEvent.click(screen.getByLabelText(/地图选点/));
    fireEvent.change(screen.getByTestId('ticket-description'), { target: { value: '路口电杆倾斜' } });
    fireEvent.change(screen.getByTestId('ticket-lat'), { target: { value: '95' } });
    fireEvent.change(screen.getByTestId('ticket-lng'), { target: { value: '120.5' } });
    fireEvent.click(screen.getByTestId('create-ticket-submit'));
    expect((await screen.findByRole('alert')).textContent).toContain('坐标无效');
    expect(calls.filter((c) => c.url === '/api/tickets')).toHaveLength(0);

    fireEvent.change(screen.getByTestId('ticket-lat'), { target: { value: '31.5' } });
    expect((await screen.findByTestId('ticket-zone')).textContent).toContain('不在供电服务区域内');
    fireEvent.change(screen.getByTestId('ticket-lat'), { target: { value: '30.5' } });
    await waitFor(() =>
      expect(screen.getByTestId('ticket-zone').textContent).toBe('城区 · 城关区（人民路城区）'),
    );
    fireEvent.click(screen.getByTestId('create-ticket-submit'));
    expect((await screen.findByTestId('ticket-created')).textContent).toContain('GD20261122000125');
    expect(calls.find((c) => c.url === '/api/tickets')?.body).toMatchObject({
      customerId: 'c1',
      location: { lat: 30.5, lng: 120.5 },
    });
  });
});
