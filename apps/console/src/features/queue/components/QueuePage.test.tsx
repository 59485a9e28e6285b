import type { Ticket } from '@gd/domain';
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { agent, fakeServer, renderWithApp } from '../../../test/render.js';
import { QueuePage } from './QueuePage.js';

const teamOrder = {
  id: 't7',
  number: 'GD20261122000007',
  type: 'inquiry',
  status: 'accepted',
  priority: 'normal',
  description: '二号楼电费咨询',
  firstResponderId: 'u-teammate',
  ownerId: 'u-teammate',
  urgeCount: 0,
  createdAt: '2026-11-22T02:00:00.000Z',
  sla: {},
} as unknown as Ticket;

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function serve(user: typeof agent) {
  return fakeServer((method, url) => {
    if (url === '/api/auth/me') return [200, user];
    if (url === '/api/staff') return [200, [user]];
    if (method === 'GET' && url.startsWith('/api/tickets?')) {
      const q = new URLSearchParams(url.split('?')[1]);
      return [200, q.get('team') === 'mine' ? { items: [teamOrder], total: 1 } : { items: [], total: 0 }];
    }
    return [404, { statusCode: 404, message: 'no route', error: 'Not Found' }];
  });
}

const tabs = () => screen.getAllByRole('tab').map((tab) => tab.getAttribute('data-testid'));
const ticketQueries = (calls: { url: string }[]) =>
  calls.filter((c) => c.url.startsWith('/api/tickets?')).map((c) => new URLSearchParams(c.url.split('?')[1]));

describe('QueuePage', () => {
  it("shows a team member the team's tab after mine, which lists the team's open orders", async () => {
    const member = { ...agent, team: '一班' };
    const calls = serve(member);
    renderWithApp(<QueuePage />, member);
    expect(tabs()).toEqual([
      'queue-tab-mine',
      'queue-tab-owned',
      'queue-tab-team',
      'queue-tab-open',
      'queue-tab-unassigned',
      'queue-tab-breaching',
    ]);
    expect(screen.getByTestId('queue-tab-team').textContent).toBe('本班组');

    fireEvent.click(screen.getByTestId('queue-tab-team'));
    expect((await screen.findByTestId('queue-row')).textContent).toContain('GD20261122000007');
    expect(screen.getByTestId('queue-tab-team').getAttribute('aria-selected')).toBe('true');
    const team = ticketQueries(calls).find((q) => q.has('team'));
    expect(team && Object.fromEntries(team)).toEqual({ team: 'mine', open: 'true', pageSize: '200' });
  });

  it('has no team tab for a user without a team, and never asks for the team queue', async () => {
    const calls = serve(agent);
    renderWithApp(<QueuePage />, agent);
    await waitFor(() => expect(ticketQueries(calls)).toHaveLength(1));
    expect(screen.queryByTestId('queue-tab-team')).toBeNull();
    expect(tabs()).toEqual([
      'queue-tab-mine',
      'queue-tab-owned',
      'queue-tab-open',
      'queue-tab-unassigned',
      'queue-tab-breaching',
    ]);
    expect(ticketQueries(calls).some((q) => q.has('team'))).toBe(false);
  });

  it('lists the orders handed to me, and says when a queue holds more than the page it shows', async () => {
    const calls = fakeServer((method, url) => {
      if (url === '/api/auth/me') return [200, agent];
      if (url === '/api/staff') return [200, [agent]];
      if (method === 'GET' && url.startsWith('/api/tickets?')) {
        const q = new URLSearchParams(url.split('?')[1]);
        const handed = { ...teamOrder, ownerId: agent.id };
        return [
          200,
          q.get('ownerId') === agent.id ? { items: [handed], total: 1234 } : { items: [], total: 0 },
        ];
      }
      return [404, { statusCode: 404, message: 'no route', error: 'Not Found' }];
    });
    renderWithApp(<QueuePage />);
    fireEvent.click(await screen.findByTestId('queue-tab-owned'));
    expect(screen.getByTestId('queue-tab-owned').textContent).toBe('我处理的');
    await waitFor(() =>
      expect(screen.getByTestId('queue-count').textContent).toBe('共 1234 张，显示最紧急的 1 张'),
    );
    const owned = ticketQueries(calls).find((q) => q.has('ownerId'))!;
    expect(owned.get('ownerId')).toBe(agent.id);
    expect(owned.get('open')).toBe('true');
    expect(owned.has('firstResponderId')).toBe(false);
  });

  it('shows an agent their own first-responder figures, and nobody else gets them', async () => {
    const figures = {
      agentId: agent.id,
      displayName: '王芳',
      firstResponded: 42,
      closed: 30,
      closedOnTime: 27,
      repeatCallRate: 0.119,
      satisfactionRate: null,
      surveyed: 0,
    };
    let me: typeof agent = agent;
    const calls = fakeServer((_method, url) => {
      if (url === '/api/auth/me') return [200, me];
      if (url === '/api/reports/agents/me') return [200, figures];
      if (url.startsWith('/api/tickets?')) return [200, { items: [], total: 0 }];
      return [200, []];
    });
    renderWithApp(<QueuePage />);
    await waitFor(() => expect(screen.getByTestId('my-figures').textContent).toContain('42'));
    const card = screen.getByTestId('my-figures');
    expect(card.textContent).toContain('27 / 30');
    expect(card.textContent).toContain('12%');
    expect(card.textContent).toContain('–'); // no survey yet: no satisfaction rate
    cleanup();

    const before = calls.length;
    me = { ...agent, role: 'dispatcher' };
    renderWithApp(<QueuePage />, me);
    await screen.findByTestId('queue-tab-open');
    expect(screen.queryByTestId('my-figures')).toBeNull();
    expect(calls.slice(before).some((c) => c.url === '/api/reports/agents/me')).toBe(false);
  });
});
