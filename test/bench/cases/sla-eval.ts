import {
  type Clock,
  type CompiledClock,
  type CompiledEvaluation,
  clocksFor,
  compileClock,
  DEFAULT_POLICY,
  evaluateClock,
  evaluateCompiled,
  exemptClock,
  pauseClock,
  resumeClock,
  startClock,
  stopClock,
  WORK_ORDER_TYPES,
  ZONE_CLASSES,
} from '@gd/sla';
import { endProgress, progress } from '../lib/progress.js';
import { summarize } from '../lib/stats.js';
import { type BenchCase, type Figure, ratioOf } from '../lib/types.js';

/** Issue 3: SLA status evaluation on one core, beside a loop that only reads the same objects. */
export const slaEval: BenchCase = {
  name: 'sla-eval',
  title: 'SLA status evaluation (in process, one core)',
  target:
    'issue 3: ≥ 2 million clock evaluations per second on one core, beside a baseline loop that only reads the same objects',
  async run(ctx) {
    const clocks = buildClocks(2000);
    const compiled = clocks.map((c) => compileClock(c));
    const startMs = Date.parse('2026-11-20T01:00:00Z');
    const out = {} as CompiledEvaluation;
    let sink = 0;

    /** `stepMs` spreads the instants: 1 s steps stay within 18 h of the starts, 40 s steps reach 30 days. */
    const evalLoop = (n: number, stepMs: number) => {
      const len = compiled.length;
      for (let i = 0; i < n; i++) {
        const r = evaluateCompiled(compiled[i % len] as CompiledClock, startMs + (i & 0xffff) * stepMs, out);
        sink += r.remainingMs;
      }
    };
    // Reads the fields an evaluation starts from, on the same objects in the same order: the cost of the loop and
    // of touching the data, without the rule.
    const readLoop = (n: number, stepMs: number) => {
      const len = compiled.length;
      for (let i = 0; i < n; i++) {
        const c = compiled[i % len] as CompiledClock;
        const now = startMs + (i & 0xffff) * stepMs;
        sink += now < c.stopMs ? c.dueMs - now : c.budgetMs;
      }
    };
    // The convenience path on the stored `Clock` objects (cached compiled form per object, ISO `nextChangeAt`),
    // and its baseline reading the same `Clock` objects.
    const evalClockLoop = (n: number, stepMs: number) => {
      const len = clocks.length;
      for (let i = 0; i < n; i++) {
        sink += evaluateClock(clocks[i % len] as Clock, startMs + (i & 0xffff) * stepMs).remainingMs;
      }
    };
    const readClockLoop = (n: number, stepMs: number) => {
      const len = clocks.length;
      for (let i = 0; i < n; i++) {
        const c = clocks[i % len] as Clock;
        const now = startMs + (i & 0xffff) * stepMs;
        sink += c.stoppedAt === null ? c.budgetMs - now : c.budgetMs + c.pauses.length;
      }
    };
    /** States reached by the measured loop (same clocks, same instants): the mix the figure stands for. */
    const stateMix = (n: number, stepMs: number) => {
      const counts = new Map<string, number>();
      const len = compiled.length;
      for (let i = 0; i < n; i++) {
        const c = compiled[i % len] as CompiledClock;
        const key = `${c.business ? 'business' : 'wall'} ${evaluateCompiled(c, startMs + (i & 0xffff) * stepMs, out).state}`;
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
      return [...counts]
        .sort((a, b) => b[1] - a[1])
        .map(([k, v]) => `${k} ${((100 * v) / n).toFixed(1)} %`)
        .join(', ');
    };
    const measure = (
      label: string,
      evalFn: (n: number, stepMs: number) => void,
      readFn: (n: number, stepMs: number) => void,
      stepMs: number,
      perRound: number,
      rounds: number,
    ) => {
      evalFn(100_000, stepMs);
      readFn(100_000, stepMs);
      const evalRates: number[] = [];
      const readRates: number[] = [];
      for (let r = 0; r < rounds; r++) {
        progress(`sla-eval ${label}: round ${r + 1}/${rounds}`);
        let t = performance.now();
        evalFn(perRound, stepMs);
        evalRates.push(perRound / ((performance.now() - t) / 1000));
        t = performance.now();
        readFn(perRound, stepMs);
        readRates.push(perRound / ((performance.now() - t) / 1000));
      }
      endProgress();
      return { ev: summarize(evalRates), rd: summarize(readRates) };
    };
    const rounds = ctx.quick ? 5 : 11;
    const perRound = ctx.quick ? 1_000_000 : 3_000_000;
    const near = { label: 'instants within 18 h of the starts', stepMs: 997 };
    const far = { label: 'instants over 30 days (business clocks overdue)', stepMs: 40_000 };
    const mix = `${compiled.length} clocks: wall + business; running, paused (open and resumed pauses), stopped (met / late), exempt`;
    const figures: Figure[] = [
      { ...near, fast: true, perRound, rounds },
      { ...far, fast: true, perRound: ctx.quick ? perRound / 4 : perRound / 10, rounds: ctx.quick ? 3 : 9 },
      { ...near, fast: false, perRound: ctx.quick ? perRound / 2 : perRound / 3, rounds: ctx.quick ? 3 : 9 },
    ].map(({ label, stepMs, fast, perRound, rounds }) => {
      const { ev, rd } = fast
        ? measure(label, evalLoop, readLoop, stepMs, perRound, rounds)
        : measure(`evaluateClock ${label}`, evalClockLoop, readClockLoop, stepMs, perRound, rounds);
      return {
        name: `${fast ? 'evaluateCompiled' : 'evaluateClock (convenience path, now in epoch ms)'}, ${mix}, ${label}`,
        unit: 'eval/s',
        status: 'ok' as const,
        value: ev.median,
        stats: ev,
        baseline: {
          name: `read-only loop over the same ${fast ? 'compiled' : 'Clock'} objects`,
          value: rd.median,
          unit: 'reads/s',
        },
        ratio: ratioOf(ev.median, rd.median),
        target: { text: '≥ 2 M/s', met: ev.median >= 2_000_000 },
        note: `${rounds} rounds of ${perRound.toLocaleString('en-US')}; median of the rounds; states evaluated: ${stateMix(65_536 * 4, stepMs)}`,
      };
    });
    if (sink === 42) console.log(sink); // keeps the loops from being optimised away
    return figures;
  },
};

/**
 * Orders spread over ~8 h from 2026-11-20 08:00 (Asia/Shanghai, a Friday), every clock their policy gives them.
 * Per order: 10 % paused (open pause), 10 % paused and resumed, 10 % stopped after 20 min (met), 10 % stopped after
 * 3 days (wall clocks late, long business clocks met), 5 % exempt, the rest running.
 */
function buildClocks(n: number): Clock[] {
  const base = Date.parse('2026-11-20T00:00:00Z');
  const H = 3_600_000;
  const clocks: Clock[] = [];
  for (let i = 0; clocks.length < n; i++) {
    const type = WORK_ORDER_TYPES[i % WORK_ORDER_TYPES.length]!;
    const zoneClass = ZONE_CLASSES[i % ZONE_CLASSES.length]!;
    for (const def of clocksFor(DEFAULT_POLICY, { type, zoneClass })) {
      const started = base + (i % 500) * 60_000;
      let clock = startClock(def, started);
      const k = i % 20;
      if (k === 0 || k === 10) clock = pauseClock(clock, started + 5 * 60_000, 'customer_appointment');
      else if (k === 1 || k === 11) {
        clock = pauseClock(clock, started + 10 * 60_000, 'customer_unreachable');
        clock = resumeClock(clock, started + 10 * 60_000 + (0.5 + (i % 4) / 2) * H);
      } else if (k === 2 || k === 12) clock = stopClock(clock, started + 20 * 60_000);
      else if (k === 3 || k === 13) clock = stopClock(clock, started + 72 * H);
      else if (k === 4) clock = exemptClock(clock, 'benchmark: area exemption', started + 15 * 60_000);
      clocks.push(clock);
    }
  }
  return clocks.slice(0, n);
}
