import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, STATE_GRID_2023_POLICY } from '../_data/policies.js';
import { applyEmergency } from '../applyEmergency/index.js';
import { clocksFor } from '../clocksFor/index.js';
import { exemptClock } from '../exemptClock/index.js';
import { startClock } from '../startClock/index.js';
import { stopClock } from '../stopClock/index.js';
import type { Clock, ClockDefinition } from '../types.js';
import { compliance } from './index.js';

const MIN = 60_000;
const t0 = Date.parse('2026-09-21T02:00:00Z');
const arrival = (zoneClass: 'urban' | 'rural', policy = DEFAULT_POLICY): ClockDefinition =>
  clocksFor(policy, { type: 'fault_repair', zoneClass })[0]!;
const finished = (def: ClockDefinition, minutes: number, offset = 0): Clock =>
  stopClock(startClock(def, t0 + offset), t0 + offset + minutes * MIN);

describe('compliance', () => {
  it('per group: on time, average, nearest-rank percentiles, worst', () => {
    const clocks = [10, 20, 30, 40].map((m) => finished(arrival('urban'), m));
    clocks.push(startClock(arrival('urban'), t0)); // running: ignored
    expect(compliance(clocks, { groupBy: (c) => c.kind })).toEqual([
      {
        key: 'arrival',
        count: 4,
        exempt: 0,
        onTime: 3,
        onTimeRate: 0.75,
        avgMs: 25 * MIN,
        p50Ms: 20 * MIN,
        p90Ms: 40 * MIN,
        worstMs: 40 * MIN,
      },
    ]);
  });

  it('groups and sorts by key', () => {
    const clocks = [
      finished(arrival('rural'), 50),
      finished(arrival('urban'), 10),
      finished(arrival('rural'), 70),
    ];
    const rows = compliance(clocks, { groupBy: (c) => `${c.kind}/${c.budgetMs / MIN}` });
    expect(rows.map((r) => [r.key, r.count, r.onTime])).toEqual([
      ['arrival/30', 1, 1],
      ['arrival/60', 2, 1],
    ]);
  });

  it('raw vs adjusted: pauses and exemptions', () => {
    const paused = applyEmergency(finished(arrival('urban'), 50), {
      from: t0,
      to: t0 + 30 * MIN,
      mode: 'pause',
    });
    const exempt = exemptClock(finished(arrival('urban'), 90), 'flood', t0);
    const plain = finished(arrival('urban'), 20);
    const clocks = [paused, exempt, plain];
    expect(compliance(clocks, { groupBy: () => 'all' })[0]).toMatchObject({
      count: 2,
      exempt: 1,
      onTime: 2,
      avgMs: 20 * MIN,
      worstMs: 20 * MIN,
    });
    expect(compliance(clocks, { groupBy: () => 'all', mode: 'raw' })[0]).toMatchObject({
      count: 3,
      exempt: 0,
      onTime: 1,
      avgMs: ((50 + 90 + 20) / 3) * MIN,
      p50Ms: 50 * MIN,
      worstMs: 90 * MIN,
    });
  });

  it('average targets: default from average-judged clocks, or given', () => {
    const sg = arrival('urban', STATE_GRID_2023_POLICY); // 45 min on average
    const clocks = [finished(sg, 30), finished(sg, 70)]; // average 50
    expect(compliance(clocks, { groupBy: () => 'sg' })[0]!.averageTarget).toEqual({
      targetMs: 45 * MIN,
      met: false,
    });
    expect(compliance(clocks, { groupBy: () => 'sg', targetAverageMs: 50 * MIN })[0]!.averageTarget).toEqual({
      targetMs: 50 * MIN,
      met: true,
    });
    expect(
      compliance(clocks, { groupBy: () => 'sg', targetAverageMs: (key) => (key === 'x' ? 1 : undefined) })[0]!
        .averageTarget,
    ).toBeUndefined();
    expect(
      compliance([finished(arrival('urban'), 10)], { groupBy: () => 'd' })[0]!.averageTarget,
    ).toBeUndefined();
  });

  it('a group of exempt clocks only has null figures', () => {
    const rows = compliance([exemptClock(finished(arrival('urban'), 10), 'x', t0)], { groupBy: () => 'k' });
    expect(rows[0]).toEqual({
      key: 'k',
      count: 0,
      exempt: 1,
      onTime: 0,
      onTimeRate: null,
      avgMs: null,
      p50Ms: null,
      p90Ms: null,
      worstMs: null,
    });
  });

  it('one clock: every percentile is that clock', () => {
    expect(compliance([finished(arrival('urban'), 12)], { groupBy: () => 'k' })[0]).toMatchObject({
      p50Ms: 12 * MIN,
      p90Ms: 12 * MIN,
    });
  });
});
