import * as domain from '@gd/domain';
import { endProgress, progress } from '../lib/progress.js';
import { summarize } from '../lib/stats.js';
import {
  hindsightOptimum,
  makeScenario,
  type Optimum,
  type Outcome,
  SLICES,
  type Slice,
  simulate,
} from '../lib/storm-sim.js';
import { type BenchCase, type Figure, ratioOf, unavailable } from '../lib/types.js';

const LOADS = [
  { load: 0.5, label: 'crews plentiful (load 0.5)' },
  { load: 3, label: 'crews scarce (load 3)' },
] as const;

const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
const sd = (xs: number[]) => {
  const m = mean(xs);
  return Math.sqrt(xs.reduce((s, x) => s + (x - m) ** 2, 0) / Math.max(1, xs.length - 1));
};
const pm = (xs: number[]) => `${mean(xs).toFixed(1)} ± ${sd(xs).toFixed(1)} %`;

interface Runs {
  orders: number[];
  greedy: Outcome[];
  planner: Outcome[];
  optimum: Optimum[];
}

async function runSlice(
  slice: Slice,
  load: number,
  o: { seeds: number; crews: number; hours: number; optimum: boolean; timeLimitS: number },
): Promise<Runs> {
  const runs: Runs = { orders: [], greedy: [], planner: [], optimum: [] };
  for (let seed = 1; seed <= o.seeds; seed++) {
    progress(`storm-dispatch: ${slice.name}, load ${load}, seed ${seed}/${o.seeds}`);
    const sc = makeScenario(slice, { seed, load, crews: o.crews, hours: o.hours });
    runs.orders.push(sc.orders.length);
    runs.greedy.push(simulate(sc, 'greedy'));
    runs.planner.push(simulate(sc, 'planner'));
    if (o.optimum) runs.optimum.push(await hindsightOptimum(sc, o.timeLimitS));
  }
  endProgress();
  return runs;
}

/**
 * Issue 18: dispatch quality on seeded storms over the demo territory, in discrete time (test/bench/lib/storm-sim.ts):
 * greedy nearest-available (the floor), the planner as shipped, and on small instances the hindsight optimum.
 */
export const stormDispatch: BenchCase = {
  name: 'storm-dispatch',
  title: 'Storm-night dispatch quality: greedy, the planner, the hindsight optimum (simulated, in process)',
  target:
    'issue 18: on-time arrival and restoration over ≥ 5 seeded storms, crews plentiful (load 0.5) and scarce (load 3): within 5 points of the optimum when plentiful, ≥ 0.75 of it when scarce, never below greedy. "Clocks met" = (arrival clocks met + restoration clocks met) ÷ (2 × orders), the optimum\'s objective',
  async run(ctx) {
    const d = domain as unknown as Record<string, unknown>;
    if (typeof d.planDispatch !== 'function')
      return [unavailable('storm dispatch', '`planDispatch` export of @gd/domain', '%')];
    // Quick (CI): 2 crews on the small slices, 2 seeds, a small whole-territory storm. Full: 3 crews, 20 seeds on the
    // small slices (five gave the urban-scarce ratio a standard error of about 0.04), 5 on the whole territory.
    const small = ctx.quick
      ? { seeds: 2, crews: 2, hours: 3, optimum: true, timeLimitS: 10 }
      : { seeds: 20, crews: 3, hours: 3, optimum: true, timeLimitS: 120 };
    const whole = ctx.quick
      ? { seeds: 1, crews: 10, hours: 2, optimum: false, timeLimitS: 0 }
      : { seeds: 5, crews: 40, hours: 6, optimum: false, timeLimitS: 0 };
    const figures: Figure[] = [];
    for (const slice of [SLICES.urban, SLICES.ruralRemote]) {
      for (const { load, label } of LOADS) {
        const r = await runSlice(slice, load, small);
        const head = `${slice.name}, ${small.crews} crews, ${small.hours} h, ${label}`;
        const planner = r.planner.map((x) => x.clocksPct);
        const greedy = r.greedy.map((x) => x.clocksPct);
        // Only seeds the solver proved optimal count against the optimum; the others are named in the notes.
        const proven = r.optimum.flatMap((x, i) => (x.status === 'optimal' ? [i] : []));
        const unsolved = r.optimum.flatMap((x, i) =>
          x.status === 'optimal' ? [] : [`seed ${i + 1} (${x.status})`],
        );
        const all = ofOptimum(planner, r.optimum, proven);
        const firstFive = ofOptimum(
          planner,
          r.optimum,
          proven.filter((i) => i < 5),
        );
        const optMean = all.optimum;
        const ratio = all.ratio;
        const optNote = `optimum (HiGHS, set packing over every crew route): arrival ${pm(proven.map((i) => r.optimum[i]!.arrivalPct))}, restoration ${pm(proven.map((i) => r.optimum[i]!.restorationPct))} over the proven seeds; proven optimal ${proven.length}/${r.optimum.length}${unsolved.length ? `, left out of the ratio: ${unsolved.join(', ')}` : ''}; ${Math.max(...r.optimum.map((x) => x.seconds)).toFixed(1)} s at most`;
        const ratioNote = `of the optimum over the ${proven.length} proven seeds ${fmtRatio(all)}; seeds 1–5 alone: planner ${mean(planner.slice(0, 5)).toFixed(1)} %, ${fmtRatio(firstFive)}`;
        const seedsNote = `${r.orders.length} seeds, ${Math.min(...r.orders)}–${Math.max(...r.orders)} orders each`;
        // The optimum is exact: a policy beating it on a seed would mean the simulation and the model disagree.
        const beaten = r.optimum.filter(
          (x, i) =>
            x.status === 'optimal' &&
            Math.max(r.planner[i]!.clocksPct, r.greedy[i]!.clocksPct) > x.clocksPct + 1e-9,
        ).length;
        figures.push({
          name: `${head}: planner, clocks met`,
          unit: '%',
          status: beaten ? 'error' : 'ok',
          value: mean(planner),
          stats: summarize(planner),
          baseline: {
            name: `hindsight optimum, mean of ${proven.length} proven seeds`,
            value: optMean,
            unit: '%',
          },
          ratio,
          target:
            load < 1
              ? { text: 'within 5 points of the optimum', met: optMean - all.planner <= 5 }
              : { text: '≥ 0.75 of the optimum', met: ratio !== null && ratio >= 0.75 },
          note: `${ratioNote}; arrival ${pm(r.planner.map((x) => x.arrivalPct))}, restoration ${pm(r.planner.map((x) => x.restorationPct))}; ${optNote}; ${seedsNote}; ${beaten ? `a policy beat the proven optimum on ${beaten} seeds: the simulation and the model disagree` : 'the optimum ≥ both policies on every proven seed'}`,
        });
        figures.push({
          name: `${head}: greedy nearest-available, clocks met`,
          unit: '%',
          status: 'ok',
          value: mean(greedy),
          stats: summarize(greedy),
          baseline: {
            name: `hindsight optimum, mean of ${proven.length} proven seeds`,
            value: optMean,
            unit: '%',
          },
          ratio: ofOptimum(greedy, r.optimum, proven).ratio,
          target: { text: 'the floor (reported)', met: null },
          note: `arrival ${pm(r.greedy.map((x) => x.arrivalPct))}, restoration ${pm(r.greedy.map((x) => x.restorationPct))}`,
        });
        figures.push(versusGreedy(head, planner, greedy));
      }
    }
    for (const { load, label } of LOADS) {
      const r = await runSlice(SLICES.territory, load, whole);
      const head = `whole territory, ${whole.crews} crews, ${whole.hours} h, ${label}`;
      const planner = r.planner.map((x) => x.clocksPct);
      const greedy = r.greedy.map((x) => x.clocksPct);
      const f = versusGreedy(head, planner, greedy);
      f.note = `planner arrival ${pm(r.planner.map((x) => x.arrivalPct))}, restoration ${pm(r.planner.map((x) => x.restorationPct))}; greedy arrival ${pm(r.greedy.map((x) => x.arrivalPct))}, restoration ${pm(r.greedy.map((x) => x.restorationPct))}; ${r.orders.length} seeds, ${Math.min(...r.orders)}–${Math.max(...r.orders)} orders each; no optimum at this size`;
      figures.push(f);
      if (load > 1) {
        const ms = summarize(r.planner.flatMap((x) => x.planMs));
        figures.push({
          name: `${head}: planner, milliseconds per plan`,
          unit: 'ms',
          status: 'ok',
          value: ms.p99,
          stats: ms,
          baseline: null,
          ratio: null,
          target: {
            text: 'reported (a plan every few seconds leaves room to spare under 1 s)',
            met: ms.p99 < 1000,
          },
          note: `${ms.n} plans; value = p99; largest batch ${Math.max(...r.planner.map((x) => x.maxWaiting))} waiting orders × ${whole.crews} crews`,
        });
      }
    }
    return figures;
  },
};

interface OfOptimum {
  /** Means over the seeds given. */
  planner: number;
  optimum: number;
  /** planner ÷ optimum (of the means), null without a seed. */
  ratio: number | null;
  /** Its standard error (ratio estimator: sd of planner − ratio × optimum over the seeds, ÷ √n ÷ optimum). */
  se: number | null;
  seeds: number;
}

/** A policy's clocks met against the optimum over the seeds `idx` (those the solver proved optimal). */
function ofOptimum(policy: number[], optimum: Optimum[], idx: number[]): OfOptimum {
  const p = idx.map((i) => policy[i]!);
  const o = idx.map((i) => optimum[i]!.clocksPct);
  if (idx.length === 0) return { planner: NaN, optimum: NaN, ratio: null, se: null, seeds: 0 };
  const ratio = ratioOf(mean(p), mean(o));
  const se =
    ratio === null || idx.length < 2
      ? null
      : sd(p.map((x, k) => x - ratio * o[k]!)) / Math.sqrt(idx.length) / mean(o);
  return { planner: mean(p), optimum: mean(o), ratio, se, seeds: idx.length };
}

const fmtRatio = (r: OfOptimum) =>
  r.ratio === null
    ? 'no proven seed'
    : `${r.ratio.toFixed(3)}${r.se !== null ? ` ± ${r.se.toFixed(3)}` : ''} (optimum ${r.optimum.toFixed(1)} %, ${r.seeds} seeds)`;

function versusGreedy(head: string, planner: number[], greedy: number[]): Figure {
  const below = planner.filter((p, i) => p < greedy[i]!).length;
  return {
    name: `${head}: planner vs greedy, clocks met`,
    unit: '%',
    status: 'ok',
    value: mean(planner),
    stats: summarize(planner),
    baseline: { name: 'greedy nearest-available, mean', value: mean(greedy), unit: '%' },
    ratio: ratioOf(mean(planner), mean(greedy)),
    target: { text: 'never below greedy (on every seed)', met: below === 0 },
    note: `planner below greedy on ${below} of ${planner.length} seeds; per seed planner / greedy: ${planner.map((p, i) => `${p.toFixed(0)}/${greedy[i]!.toFixed(0)}`).join(', ')}`,
  };
}
