import type { CrewSkill, CrewStatus, LatLng, ZoneClass } from '@gd/domain';
import * as domain from '@gd/domain';
import { endProgress, progress } from '../lib/progress.js';
import { summarize } from '../lib/stats.js';
import { type BenchCase, ratioOf, unavailable } from '../lib/types.js';

type RankFn = (
  order: {
    location: LatLng;
    zoneClass: ZoneClass;
    requiredSkills: CrewSkill[];
    priority: string;
    arrivalDueAt?: number;
  },
  crews: unknown[],
  opts: { now: number },
) => unknown[];

/** Issue 5: ranking 10,000 crews for one order, in process, beside a loop computing only the distances. */
export const rankCrews: BenchCase = {
  name: 'rank-crews',
  title: 'Nearest-crew ranking, 10,000 crews (in process)',
  target:
    'issue 5: ranking 10,000 crews for one order: p99 under 2 ms in process; baseline: a loop computing only the distances',
  async run(ctx) {
    const rank = (domain as unknown as Record<string, unknown>).rankCrews as RankFn | undefined;
    const name = 'rankCrews, 10,000 crews, one order';
    if (typeof rank !== 'function') return [unavailable(name, '`rankCrews` export of @gd/domain', 'ms')];
    const rand = prng(5);
    const skills: CrewSkill[][] = [
      ['distribution', 'cable'],
      ['overhead_line'],
      ['distribution', 'metering'],
      ['cable'],
      ['distribution', 'overhead_line'],
    ];
    const statuses: CrewStatus[] = [
      'available',
      'available',
      'available',
      'dispatched',
      'en_route',
      'on_site',
      'off_duty',
      'returning',
    ];
    const crews = Array.from({ length: 10_000 }, (_, i) => {
      const depot = { lat: 28.0 + rand() * 0.5, lng: 112.6 + rand() * 0.8 };
      return {
        id: `crew-${i}`,
        skills: skills[i % skills.length]!,
        status: statuses[i % statuses.length]!,
        position:
          i % 10 === 0
            ? null
            : { lat: depot.lat + (rand() - 0.5) * 0.05, lng: depot.lng + (rand() - 0.5) * 0.05 },
        depot,
        shift: i % 3 === 0 ? { start: '08:00', end: '20:00' } : null,
      };
    });
    const iterations = ctx.quick ? 400 : 3000;
    const maxMs = ctx.quick ? 4000 : 20_000;
    const orders = Array.from({ length: 64 }, () => ({
      location: { lat: 28.1 + rand() * 0.2, lng: 112.9 + rand() * 0.2 },
      zoneClass: 'urban' as ZoneClass,
      requiredSkills: ['distribution'] as CrewSkill[],
      priority: 'normal',
      arrivalDueAt: Date.now() + 30 * 60_000,
    }));
    let sink = 0;
    const now = Date.now();
    for (let i = 0; i < 50; i++) sink += rank(orders[i % orders.length]!, crews, { now }).length;
    const rankMs: number[] = [];
    const distMs: number[] = [];
    const deadline = performance.now() + maxMs;
    for (let i = 0; i < iterations && performance.now() < deadline; i++) {
      const order = orders[i % orders.length]!;
      let t = performance.now();
      sink += rank(order, crews, { now }).length;
      rankMs.push(performance.now() - t);
      t = performance.now();
      for (const c of crews) sink += domain.distanceKm(order.location, c.position ?? c.depot);
      distMs.push(performance.now() - t);
      if (i % 50 === 0) progress(`rank-crews: ${i}/${iterations}`);
    }
    endProgress();
    if (sink === -1) console.log(sink);
    const r = summarize(rankMs);
    const d = summarize(distMs);
    return [
      {
        name,
        unit: 'ms',
        status: 'ok',
        value: r.p99,
        stats: r,
        baseline: { name: 'distances only, p99', value: d.p99, unit: 'ms' },
        ratio: ratioOf(r.p99, d.p99),
        target: { text: 'p99 < 2 ms', met: r.p99 < 2 },
        note: `${r.n} rankings; value = p99; median distance loop ${d.median.toFixed(3)} ms`,
      },
    ];
  },
};

function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
