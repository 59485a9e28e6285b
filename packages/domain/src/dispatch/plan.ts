import { munkres } from 'munkres';
import type { LatLng } from '../geo.js';
import type { CrewSkill, ZoneClass } from '../territory.js';
import type { Priority } from '../tickets.js';
import { type LookAheadCrew, type LookAheadOrder, lookAheadValue } from './look-ahead.js';
import { localMinuteOfDay, onShift, type RankCrew, type RankOptions, rankCrews } from './rank.js';

type Instant = Date | string | number;

/** A fault order waiting for a crew. */
export interface PlanOrder {
  id: string;
  location: LatLng;
  zoneClass: ZoneClass;
  priority: Priority;
  requiredSkills: readonly CrewSkill[];
  /** Order type (or fault kind) looked up in `repairMinutesByType`. */
  type?: string | null;
  createdAt: Instant;
  /** When the arrival clock is due; none means any arrival meets it. */
  arrivalDueAt?: Instant | null;
  /** When the restoration clock is due; none means any restoration meets it. */
  restorationDueAt?: Instant | null;
  /** `tickets.sensitive`: a customer the utility must not leave in the dark (hospital, life support …). */
  sensitive?: boolean;
  /** Customer tags; any of `PlanOptions.sensitiveTags` makes the order sensitive. */
  customerTags?: readonly string[];
  /** Since when it waits for a crew (created, released or reopened). Default `createdAt`. */
  waitingSince?: Instant | null;
}

/** A crew as the ranking sees it, plus, for a crew busy on an order, when and where it is expected free. */
export interface PlanCrew extends RankCrew {
  busy?: {
    /** Where it will be free: the site of the order it is on. */
    location: LatLng;
    /** When it reached (or is expected to reach) that site; its free time is this plus the repair estimate. */
    onSiteAt: Instant;
    /** The type of that order, for `repairMinutesByType`. */
    orderType?: string | null;
    /** An explicit expected free time, when the caller knows better than the table. */
    freeAt?: Instant | null;
  } | null;
}

export interface PlanOptions
  extends Pick<
    RankOptions,
    | 'detourFactor'
    | 'speedKmhByZoneClass'
    | 'setupMinutes'
    | 'allowPreemption'
    | 'preemptionPenaltyMinutes'
    | 'maxDistanceKm'
    | 'timeZone'
  > {
  now: Instant;
  /** Expected repair minutes by order type (from history). */
  repairMinutesByType?: Readonly<Record<string, number>>;
  /** Repair minutes for a type missing from the table. Default 60. */
  defaultRepairMinutes?: number;
  /** A late order whose restoration falls due within this many minutes is exempt from the late rule. Default 60. */
  restorationGuardMinutes?: number;
  /** A late order waiting longer than this is exempt from the late rule. Default 180 (3 h). */
  maxWaitMinutes?: number;
  /** Hold an order for a busy crew only if it is free within this many minutes. Default 90. */
  holdHorizonMinutes?: number;
  /**
   * A busy crew whose job has run past its expected free time is expected free in as many minutes again as it has
   * overrun (the longer past, the less the estimate is worth), and no order is held for it once it has overrun by
   * more than this many minutes: the hold lapses and a free crew goes. Default 30.
   */
  holdOverrunMinutes?: number;
  /**
   * Holding back from late orders: a free crew is not sent to an order whose arrival clock it cannot meet (and
   * not exempt from the late rule) while that order's restoration clock keeps more than this share of its window
   * (creation → due) to spare after the drive and the repair; the crew stays free for orders it can still reach
   * in time. 0.25: an hour of an urban 4-hour window. Default `Infinity`: off, because it leaves an order
   * waiting while a crew that could go is free (issue 18 asks that a crew coming on duty takes a waiting order
   * at once). Measured in test/bench (storm-dispatch) with 0.25: see docs/benchmarks.md.
   */
  lateSlackShare?: number;
  /**
   * Look-ahead (rolling horizon): a free crew's order may be swapped for one of this many other orders of the same
   * kind (arrival clock met or not) when the clocks met over the next `lookAheadMinutes` come out higher. Default
   * 4; 0 turns it off.
   */
  lookAheadCandidates?: number;
  /** How far the look-ahead plays the crews' next jobs. Default 90 minutes. */
  lookAheadMinutes?: number;
  /** The look-ahead expects the orders of the last this many minutes to come in again over as many. Default 60. */
  forecastMinutes?: number;
  /** Holding back applies only while at most this many free crews could take the order. Default 2. */
  holdBackFreeCrews?: number;
  /** Customer tags that make an order sensitive. Default 医疗, 生命支持, life_support, hospital, vip, 重要用户. */
  sensitiveTags?: readonly string[];
}

export type PlanKind = 'dispatch' | 'hold-for-busy-crew';

export interface PlanAssignment {
  ticketId: string;
  crewId: string;
  /** Minutes from now until the crew is there (for a hold: its expected free time plus the drive). */
  etaMinutes: number;
  kind: PlanKind;
  /** For a hold: minutes until the busy crew is expected free. */
  freeInMinutes?: number;
  meetsArrival: boolean;
  meetsRestoration: boolean;
  /** Taking this crew takes it off another order (urgent pre-emption, as `rankCrews` allows it). */
  preempts: boolean;
}

/**
 * Why a waiting order got no crew in this plan.
 * - `no_crew_on_duty`: no crew is on duty and on shift;
 * - `no_skilled_crew`: crews are on duty, none has every skill the order needs;
 * - `too_far`: skilled crews are on duty, all beyond `maxDistanceKm`;
 * - `all_busy`: skilled crews are on duty, all busy with no expected free time within the hold horizon;
 * - `outranked`: a crew could go, but every such crew went to orders that weigh more in this plan;
 * - `held_back`: its arrival clock is lost and its restoration clock has time to spare (`lateSlackShare`): the
 *   free crews are kept for orders they can still reach in time, and it is sent once its slack runs down.
 */
export type UnassignedReason =
  | 'no_crew_on_duty'
  | 'no_skilled_crew'
  | 'too_far'
  | 'all_busy'
  | 'outranked'
  | 'held_back';

export interface Plan {
  assignments: PlanAssignment[];
  unassigned: { ticketId: string; reason: UnassignedReason }[];
}

export const DEFAULT_REPAIR_MINUTES = 60;
export const DEFAULT_SENSITIVE_TAGS = ['医疗', '生命支持', 'life_support', 'hospital', 'vip', '重要用户'];

const PRIORITY_WEIGHT: Record<Priority, number> = { urgent: 3, high: 2, normal: 1, low: 1 };

/**
 * How much an order's clocks count: urgent 3, high 2, normal and low 1; a sensitive customer adds 1.
 * The on-time objective the planner maximises is Σ weight × clocks met (arrival first, then restoration).
 */
export function orderWeight(
  order: PlanOrder,
  sensitiveTags: readonly string[] = DEFAULT_SENSITIVE_TAGS,
): number {
  return PRIORITY_WEIGHT[order.priority] + (isSensitive(order, sensitiveTags) ? 1 : 0);
}

function isSensitive(order: PlanOrder, tags: readonly string[]): boolean {
  return order.sensitive === true || (order.customerTags ?? []).some((t) => tags.includes(t));
}

/** One option for an (order, crew) pair: the cost terms and what the assignment would be. */
interface Option {
  arrival: boolean;
  restoration: boolean;
  exempt: boolean;
  eta: number;
  kind: PlanKind;
  freeIn?: number;
  preempts: boolean;
}

/**
 * Plans one batch: every waiting fault order against every crew, as ONE min-cost assignment (Munkres).
 *
 * Candidates: a crew `rankCrews` finds eligible now (skills, on duty and on shift in `timeZone`, pre-emption of
 * crews dispatched or en route for an urgent order when `allowPreemption`), or a busy crew the order may be held
 * for (`hold-for-busy-crew`), its ETA being the wait until it is expected free plus the drive from there. The hold
 * rule, bounded three ways: the busy crew has a `busy` entry expected free within `holdHorizonMinutes` (and is on
 * shift then); its job has not overrun its estimate by more than `holdOverrunMinutes`; and it is expected at the
 * order sooner than any free crew the plan leaves without an order (`keepHoldsHonest`). The assignment weighs a
 * hold like any candidate (a free crew first on a tie), so an order is held only when that meets a clock no free
 * crew would, saves about 50 minutes or more, or leaves a free crew for another order. One crew per order (a
 * combined order's other crews are added by hand, as today); one order per crew.
 *
 * Cost, lexicographic (each level outweighs any sum of the levels below it, so the plan maximises them in order):
 * 1. Σ weight × [arrival clock met, or the order is exempt from the late rule and restoration is met];
 * 2. Σ weight × [restoration clock met] (repair time from `repairMinutesByType`, else `defaultRepairMinutes`);
 * 3. tie-breaks: weight, the shorter job (drive + expected repair: a crew back sooner can take the next fault in
 *    time), time waited, a free crew before a hold.
 * `orderWeight`: urgent and sensitive orders weigh more.
 *
 * The late rule: a crew is not committed to an order whose arrival clock it cannot meet while an order it can
 * reach in time goes without a crew, unless the late order is exempt — its restoration is due within
 * `restorationGuardMinutes` (and this crew can still meet it) or it has waited more than `maxWaitMinutes`.
 * It holds because level 1 only counts the on-time and the exempt: swapping such a crew to the fresh order
 * gains a level-1 term and loses only lower levels.
 *
 * Holding back (`lateSlackShare`): in a storm, an order whose arrival is already lost gains only its restoration
 * clock, which can still be met later when it has time to spare, while a crew tied up on it misses the arrival
 * clocks of the faults coming in meanwhile. So a free crew is not sent to such an order until its restoration
 * slack (due − now − drive − expected repair) falls to `lateSlackShare` of its window; it is then sent like any
 * other, still in time. Bounded: the order waits at most until that point, an exempt order is never held back, and
 * only while crews are scarce (at most `holdBackFreeCrews` free crews could take it: on a quiet night it is sent).
 *
 * Look-ahead (`lookAheadCandidates`, on by default): the assignment sees one job per crew, so it cannot tell which
 * of two orders a crew should take now when the other crews' next jobs depend on it. Each crew sent may therefore
 * swap its order for one of a few others of the same kind when a short roll-out of the next `lookAheadMinutes`
 * (waiting orders, and the last hour's orders expected again) meets more weighted clocks; see
 * `improveByLookAhead`. Measured in test/bench (storm-dispatch): see docs/benchmarks.md.
 *
 * Deterministic: orders and crews are sorted by id before solving, so the same input in any order gives the
 * same plan; `now` is passed in, never read.
 *
 * @example
 * const { assignments, unassigned } = planDispatch(waitingOrders, crews, { now, timeZone: 'Asia/Shanghai' });
 */
export function planDispatch(
  orders: readonly PlanOrder[],
  crews: readonly PlanCrew[],
  opts: PlanOptions,
): Plan {
  const nowMs = ms(opts.now);
  const tags = opts.sensitiveTags ?? DEFAULT_SENSITIVE_TAGS;
  const repairTable = opts.repairMinutesByType ?? {};
  const defaultRepair = opts.defaultRepairMinutes ?? DEFAULT_REPAIR_MINUTES;
  const repairOf = (type: string | null | undefined) =>
    type != null && repairTable[type] !== undefined ? repairTable[type]! : defaultRepair;
  const guard = opts.restorationGuardMinutes ?? 60;
  const maxWait = opts.maxWaitMinutes ?? 180;
  const horizon = opts.holdHorizonMinutes ?? 90;
  const overrun = opts.holdOverrunMinutes ?? 30;
  const slackShare = opts.lateSlackShare ?? Number.POSITIVE_INFINITY;
  const holdBackFree = opts.holdBackFreeCrews ?? 2;
  const tz = opts.timeZone ?? 'Asia/Shanghai';

  const sortedOrders = [...orders].sort((a, b) => cmp(a.id, b.id));
  const sortedCrews = [...crews].sort((a, b) => cmp(a.id, b.id));
  const crewIndex = new Map(sortedCrews.map((c, j) => [c.id, j]));

  // Busy crews, as if available where and when they will be free (only those on shift then, within the horizon).
  const holdable: { crew: RankCrew; freeIn: number }[] = [];
  for (const c of sortedCrews) {
    if (!c.busy || c.status === 'off_duty' || c.status === 'available') continue;
    const freeIn = expectedFreeIn(c.busy, nowMs, repairOf, overrun);
    if (freeIn === null || freeIn > horizon) continue;
    if (c.shift && !onShift(c.shift, localMinuteOfDay(nowMs + freeIn * 60_000, tz))) continue;
    holdable.push({ crew: { ...c, status: 'available', position: c.busy.location, shift: null }, freeIn });
  }
  const holdCrews = holdable.map((h) => h.crew);
  const freeInOf = new Map(holdable.map((h) => [h.crew.id, h.freeIn]));

  const rankOpts: RankOptions = {
    now: nowMs,
    detourFactor: opts.detourFactor,
    speedKmhByZoneClass: opts.speedKmhByZoneClass,
    setupMinutes: opts.setupMinutes,
    allowPreemption: opts.allowPreemption,
    preemptionPenaltyMinutes: opts.preemptionPenaltyMinutes,
    maxDistanceKm: opts.maxDistanceKm,
    timeZone: tz,
    limit: Number.POSITIVE_INFINITY,
  };

  const n = sortedOrders.length;
  const m = sortedCrews.length;
  const options: (Option | null)[][] = sortedOrders.map(() => new Array<Option | null>(m).fill(null));
  const weights = sortedOrders.map((o) => orderWeight(o, tags));
  const waited = sortedOrders.map((o) => Math.max(0, (nowMs - ms(o.waitingSince ?? o.createdAt)) / 60_000));
  const repairs = sortedOrders.map((o) => repairOf(o.type));
  const heldBack = new Set<number>();
  // Per order, the free crews that could go now (held back or not), with their ETAs: the hold rule's yardstick.
  const freeEtas: { j: number; eta: number }[][] = sortedOrders.map(() => []);
  let maxWaited = 0;
  for (const w of waited) maxWaited = Math.max(maxWaited, w);

  for (let i = 0; i < n; i++) {
    const o = sortedOrders[i]!;
    const rankOrder = { ...o, arrivalDueAt: o.arrivalDueAt ?? null };
    const arrivalDue = o.arrivalDueAt != null ? ms(o.arrivalDueAt) : Number.POSITIVE_INFINITY;
    const restorationDue = o.restorationDueAt != null ? ms(o.restorationDueAt) : Number.POSITIVE_INFINITY;
    const repair = repairs[i]!;
    // The restoration slack a late order may keep before a free crew is sent to it.
    const spare = slackShare * Math.max(0, (restorationDue - ms(o.createdAt)) / 60_000);
    const option = (eta: number, kind: PlanKind, preempts: boolean, freeIn?: number): Option => {
      const at = nowMs + eta * 60_000;
      const restoration = at + repair * 60_000 <= restorationDue;
      const exempt = restoration && (restorationDue - nowMs <= guard * 60_000 || waited[i]! > maxWait);
      return { arrival: at <= arrivalDue, restoration, exempt, eta, kind, preempts, freeIn };
    };
    const ranked = rankCrews(rankOrder, sortedCrews, rankOpts);
    // Holding back only when crews are scarce: with more free crews able to go, one is sent.
    const scarce = ranked.filter((c) => !c.preempts).length <= holdBackFree;
    for (const c of ranked) {
      const opt = option(c.etaMinutes, 'dispatch', c.preempts);
      const slack = (restorationDue - nowMs) / 60_000 - opt.eta - repair;
      if (scarce && !opt.arrival && !opt.exempt && opt.restoration && slack > spare) {
        heldBack.add(i);
        continue;
      }
      options[i]![crewIndex.get(c.crewId)!] = opt;
    }
    for (const c of ranked)
      if (!c.preempts) freeEtas[i]!.push({ j: crewIndex.get(c.crewId)!, eta: c.etaMinutes });
    if (holdCrews.length === 0) continue;
    for (const c of rankCrews(rankOrder, holdCrews, rankOpts)) {
      const j = crewIndex.get(c.crewId)!;
      const freeIn = freeInOf.get(c.crewId)!;
      const hold = option(freeIn + c.etaMinutes, 'hold-for-busy-crew', false, freeIn);
      const cur = options[i]![j];
      if (!cur || score(hold, repair) > score(cur, repair)) options[i]![j] = hold;
    }
  }

  // Level sizes: each level is worth more than the most all lower levels can add over min(n, m) pairs.
  const pairs = Math.min(n, m) + 1;
  const TIE = 1000; // tie-break points per pair, 0..999
  const L2 = pairs * TIE;
  const maxW = Math.max(1, ...weights);
  const L1 = pairs * (L2 * maxW + TIE);
  const value = (i: number, opt: Option) =>
    weights[i]! * ((opt.arrival || opt.exempt ? L1 : 0) + (opt.restoration ? L2 : 0)) +
    tieBreak(opt, weights[i]!, waited[i]!, maxWaited, repairs[i]!);

  const cost: number[][] = options.map((row, i) => row.map((opt) => (opt ? -value(i, opt) : 0)));
  const assignments: PlanAssignment[] = [];
  const assigned = new Set<number>();
  const holdDropped = new Set<number>();
  if (n > 0 && m > 0) {
    // A forced pair of an order with no candidate left is no assignment.
    const pairs = munkres(cost).filter(([i, j]) => options[i]![j] != null);
    const candidates = opts.lookAheadCandidates ?? 4;
    if (candidates > 0) {
      const future = lookAheadOrders(sortedOrders, repairs, weights, nowMs, opts.forecastMinutes ?? 60);
      const crewsThen = sortedCrews.map((c) => crewFreeAt(c, nowMs, repairOf, overrun));
      improveByLookAhead(pairs, options, future, crewsThen, value, {
        candidates,
        horizon: opts.lookAheadMinutes ?? 90,
        travel: opts,
      });
    }
    for (const i of keepHoldsHonest(pairs, options, freeEtas)) holdDropped.add(i);
    for (const [i, j] of pairs) {
      const opt = options[i]![j]!;
      assigned.add(i);
      assignments.push({
        ticketId: sortedOrders[i]!.id,
        crewId: sortedCrews[j]!.id,
        etaMinutes: Math.round(opt.eta * 10) / 10,
        kind: opt.kind,
        ...(opt.freeIn !== undefined ? { freeInMinutes: Math.round(opt.freeIn * 10) / 10 } : {}),
        meetsArrival: opt.arrival,
        meetsRestoration: opt.restoration,
        preempts: opt.preempts,
      });
    }
  }
  assignments.sort((a, b) => cmp(a.ticketId, b.ticketId));

  const unassigned: Plan['unassigned'] = [];
  for (let i = 0; i < n; i++) {
    if (assigned.has(i)) continue;
    const o = sortedOrders[i]!;
    const reason: UnassignedReason = holdDropped.has(i)
      ? 'held_back'
      : options[i]!.some(Boolean)
        ? 'outranked'
        : heldBack.has(i)
          ? 'held_back'
          : whyNoCandidate(o, sortedCrews, nowMs, tz, opts.maxDistanceKm);
    unassigned.push({ ticketId: o.id, reason });
  }
  return { assignments, unassigned };
}

/**
 * The hold rule, applied to the finished plan: an order never waits for a busy crew while a free crew that would be
 * there sooner is left without an order. Such a hold becomes a dispatch of the soonest of those free crews, or, when
 * the late rule holds them back from this order, no assignment (the order waits, held back). A hold that a sooner
 * free crew loses to another order stands: that is what holding is for (the busy crew finishes close by; the free
 * crew goes where it alone is in time).
 */
function keepHoldsHonest(
  pairs: [number, number][],
  options: (Option | null)[][],
  freeEtas: readonly { j: number; eta: number }[][],
): number[] {
  const dropped: number[] = [];
  const used = new Set(pairs.map(([, j]) => j));
  for (let k = pairs.length - 1; k >= 0; k--) {
    const [i, j] = pairs[k]!;
    const hold = options[i]![j]!;
    if (hold.kind !== 'hold-for-busy-crew') continue;
    const idle = freeEtas[i]!.filter((f) => !used.has(f.j) && f.eta < hold.eta).sort((a, b) => a.eta - b.eta);
    if (idle.length === 0) continue;
    used.delete(j);
    const go = idle.find((f) => options[i]![f.j]?.kind === 'dispatch');
    if (go) {
      pairs[k] = [i, go.j];
      used.add(go.j);
    } else {
      pairs.splice(k, 1);
      dropped.push(i);
    }
  }
  return dropped;
}

/**
 * The orders the look-ahead plays, times in minutes from now: the waiting ones (indices as `orders`), then a
 * forecast: each order that came in during the last `forecastMinutes`, again as many minutes later, with its clocks
 * shifted alike (storm cells drift slowly; the recent past is the best guess at the next hour).
 */
function lookAheadOrders(
  orders: readonly PlanOrder[],
  repairs: readonly number[],
  weights: readonly number[],
  nowMs: number,
  forecastMinutes: number,
): LookAheadOrder[] {
  const minutes = (t: Instant | null | undefined) =>
    t != null ? (ms(t) - nowMs) / 60_000 : Number.POSITIVE_INFINITY;
  const waiting: LookAheadOrder[] = orders.map((o, i) => ({
    location: o.location,
    zoneClass: o.zoneClass,
    requiredSkills: o.requiredSkills,
    arrivalDue: minutes(o.arrivalDueAt),
    restorationDue: minutes(o.restorationDueAt),
    repair: repairs[i]!,
    weight: weights[i]!,
    appearAt: 0,
  }));
  const expected: LookAheadOrder[] = [];
  orders.forEach((o, i) => {
    const age = -minutes(o.createdAt);
    if (age > forecastMinutes) return;
    const w = waiting[i]!;
    expected.push({
      ...w,
      arrivalDue: w.arrivalDue + forecastMinutes,
      restorationDue: w.restorationDue + forecastMinutes,
      appearAt: forecastMinutes - age,
    });
  });
  return [...waiting, ...expected];
}

/** Where and when a crew not sent in this plan is next free, as the look-ahead sees it; null: not on duty. */
function crewFreeAt(
  c: PlanCrew,
  nowMs: number,
  repairOf: (type: string | null | undefined) => number,
  overrun: number,
): LookAheadCrew | null {
  if (c.status === 'off_duty') return null;
  if (c.status === 'available') return { skills: c.skills, position: c.position ?? c.depot, freeAt: 0 };
  if (!c.busy) return null;
  const freeAt = expectedFreeIn(c.busy, nowMs, repairOf, overrun);
  return freeAt === null ? null : { skills: c.skills, position: c.busy.location, freeAt };
}

/**
 * Minutes until a busy crew is expected free: its `freeAt`, else on site + the expected repair of its order's type.
 * A job past that time is expected to take as long again as it has overrun; past `overrun` minutes over, null: its
 * estimate is no longer trusted (no hold for it, and the look-ahead does not count on it).
 */
function expectedFreeIn(
  busy: NonNullable<PlanCrew['busy']>,
  nowMs: number,
  repairOf: (type: string | null | undefined) => number,
  overrun: number,
): number | null {
  const freeAtMs =
    busy.freeAt != null ? ms(busy.freeAt) : ms(busy.onSiteAt) + repairOf(busy.orderType) * 60_000;
  const freeIn = (freeAtMs - nowMs) / 60_000;
  if (freeIn >= 0) return freeIn;
  return -freeIn > overrun ? null : -freeIn;
}

/**
 * Rolling horizon over the assignment: for each free crew sent, in turn, its order may be swapped for one of the
 * best `candidates` other unassigned orders of the same kind (arrival clock met or exempt, or neither, so the late
 * rule still holds and every crew sent is still sent) when this job plus the next `horizon` minutes — every crew
 * then taking, as it comes free, the best order left for it alone, forecast orders included — meets more weighted
 * clocks. Only the swap is kept; the look-ahead's later jobs are not commitments.
 */
function improveByLookAhead(
  pairs: [number, number][],
  options: (Option | null)[][],
  orders: readonly LookAheadOrder[],
  crewsThen: readonly (LookAheadCrew | null)[],
  value: (i: number, opt: Option) => number,
  o: { candidates: number; horizon: number; travel: PlanOptions },
): void {
  const n = options.length; // waiting orders; those after them in `orders` are forecast
  const forecast = Array.from({ length: orders.length - n }, (_, k) => n + k);
  const taken = new Set(pairs.map(([i]) => i));
  const orderOf = new Map(pairs.map(([i, j]) => [j, i]));
  const afterJob = (i: number, j: number): LookAheadCrew => ({
    skills: crewsThen[j]?.skills ?? orders[i]!.requiredSkills,
    position: orders[i]!.location,
    freeAt: options[i]![j]!.eta + orders[i]!.repair,
  });
  for (let p = 0; p < pairs.length; p++) {
    const [current, j] = pairs[p]!;
    const cur = options[current]![j]!;
    if (cur.kind !== 'dispatch' || cur.preempts) continue;
    const onTime = cur.arrival || cur.exempt;
    const others: number[] = [];
    for (let i = 0; i < n; i++) {
      const opt = options[i]![j];
      if (taken.has(i) || !opt || opt.kind !== 'dispatch' || opt.preempts) continue;
      if ((opt.arrival || opt.exempt) === onTime) others.push(i);
    }
    if (others.length === 0) continue;
    others.sort((a, b) => value(b, options[b]![j]!) - value(a, options[a]![j]!) || a - b);
    const rest: LookAheadCrew[] = [];
    crewsThen.forEach((c, jj) => {
      if (jj === j) return;
      const i = orderOf.get(jj);
      if (i !== undefined) rest.push(afterJob(i, jj));
      else if (c) rest.push(c);
    });
    let best = current;
    let bestValue = Number.NEGATIVE_INFINITY;
    for (const c of [current, ...others.slice(0, o.candidates)]) {
      const opt = options[c]![j]!;
      const left: number[] = [];
      for (let i = 0; i < n; i++) if (i !== c && (i === current || !taken.has(i))) left.push(i);
      left.push(...forecast);
      const v =
        orders[c]!.weight * ((opt.arrival ? 1 : 0) + (opt.restoration ? 1 : 0)) +
        lookAheadValue(orders, left, [...rest, afterJob(c, j)], o.horizon, o.travel);
      if (v > bestValue + 1e-9) {
        bestValue = v;
        best = c;
      }
    }
    if (best === current) continue;
    taken.delete(current);
    taken.add(best);
    pairs[p] = [best, j];
    orderOf.set(j, best);
  }
}

/**
 * 0..999: weight, then the shorter job (arrival + expected repair: the crew is free again sooner), then time
 * waited (older first), then a free crew before a hold.
 */
function tieBreak(opt: Option, weight: number, waited: number, maxWaited: number, repair: number): number {
  const w = Math.min(weight, 4) * 100; // 100..400
  const short = Math.max(0, 250 - Math.round(opt.eta + repair)); // 0..250
  const old = maxWaited > 0 ? Math.round((waited / maxWaited) * 100) : 0; // 0..100
  const free = opt.kind === 'dispatch' ? 49 : 0;
  return Math.min(999, w + short + old + free);
}

/** Comparing two options for one pair (a pre-empting dispatch or a hold), by the same levels. */
function score(opt: Option, repair: number): number {
  return (opt.arrival || opt.exempt ? 4e6 : 0) + (opt.restoration ? 2e6 : 0) + tieBreak(opt, 1, 0, 1, repair);
}

function whyNoCandidate(
  o: PlanOrder,
  crews: readonly PlanCrew[],
  nowMs: number,
  tz: string,
  maxKm: number | undefined,
): UnassignedReason {
  const order = { ...o, priority: 'urgent' as const, arrivalDueAt: null };
  const all = rankCrews(order, crews, {
    now: nowMs,
    timeZone: tz,
    maxDistanceKm: maxKm,
    includeIneligible: true,
    allowPreemption: true,
    limit: Number.POSITIVE_INFINITY,
  });
  const onDuty = all.filter((c) => c.status !== 'off_duty' && c.reason !== 'off_shift');
  if (onDuty.length === 0) return 'no_crew_on_duty';
  const skilled = onDuty.filter((c) => c.skillsOk);
  if (skilled.length === 0) return 'no_skilled_crew';
  if (skilled.every((c) => c.reason === 'too_far')) return 'too_far';
  return 'all_busy';
}

const ms = (t: Instant) => (typeof t === 'number' ? t : new Date(t).getTime());
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The floor the planner is measured against: orders one at a time, oldest first, each taking the nearest free
 * eligible crew not yet taken (what auto-dispatch on creation does). Same eligibility as the planner; no holds.
 */
export function planGreedy(
  orders: readonly PlanOrder[],
  crews: readonly PlanCrew[],
  opts: PlanOptions,
): Plan {
  const nowMs = ms(opts.now);
  const repairTable = opts.repairMinutesByType ?? {};
  const defaultRepair = opts.defaultRepairMinutes ?? DEFAULT_REPAIR_MINUTES;
  const sorted = [...orders].sort(
    (a, b) => ms(a.waitingSince ?? a.createdAt) - ms(b.waitingSince ?? b.createdAt) || cmp(a.id, b.id),
  );
  const taken = new Set<string>();
  const plan: Plan = { assignments: [], unassigned: [] };
  for (const o of sorted) {
    const best = rankCrews({ ...o, arrivalDueAt: o.arrivalDueAt ?? null }, crews, {
      now: nowMs,
      detourFactor: opts.detourFactor,
      speedKmhByZoneClass: opts.speedKmhByZoneClass,
      setupMinutes: opts.setupMinutes,
      allowPreemption: opts.allowPreemption,
      preemptionPenaltyMinutes: opts.preemptionPenaltyMinutes,
      maxDistanceKm: opts.maxDistanceKm,
      timeZone: opts.timeZone,
      limit: Number.POSITIVE_INFINITY,
    }).find((c) => !taken.has(c.crewId));
    if (!best) {
      plan.unassigned.push({ ticketId: o.id, reason: 'outranked' });
      continue;
    }
    taken.add(best.crewId);
    const at = nowMs + best.etaMinutes * 60_000;
    const repair = o.type != null && repairTable[o.type] !== undefined ? repairTable[o.type]! : defaultRepair;
    plan.assignments.push({
      ticketId: o.id,
      crewId: best.crewId,
      etaMinutes: best.etaMinutes,
      kind: 'dispatch',
      meetsArrival: o.arrivalDueAt == null || at <= ms(o.arrivalDueAt),
      meetsRestoration: o.restorationDueAt == null || at + repair * 60_000 <= ms(o.restorationDueAt),
      preempts: best.preempts,
    });
  }
  return plan;
}

/**
 * The on-time objective of a plan, as the planner ranks it: Σ weight over assignments meeting the arrival clock,
 * and Σ weight over those meeting the restoration clock (by the plan's own ETA and repair estimate).
 */
export function planObjective(
  plan: Plan,
  orders: readonly PlanOrder[],
  sensitiveTags: readonly string[] = DEFAULT_SENSITIVE_TAGS,
): { arrival: number; restoration: number } {
  const byId = new Map(orders.map((o) => [o.id, o]));
  let arrival = 0;
  let restoration = 0;
  for (const a of plan.assignments) {
    const w = orderWeight(byId.get(a.ticketId)!, sensitiveTags);
    if (a.meetsArrival) arrival += w;
    if (a.meetsRestoration) restoration += w;
  }
  return { arrival, restoration };
}
