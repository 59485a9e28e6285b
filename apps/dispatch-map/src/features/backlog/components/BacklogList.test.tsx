import type { BacklogEntry } from '@gd/domain';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ticket } from '../../../test/fixtures';
import { fakeFetch, json, renderWithQuery } from '../../../test/render';
import { BacklogList } from './BacklogList';

afterEach(() => vi.unstubAllGlobals());

const now = Date.now();
const entry = (over: Partial<BacklogEntry>): BacklogEntry => ({
  ticketId: 't1',
  number: 'GD20260710000001',
  priority: 'normal',
  zoneClass: 'urban',
  address: '五一大道 1 号',
  waitingSince: new Date(now - 12 * 60_000).toISOString(),
  arrivalDueAt: new Date(now + 18 * 60_000).toISOString(),
  restorationDueAt: null,
  proposedCrewId: null,
  proposedCrewName: null,
  proposedEtaMinutes: null,
  reason: null,
  ...over,
});

describe('BacklogList', () => {
  it('lists waiting orders with the proposal or the reason, and accepts a proposal in one click', async () => {
    const api = fakeFetch([
      {
        path: '/api/dispatch/backlog',
        respond: () =>
          json([
            entry({
              ticketId: 't1',
              priority: 'urgent',
              proposedCrewId: 'c7',
              proposedCrewName: '芙蓉抢修07班',
              proposedEtaMinutes: 11.4,
            }),
            entry({
              ticketId: 't2',
              number: 'GD20260710000002',
              arrivalDueAt: new Date(now - 5 * 60_000).toISOString(),
              reason: 'no_crew_on_duty',
            }),
          ]),
      },
      {
        method: 'POST',
        path: '/api/tickets/t1/dispatch',
        respond: () => json(ticket({ id: 't1', status: 'dispatched', crewId: 'c7' })),
      },
    ]);
    vi.stubGlobal('fetch', api.fn);
    const onDispatched = vi.fn();
    const onPick = vi.fn();
    renderWithQuery(<BacklogList canDispatch onPick={onPick} onDispatched={onDispatched} />);
    const rows = await screen.findAllByTestId('backlog-row');
    expect(rows.map((r) => r.dataset.ticketId)).toEqual(['t1', 't2']);
    expect(rows[0]!.textContent).toContain('紧急');
    expect(within(rows[0]!).getByTestId('backlog-proposal').textContent).toBe(
      '建议：芙蓉抢修07班，约 11 分钟到达',
    );
    expect(within(rows[1]!).getByTestId('backlog-proposal').textContent).toBe('具备技能的队伍都已下班');
    expect(rows[1]!.textContent).toContain('到达已超时');
    expect(within(rows[1]!).queryByTestId('backlog-accept')).toBeNull();

    fireEvent.click(within(rows[0]!).getByTestId('backlog-accept'));
    await waitFor(() => expect(onDispatched).toHaveBeenCalled());
    expect(api.calls.find((c) => c.method === 'POST')).toMatchObject({ body: { crewId: 'c7' } });
    fireEvent.click(within(rows[1]!).getByTestId('backlog-pick'));
    expect(onPick).toHaveBeenCalledWith('t2');
  });

  it('asks nothing of the API for a role that may not see it', () => {
    const api = fakeFetch([]);
    vi.stubGlobal('fetch', api.fn);
    renderWithQuery(
      <BacklogList canDispatch={false} onPick={() => undefined} onDispatched={() => undefined} />,
    );
    expect(screen.getByText(/仅调度员/)).toBeTruthy();
    expect(api.calls).toEqual([]);
  });
});
