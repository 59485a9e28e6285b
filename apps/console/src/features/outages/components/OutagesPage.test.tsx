import { areaAround, type PolygonGeometry, polygonContains } from '@gd/domain';
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeServer, type Recorded, renderWithApp } from '../../../test/render.js';
import { OutagesPage } from './OutagesPage.js';

const customer = {
  id: 'c1',
  name: '赵敏丽',
  phone: '+8615806371233',
  accountNo: '3100012345',
  address: '芙蓉区东风路 12 号',
  location: { lat: 28.2, lng: 113.0 },
};

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('OutagesPage', () => {
  it('publishes a planned outage around a customer’s address with its window read in Beijing time', async () => {
    const calls = fakeServer((method, url, body) => {
      if (url === '/api/customers/in-area') {
        // The count follows the area sent: 42 customers within 0.5 km, 120 within 1 km.
        const area = (body as { area: PolygonGeometry }).area;
        return [200, { customers: polygonContains(area, { lat: 28.2 + 0.006, lng: 113.0 }) ? 120 : 42 }];
      }
      if (url.startsWith('/api/customers')) return [200, { items: [customer], total: 1 }];
      if (method === 'POST' && url === '/api/outages')
        return [
          201,
          {
            id: 'o1',
            kind: 'planned',
            description: '10kV 东风线检修',
            startsAt: '2026-12-05T00:00:00.000Z',
            endsAt: '2026-12-05T04:30:00.000Z',
            area: (body as { area: PolygonGeometry }).area,
          },
        ];
      return [200, []];
    });
    renderWithApp(<OutagesPage />);
    const posts = () => calls.filter((c: Recorded) => c.method === 'POST' && c.url === '/api/outages');

    fireEvent.change(screen.getByTestId('planned-outage-description'), {
      target: { value: '10kV 东风线检修' },
    });
    fireEvent.submit(screen.getByTestId('planned-outage-form'));
    expect((await screen.findByRole('alert')).textContent).toContain('区域中心');
    expect(posts()).toHaveLength(0);

    fireEvent.change(screen.getByTestId('customer-search'), { target: { value: '赵敏' } });
    fireEvent.click(await screen.findByTestId('customer-result'));
    expect(screen.getByTestId('planned-outage-place').textContent).toContain('东风路 12 号');
    // Before publishing, the circle's customers are counted (1 km by default, then 0.5 km).
    await waitFor(() => expect(screen.getByTestId('outage-customer-count').textContent).toContain('120 户'));
    fireEvent.change(screen.getByTestId('planned-outage-radius'), { target: { value: '0.5' } });
    await waitFor(() => expect(screen.getByTestId('outage-customer-count').textContent).toContain('42 户'));
    fireEvent.change(screen.getByTestId('planned-outage-start'), { target: { value: '2026-12-05T08:00' } });
    fireEvent.change(screen.getByTestId('planned-outage-end'), { target: { value: '2026-12-05T07:00' } });
    fireEvent.submit(screen.getByTestId('planned-outage-form'));
    expect((await screen.findByRole('alert')).textContent).toContain('结束须晚于开始');
    expect(posts()).toHaveLength(0);

    fireEvent.change(screen.getByTestId('planned-outage-end'), { target: { value: '2026-12-05T12:30' } });
    fireEvent.submit(screen.getByTestId('planned-outage-form'));
    await waitFor(() => expect(posts()).toHaveLength(1));
    const body = posts()[0]!.body as { area: PolygonGeometry } & Record<string, unknown>;
    expect(body).toMatchObject({
      kind: 'planned',
      startsAt: '2026-12-05T00:00:00.000Z',
      endsAt: '2026-12-05T04:30:00.000Z',
      description: '10kV 东风线检修',
    });
    expect(polygonContains(body.area, customer.location)).toBe(true);
    expect(polygonContains(body.area, { lat: 28.2 + 0.006, lng: 113.0 })).toBe(false); // ~670 m north
    // Said in full, and the form is ready for the next one.
    const said = (await screen.findByTestId('outage-published')).textContent;
    expect(said).toContain('10kV 东风线检修');
    expect(said).toContain('2026-12-05 08:00 至 2026-12-05 12:30');
    expect(said).toContain('42 户');
    expect((screen.getByTestId('planned-outage-description') as HTMLTextAreaElement).value).toBe('');
    expect((screen.getByTestId('planned-outage-start') as HTMLInputElement).value).toBe('');
    expect(screen.queryByTestId('outage-customer-count')).toBeNull();
  });

  it('in draw mode asks for the area’s corners on the map, whatever customer centres it, and keeps the radius out', async () => {
    const calls = fakeServer((method, url) => {
      if (url.startsWith('/api/customers')) return [200, { items: [customer], total: 1 }];
      if (method === 'POST' && url === '/api/outages') return [201, { id: 'o1' }];
      return [200, []];
    });
    renderWithApp(<OutagesPage />);
    fireEvent.click(screen.getByTestId('planned-outage-draw'));
    expect(screen.queryByTestId('planned-outage-radius')).toBeNull();
    expect(screen.getByTestId('area-map')).toBeTruthy();
    fireEvent.change(screen.getByTestId('customer-search'), { target: { value: '赵敏' } });
    fireEvent.click(await screen.findByTestId('customer-result'));
    fireEvent.change(screen.getByTestId('planned-outage-start'), { target: { value: '2026-12-05T08:00' } });
    fireEvent.change(screen.getByTestId('planned-outage-end'), { target: { value: '2026-12-05T12:30' } });
    fireEvent.change(screen.getByTestId('planned-outage-description'), { target: { value: '检修' } });
    fireEvent.submit(screen.getByTestId('planned-outage-form'));
    expect((await screen.findByRole('alert')).textContent).toContain('至少需要 3 个拐点');
    expect(calls.filter((c: Recorded) => c.method === 'POST' && c.url === '/api/outages')).toHaveLength(0);
  });

  it('lists the outages in force with their master order and how many orders hang on it', async () => {
    const calls = fakeServer((_method, url) => {
      if (url === '/api/outages?active=true')
        return [
          200,
          [
            {
              id: 'o1',
              kind: 'fault',
              description: '10kV 东风线故障',
              startsAt: '2026-12-05T00:00:00.000Z',
              estimatedRestoreAt: '2026-12-05T02:00:00.000Z',
              ticketId: 'm1',
              status: 'active',
              area: areaAround(customer.location, 1),
            },
          ],
        ];
      if (url === '/api/customers/in-area') return [200, { customers: 315 }];
      if (url === '/api/tickets/m1') return [200, { id: 'm1', number: 'GD20261205000001' }];
      if (url.startsWith('/api/tickets?')) return [200, { items: [], total: 7 }];
      return [200, []];
    });
    renderWithApp(<OutagesPage />);
    const row = await screen.findByTestId('outage-row');
    await waitFor(() => expect(row.textContent).toContain('GD20261205000001'));
    await waitFor(() => expect(screen.getByTestId('outage-children').textContent).toBe('7'));
    expect(row.textContent).toContain('2026-12-05 10:00'); // restoration in Beijing time
    await waitFor(() =>
      expect(screen.getByTestId('outage-area').textContent).toBe('约 3.1 平方公里 · 范围内 315 户客户'),
    );
    const children = calls.find((c) => c.url.startsWith('/api/tickets?'))!;
    expect(new URLSearchParams(children.url.split('?')[1]).get('parentId')).toBe('m1');
  });
});
