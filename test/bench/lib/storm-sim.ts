/**
 * Storm nights on the demo territory in discrete time, for the dispatch-quality benchmark (issue 18): no server,
 * no wall clock. A scenario is seeded: storm cells drift west to east across the map dropping faults, background
 * calls fall anywhere (denser in town), each fault needs a skill and takes a repair time that the planner only
 * knows on average. A policy (greedy nearest-available, or the planner) is asked for a plan whenever something
 * happens — an order comes in, a crew comes free — and every 5 minutes while orders wait, as the API would.
 * Crews drive at the ranking's speeds (`etaMinutes`: straight line × 1.3 at 25 / 40 / 30 km/h, + 5 min setup).
 * The hindsight optimum of a small scenario is a MIP solved with HiGHS.
 */
import {
  type CrewSkill,
  distanceKm,
  EXPECTED_REPAIR_MINUTES,
  etaMinutes,
  FAULT_KINDS,
  type FaultType,
  type LatLng,
  type PlanCrew,
  type PlanOptions,
  type PlanOrder,
  type Priority,
  planDispatch,
  planGreedy,
  type ZoneClass,
} from '@gd/domain';
import { DEMO_ZONES, type DemoZone } from '../../../apps/api/src/demo/territory.js';

/** The seed-003 default policy (packages/sla DEFAULT_POLICY): arrival 30 / 60 / 90 min, restoration 4 / 6 / 6 h. */
const ARRIVAL_MIN: Record<ZoneClass, number> = { urban: 30, rural: 60, remote: 90 };
const RESTORATION_MIN: Record<ZoneClass, number> = { urban: 240, rural: 360, remote: 360 };

/** How often each fault kind occurs. */
const SHARE: Record<FaultType, number> = { low_voltage: 0.55, line_down: 0.3, cable_fault: 0.15 };
/** Fault kinds: the skill each needs and the mean repair (the planner's table, FAULT_KINDS of @gd/domain), and how often it occurs. */
const FAULTS = FAULT_KINDS.map((k) => ({
  type: k.type,
  skill: k.skill,
  repair: k.repairMinutes,
  share: SHARE[k.type],
}));
const MEAN_REPAIR = FAULTS.reduce((s, f) => s + f.repair * f.share, 0);

/** Crew skill sets, round robin: everyone does distribution; overhead lines, cables, or both. */
const CREW_SKILLS: CrewSkill[][] = [
  ['distribution', 'overhead_line'],
  ['distribution', 'cable'],
  ['distribution', 'overhead_line', 'cable'],
];

/** Storms start at 22:00 Beijing time. */
const BASE_MS = Date.parse('2026-07-15T22:00:00+08:00');

export interface Slice {
  name: string;
  zones: DemoZone[];
  /** Typical drive to a fault in this slice (minutes), for sizing the load. */
  typicalDriveMin: number;
}

export const SLICES = {
  territory: {
    name: 'whole territory',
    zones: DEMO_ZONES,
    typicalDriveMin: 25,
  },
  urban: {
    name: 'urban core',
    zones: DEMO_ZONES.filter((z) => z.zoneClass === 'urban'),
    typicalDriveMin: 15,
  },
  ruralRemote: {
    name: 'rural/remote slice (宁乡 + 沩山)',
    zones: DEMO_ZONES.filter((z) => z.id === 'CS-R-NX' || z.id === 'CS-M-WS'),
    typicalDriveMin: 35,
  },
} satisfies Record<string, Slice>;

export interface SimOrder {
  id: string;
  /** Minutes from the start. */
  t: number;
  loc: LatLng;
  zoneClass: ZoneClass;
  type: string;
  skill: CrewSkill;
  /** The real repair time, unknown to the policies (they use the table's mean). */
  repair: number;
  priority: Priority;
  sensitive: boolean;
  arrivalDue: number;
  restorationDue: number;
}

export interface SimCrew {
  id: string;
  depot: LatLng;
  skills: CrewSkill[];
}

export interface Scenario {
  slice: Slice;
  seed: number;
  load: number;
  hours: number;
  orders: SimOrder[];
  crews: SimCrew[];
}

/**
 * A seeded storm on a slice: `crews` crews and as many orders as make the offered work `load` times what the crews
 * can do in `hours` (orders × (mean repair + typical drive) ÷ (crews × minutes)). 70 % of orders fall under one of
 * three storm cells (radius 4–8 km) drifting east at 20–40 km/h; the rest are background calls.
 */
export function makeScenario(
  slice: Slice,
  opts: { seed: number; load: number; crews: number; hours: number },
): Scenario {
  const rand = prng(opts.seed * 7919 + Math.round(opts.load * 100) + slice.name.length);
  const minutes = opts.hours * 60;
  const box = bounds(slice.zones);
  const n = Math.max(
    1,
    Math.round((opts.load * opts.crews * minutes) / (MEAN_REPAIR + slice.typicalDriveMin)),
  );
  const kmPerDegLat = 111.195;
  const kmPerDegLng = 111.195 * Math.cos((((box[0] + box[2]) / 2) * Math.PI) / 180);
  const widthKm = (box[3] - box[1]) * kmPerDegLng;
  const cells = Array.from({ length: 3 }, () => {
    const speed = 20 + rand() * 20; // km/h, eastward with a little north/south
    const angle = (rand() - 0.5) * 0.6;
    return {
      start: minutes * rand() * 0.6,
      lat: box[0] + rand() * (box[2] - box[0]),
      lng: box[1] - (rand() * 0.2 * widthKm) / kmPerDegLng,
      vLat: (speed * Math.sin(angle)) / 60 / kmPerDegLat,
      vLng: (speed * Math.cos(angle)) / 60 / kmPerDegLng,
      radiusKm: 4 + rand() * 4,
    };
  });
  const urbanWeight = (z: DemoZone) => (z.zoneClass === 'urban' ? 4 : z.zoneClass === 'rural' ? 1.5 : 1);
  const orders: SimOrder[] = [];
  let guard = 0;
  while (orders.length < n && guard++ < n * 200) {
    let t: number;
    let loc: LatLng;
    if (rand() < 0.7) {
      const c = cells[Math.floor(rand() * cells.length)]!;
      t = c.start + rand() * (minutes - c.start);
      const dt = t - c.start;
      const [gx, gy] = gauss(rand);
      loc = {
        lat: c.lat + c.vLat * dt + (gy * c.radiusKm) / 2 / kmPerDegLat,
        lng: c.lng + c.vLng * dt + (gx * c.radiusKm) / 2 / kmPerDegLng,
      };
    } else {
      t = rand() * minutes;
      const z = pickWeighted(slice.zones, urbanWeight, rand);
      loc = {
        lat: z.box[0] + rand() * (z.box[2] - z.box[0]),
        lng: z.box[1] + rand() * (z.box[3] - z.box[1]),
      };
    }
    const zone = slice.zones.find((z) => inBox(z.box, loc));
    if (!zone) continue; // the cell is off the map there
    const f = pickWeighted(FAULTS, (x) => x.share, rand);
    const p = rand();
    orders.push({
      id: '',
      t,
      loc,
      zoneClass: zone.zoneClass,
      type: f.type,
      skill: f.skill,
      repair: f.repair * (0.6 + 0.8 * rand()),
      priority: p < 0.1 ? 'urgent' : p < 0.25 ? 'high' : 'normal',
      sensitive: rand() < 0.05,
      arrivalDue: t + ARRIVAL_MIN[zone.zoneClass],
      restorationDue: t + RESTORATION_MIN[zone.zoneClass],
    });
  }
  orders.sort((a, b) => a.t - b.t);
  orders.forEach((o, i) => {
    o.id = `o${String(i).padStart(4, '0')}`;
  });
  const crews: SimCrew[] = Array.from({ length: opts.crews }, (_, i) => {
    const z = pickWeighted(slice.zones, urbanWeight, rand);
    return {
      id: `c${String(i).padStart(3, '0')}`,
      depot: {
        lat: z.box[0] + rand() * (z.box[2] - z.box[0]),
        lng: z.box[1] + rand() * (z.box[3] - z.box[1]),
      },
      skills: CREW_SKILLS[i % CREW_SKILLS.length]!,
    };
  });
  return { slice, seed: opts.seed, load: opts.load, hours: opts.hours, orders, crews };
}

export type Policy = 'greedy' | 'planner';

export interface Outcome {
  /** Minutes from the start at which a crew reached each order, and power was back (in `orders` order). */
  arrivedAt: number[];
  restoredAt: number[];
  arrivalPct: number;
  restorationPct: number;
  /** (arrival clocks met + restoration clocks met) ÷ 2 × orders, %. */
  clocksPct: number;
  /** Milliseconds per call of the policy, and the largest batch it saw. */
  planMs: number[];
  maxWaiting: number;
}

const travel = (from: LatLng, to: LatLng, zoneClass: ZoneClass) =>
  etaMinutes(distanceKm(from, to), zoneClass);
const canDo = (c: SimCrew, o: SimOrder) => c.skills.includes(o.skill);

/**
 * Runs a scenario under a policy until every order is restored (orders keep coming for `hours`, then the crews
 * work the backlog off). A crew stays where its last repair was until sent again.
 */
export function simulate(sc: Scenario, policy: Policy, planOptions: Partial<PlanOptions> = {}): Outcome {
  const orders = sc.orders;
  const index = new Map(orders.map((o, i) => [o.id, i]));
  const state = sc.crews.map((c) => ({
    crew: c,
    pos: c.depot,
    job: null as null | { order: SimOrder; arriveAt: number; freeAt: number },
  }));
  const arrivedAt = new Array<number>(orders.length).fill(Number.NaN);
  const restoredAt = new Array<number>(orders.length).fill(Number.NaN);
  const waiting: SimOrder[] = [];
  const planMs: number[] = [];
  let maxWaiting = 0;
  let next = 0; // next order to arrive
  let t = 0;
  const TICK = 5;
  let tick = TICK;
  for (let guard = 0; guard < 1_000_000; guard++) {
    while (next < orders.length && orders[next]!.t <= t) waiting.push(orders[next++]!);
    for (const s of state) {
      if (s.job && s.job.freeAt <= t) {
        s.pos = s.job.order.loc;
        s.job = null;
      }
    }
    if (waiting.length > 0) {
      maxWaiting = Math.max(maxWaiting, waiting.length);
      const now = BASE_MS + t * 60_000;
      const planOrders: PlanOrder[] = waiting.map((o) => ({
        id: o.id,
        location: o.loc,
        zoneClass: o.zoneClass,
        priority: o.priority,
        requiredSkills: [o.skill],
        type: o.type,
        createdAt: BASE_MS + o.t * 60_000,
        arrivalDueAt: BASE_MS + o.arrivalDue * 60_000,
        restorationDueAt: BASE_MS + o.restorationDue * 60_000,
        sensitive: o.sensitive,
      }));
      const planCrews: PlanCrew[] = state.map((s) => ({
        id: s.crew.id,
        skills: s.crew.skills,
        status: s.job ? (s.job.arriveAt <= t ? 'on_site' : 'en_route') : 'available',
        position: s.pos,
        depot: s.crew.depot,
        busy: s.job
          ? {
              location: s.job.order.loc,
              onSiteAt: BASE_MS + s.job.arriveAt * 60_000,
              orderType: s.job.order.type,
            }
          : null,
      }));
      const opts = {
        now,
        timeZone: 'Asia/Shanghai',
        repairMinutesByType: EXPECTED_REPAIR_MINUTES,
        ...planOptions,
      };
      const t0 = performance.now();
      const plan =
        policy === 'planner'
          ? planDispatch(planOrders, planCrews, opts)
          : planGreedy(planOrders, planCrews, opts);
      planMs.push(performance.now() - t0);
      const sent = new Set<string>();
      for (const a of plan.assignments) {
        if (a.kind !== 'dispatch') continue;
        const s = state.find((x) => x.crew.id === a.crewId)!;
        const i = index.get(a.ticketId)!;
        const o = orders[i]!;
        if (s.job || !canDo(s.crew, o))
          throw new Error(`${policy} sent ${a.crewId}, busy or unskilled, to ${o.id}`);
        const arriveAt = t + travel(s.pos, o.loc, o.zoneClass);
        s.job = { order: o, arriveAt, freeAt: arriveAt + o.repair };
        arrivedAt[i] = arriveAt;
        restoredAt[i] = arriveAt + o.repair;
        sent.add(o.id);
      }
      if (sent.size)
        for (let k = waiting.length - 1; k >= 0; k--) if (sent.has(waiting[k]!.id)) waiting.splice(k, 1);
    }
    // The next moment anything happens: an order, a crew coming free, or the periodic re-plan while orders wait.
    let tn = Number.POSITIVE_INFINITY;
    if (next < orders.length) tn = orders[next]!.t;
    for (const s of state) if (s.job && s.job.freeAt > t) tn = Math.min(tn, s.job.freeAt);
    if (waiting.length > 0) {
      while (tick <= t) tick += TICK;
      tn = Math.min(tn, tick);
    }
    if (tn === Number.POSITIVE_INFINITY) break;
    t = tn;
  }
  if (restoredAt.some((x) => Number.isNaN(x))) throw new Error(`${policy}: some orders never got a crew`);
  const n = orders.length;
  const arrival = orders.filter((o, i) => arrivedAt[i]! <= o.arrivalDue + 1e-9).length;
  const restoration = orders.filter((o, i) => restoredAt[i]! <= o.restorationDue + 1e-9).length;
  return {
    arrivedAt,
    restoredAt,
    arrivalPct: (100 * arrival) / n,
    restorationPct: (100 * restoration) / n,
    clocksPct: (100 * (arrival + restoration)) / (2 * n),
    planMs,
    maxWaiting,
  };
}

export interface Optimum {
  status: string;
  /** Clocks met by the best solution found, and the solver's bound on the best possible (equal when optimal). */
  clocksPct: number;
  boundPct: number;
  arrivalPct: number;
  restorationPct: number;
  seconds: number;
}

interface HighsModel {
  options: { set(o: Record<string, unknown>): unknown };
  info: { get(name: string): number | bigint };
  run(): unknown;
  getModelStatus(): number;
  getObjectiveValue(): number;
  getSolution(): { colValue?: ArrayLike<number> };
}
interface Highs {
  constants: { objectiveSense: { maximize: unknown }; variableType: { integer: number } };
  withModel<R>(src: unknown, fn: (m: HighsModel) => R): R;
}
let highsP: Promise<Highs> | null = null;
async function loadHighs(): Promise<Highs> {
  highsP ??= import('highs').then((mod) => (mod as unknown as { default: () => Promise<Highs> }).default());
  return highsP;
}

/** A crew's route through a set of orders, at its best: `value` = orders restored in time + arrivals in time. */
interface Route {
  crew: number;
  orders: number[];
  value: number;
  arrivals: number;
}

/**
 * Every route a crew can drive from its depot that restores each order on it in time, kept at its best order of
 * visits per set of orders. Labels (set, last order, free at, value); a label is dropped when another with the same
 * set and last order is free no later with no less value, since it can be extended no better.
 */
function crewRoutes(k: number, c: SimCrew, O: SimOrder[], maxLabels: number): Route[] | null {
  const hi = O.map((o) => o.restorationDue - o.repair);
  type Label = { mask: bigint; list: number[]; last: number; free: number; value: number; arrivals: number };
  const best = new Map<bigint, Route>();
  const front = new Map<string, Label[]>();
  let frontier: Label[] = [];
  let count = 0;
  const offer = (l: Label) => {
    const key = `${l.mask}:${l.last}`;
    const kept = front.get(key) ?? [];
    if (kept.some((x) => x.free <= l.free && x.value >= l.value)) return;
    front.set(key, [...kept.filter((x) => !(l.free <= x.free && l.value >= x.value)), l]);
    frontier.push(l);
    count++;
    const b = best.get(l.mask);
    if (!b || l.value > b.value)
      best.set(l.mask, { crew: k, orders: l.list, value: l.value, arrivals: l.arrivals });
  };
  const visit = (from: LatLng, free: number, j: number, base: Label | null) => {
    const o = O[j]!;
    const at = Math.max(free, o.t) + travel(from, o.loc, o.zoneClass);
    if (at > hi[j]!) return;
    const onTime = at <= o.arrivalDue ? 1 : 0;
    offer({
      mask: (base?.mask ?? 0n) | (1n << BigInt(j)),
      list: [...(base?.list ?? []), j],
      last: j,
      free: at + o.repair,
      value: (base?.value ?? 0) + 1 + onTime,
      arrivals: (base?.arrivals ?? 0) + onTime,
    });
  };
  for (let j = 0; j < O.length; j++) if (canDo(c, O[j]!)) visit(c.depot, 0, j, null);
  while (frontier.length) {
    const level = frontier;
    frontier = [];
    for (const l of level) {
      for (let j = 0; j < O.length; j++) {
        if (l.mask & (1n << BigInt(j)) || !canDo(c, O[j]!)) continue;
        visit(O[l.last]!.loc, l.free, j, l);
      }
      if (count > maxLabels) return null;
    }
  }
  return [...best.values()];
}

/**
 * The hindsight optimum: every order, its place, time and real repair known in advance.
 *
 * Arrival is due before restoration less the longest repair under this policy, so an order reached in time for
 * arrival is restored in time too, and an order reached too late to restore in time earns nothing (the simulation
 * serves it at the end, for nothing). So a crew's day is a route through orders it restores in time, and the
 * optimum picks one route per crew, each order on at most one: a set-packing MIP over every such route (`crewRoutes`,
 * exact), maximising Σ (restored in time + arrived in time). Solved by HiGHS (branch and cut) within `timeLimitS`;
 * past it, or past `maxLabels` routes per crew, it says so and the bound tells how far off the best found may be.
 */
export async function hindsightOptimum(
  sc: Scenario,
  timeLimitS: number,
  maxLabels = 2_000_000,
): Promise<Optimum> {
  const t0 = performance.now();
  const highs = await loadHighs();
  const O = sc.orders;
  const n = O.length;
  const routes: Route[] = [];
  for (let k = 0; k < sc.crews.length; k++) {
    const r = crewRoutes(k, sc.crews[k]!, O, maxLabels);
    if (!r)
      return {
        status: 'too many routes',
        clocksPct: NaN,
        boundPct: NaN,
        arrivalPct: NaN,
        restorationPct: NaN,
        seconds: (performance.now() - t0) / 1000,
      };
    routes.push(...r);
  }
  // Columns: routes; rows: one per crew (≤ 1 route), one per order (on ≤ 1 route). CSC.
  const K = sc.crews.length;
  const starts = [0];
  const indices: number[] = [];
  for (const r of routes) {
    indices.push(r.crew, ...[...r.orders].sort((a, b) => a - b).map((i) => K + i));
    starts.push(indices.length);
  }
  const m = routes.length;
  const model = {
    numCols: m,
    numRows: K + n,
    sense: highs.constants.objectiveSense.maximize,
    colCost: routes.map((r) => r.value),
    colLower: new Array(m).fill(0),
    colUpper: new Array(m).fill(1),
    rowLower: new Array(K + n).fill(0),
    rowUpper: new Array(K + n).fill(1),
    matrix: {
      format: 'csc',
      numRows: K + n,
      numCols: m,
      starts,
      indices,
      values: new Array(indices.length).fill(1),
    },
    integrality: new Array(m).fill(highs.constants.variableType.integer),
  };
  if (m === 0)
    return { status: 'optimal', clocksPct: 0, boundPct: 0, arrivalPct: 0, restorationPct: 0, seconds: 0 };
  return highs.withModel(model, (h) => {
    h.options.set({ output_flag: false, time_limit: timeLimitS, mip_rel_gap: 0, mip_abs_gap: 0.5 });
    h.run();
    const status = h.getModelStatus();
    const val = Math.round(h.getObjectiveValue());
    let bound = val;
    try {
      bound = Number(h.info.get('mip_dual_bound'));
    } catch {}
    const col = h.getSolution().colValue ?? [];
    let arrivals = 0;
    let served = 0;
    routes.forEach((r, j) => {
      if ((col[j] ?? 0) > 0.5) {
        arrivals += r.arrivals;
        served += r.orders.length;
      }
    });
    return {
      status: status === 7 ? 'optimal' : status === 13 ? 'time limit' : `status ${status}`,
      clocksPct: (100 * val) / (2 * n),
      boundPct: (100 * Math.min(Math.floor(bound + 1e-6), 2 * n)) / (2 * n),
      arrivalPct: (100 * arrivals) / n,
      restorationPct: (100 * served) / n,
      seconds: (performance.now() - t0) / 1000,
    };
  });
}

function bounds(zones: DemoZone[]): [number, number, number, number] {
  return [
    Math.min(...zones.map((z) => z.box[0])),
    Math.min(...zones.map((z) => z.box[1])),
    Math.max(...zones.map((z) => z.box[2])),
    Math.max(...zones.map((z) => z.box[3])),
  ];
}
const inBox = (b: DemoZone['box'], p: LatLng) =>
  p.lat >= b[0] && p.lat < b[2] && p.lng >= b[1] && p.lng < b[3];

function pickWeighted<T>(xs: readonly T[], w: (x: T) => number, rand: () => number): T {
  const total = xs.reduce((s, x) => s + w(x), 0);
  let r = rand() * total;
  for (const x of xs) {
    r -= w(x);
    if (r <= 0) return x;
  }
  return xs[xs.length - 1]!;
}

function gauss(rand: () => number): [number, number] {
  const u = Math.max(rand(), 1e-12);
  const v = rand();
  const r = Math.sqrt(-2 * Math.log(u));
  return [r * Math.cos(2 * Math.PI * v), r * Math.sin(2 * Math.PI * v)];
}

/** mulberry32: small, seeded, the same numbers on every machine. */
export function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
