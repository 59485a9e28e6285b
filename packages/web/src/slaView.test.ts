import type { Clock as ApiClock } from '@gd/domain';
import {
  applyEmergency,
  type Clock,
  evaluateClock,
  pauseClock,
  resumeClock,
  startClock,
  stopClock,
} from '@gd/sla';
import { describe, expect, it } from 'vitest';
import { clockView, mostUrgentClock, toSlaClock } from './slaView.js';

const T0 = '2026-09-21T10:00:00+08:00';
const at = (min: number) => new Date(new Date(T0).getTime() + min * 60_000).toISOString();
const arrival30 = () =>
  startClock(
    { kind: 'arrival', minutes: 30, calendar: 'wall', startsFrom: 'accepted', judgedOn: 'each' },
    T0,
  );

/** The API's summary of a stored clock, as a mapper would write it (without the raw fields). */
function summary(c: Clock, now: string): ApiClock {
  const closed = c.pauses.filter((p) => p.to !== null);
  const open = c.pauses.find((p) => p.to === null);
  const pausedMs = closed.reduce(
    (s, p) => s + (new Date(p.to as string).getTime() - new Date(p.from).getTime()),
    0,
  );
  return {
    dueAt: c.dueAt ?? new Date(new Date(c.rawDueAt).getTime() + pausedMs).toISOString(),
    state: evaluateClock(c, now).state,
    startedAt: c.startedAt,
    stoppedAt: c.stoppedAt,
    pausedMs,
    breachedAt: c.breachedAt,
    calendar: c.calendar,
    pausedAt: open?.from ?? null,
  };
}

describe('clockView', () => {
  it('agrees with evaluateClock through running, warning and breached', () => {
    const c = arrival30();
    for (const min of [0, 5, 19, 20, 21, 29, 30, 45]) {
      const now = at(min);
      const v = clockView('arrival', summary(c, now), new Date(now).getTime());
      expect(v.state).toBe(evaluateClock(c, now).state);
      expect(v.remainingMs).toBe((30 - min) * 60_000);
    }
    expect(clockView('arrival', summary(c, at(21)), new Date(at(21)).getTime()).state).toBe('warning');
    expect(clockView('arrival', summary(c, at(31)), new Date(at(31)).getTime()).state).toBe('breached');
  });

  it('counts a closed pause and shows an open one as paused', () => {
    const paused = pauseClock(arrival30(), at(5), 'customer_appointment');
    const pausedView = clockView('arrival', summary(paused, at(10)), new Date(at(10)).getTime());
    expect(pausedView.state).toBe('paused');
    const resumed = resumeClock(paused, at(15));
    // 10 paused minutes push the due time to +40: at +25 there are 15 minutes left, running.
    const v = clockView('arrival', summary(resumed, at(25)), new Date(at(25)).getTime());
    expect(v).toEqual({ state: evaluateClock(resumed, at(25)).state, remainingMs: 15 * 60_000 });
    expect(v.state).toBe('running');
    expect(toSlaClock('arrival', summary(resumed, at(25)))?.budgetMs).toBe(30 * 60_000);
  });

  it('shows a clock inside an area emergency’s window as paused (a pause set ahead, with both ends)', () => {
    const c = applyEmergency(arrival30(), { from: at(5), to: at(65), mode: 'pause' });
    const now = at(20);
    expect(evaluateClock(c, now).state).toBe('paused');
    const api = { ...summary(c, now), pausedMs: 15 * 60_000 };
    expect(clockView('arrival', api, Date.parse(now)).state).toBe('paused');
  });

  it('is met or breached once stopped, keeping the margin it stopped with', () => {
    const met = stopClock(arrival30(), at(20));
    expect(clockView('arrival', summary(met, at(50)), new Date(at(50)).getTime())).toEqual({
      state: 'met',
      remainingMs: 10 * 60_000,
    });
    const late = stopClock(arrival30(), at(40));
    expect(clockView('arrival', summary(late, at(50)), new Date(at(50)).getTime()).state).toBe('breached');
  });

  it('uses the raw stored clock when the API passes it through', () => {
    const c = arrival30();
    const withRaw = { ...summary(c, at(0)), ...c } as unknown as ApiClock;
    expect(clockView('arrival', withRaw, new Date(at(22)).getTime()).state).toBe(
      evaluateClock(c, at(22)).state,
    );
  });

  it('falls back to the server instants for a business clock sent without its stored form', () => {
    const c: ApiClock = {
      dueAt: at(600),
      state: 'running',
      startedAt: at(0),
      stoppedAt: null,
      pausedMs: 0,
      breachedAt: null,
      calendar: 'business',
      warningAt: at(500),
    };
    expect(clockView('resolution', c, new Date(at(100)).getTime()).state).toBe('running');
    expect(clockView('resolution', c, new Date(at(550)).getTime()).state).toBe('warning');
    expect(clockView('resolution', c, new Date(at(601)).getTime())).toEqual({
      state: 'breached',
      remainingMs: -60_000,
    });
  });
});

describe('mostUrgentClock', () => {
  it('prefers a breached clock, then the one closest to its due time', () => {
    const now = new Date(at(35)).getTime();
    const arrival = summary(arrival30(), at(35));
    const restoration = summary(
      startClock(
        { kind: 'restoration', hours: 4, calendar: 'wall', startsFrom: 'accepted', judgedOn: 'each' },
        T0,
      ),
      at(35),
    );
    expect(mostUrgentClock({ arrival, restoration }, now)?.kind).toBe('arrival');
    expect(mostUrgentClock({ restoration }, now)?.view.state).toBe('running');
    expect(mostUrgentClock({}, now)).toBeNull();
  });
});
