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
  proposalKind: null,
  proposedCrewId: null,
  proposedCrewName: null,
  proposedEtaMinutes: null,
  expectedFreeAt: null,
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
              proposalKind: 'dispatch',
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

  it('says in words which busy crew an order is held for, with no accept that could not work; another crew can be picked', async () => {
    const api = fakeFetch([
      {
        path: '/api/dispatch/backlog',
        respond: () =>
          json([
            entry({
              ticketId: 't3',
              proposalKind: 'hold',
              proposedCrewId: 'c3',
              proposedCrewName: '抢修三班',
              // Free in 25 min (the row counts from its own clock), then 15 min of driving.
              expectedFreeAt: new Date(Date.now() + 25 * 60_000 + 20_000).toISOString(),
              proposedEtaMinutes: 40.2,
              reason: 'held_for_busy_crew',
            }),
          ]),
      },
    ]);
    vi.stubGlobal('fetch', api.fn);
    const onPick = vi.fn();
    renderWithQuery(<BacklogList canDispatch onPick={onPick} onDispatched={() => undefined} />);
    const [row] = await screen.findAllByTestId('backlog-row');
    const proposal = within(row!).getByTestId('backlog-proposal');
    expect(proposal.textContent).toBe('等 抢修三班 完成当前工单（约 25 分钟后空闲，预计 40 分钟到达）');
    expect(proposal.dataset.kind).toBe('hold');
    expect(within(row!).queryByTestId('backlog-accept')).toBeNull();
    fireEvent.click(within(row!).getByTestId('backlog-pick'));
    expect(onPick).toHaveBeenCalledWith('t3');
    expect(api.calls.filter((c) => c.method === 'POST')).toEqual([]);
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
