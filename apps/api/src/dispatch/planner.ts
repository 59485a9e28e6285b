import {
  type CrewSkill,
  EXPECTED_REPAIR_MINUTES,
  faultTypeOf,
  type LatLng,
  type PlanCrew,
  PRIORITIES,
  type Priority,
  planDispatch,
  rankCrews,
  type ZoneClass,
} from '@gd/domain';

/**
 * The one boundary between the API and the dispatch planner (`planDispatch` in @gd/domain): everything around it
 * (loading the waiting orders and the crews, the lock, assigning, the backlog) is the API's; the choice is the
 * pure planner's.
 */

/** A fault order waiting for a crew, as the planner sees it. */
export interface PlanOrder {
  ticketId: string;
  /** Null: the order cannot be placed (no crew can be ranked for it). */
  location: LatLng | null;
  zoneClass: ZoneClass;
  requiredSkills: readonly CrewSkill[];
  priority: Priority;
  /** A sensitive customer (hospital, life support…): ahead of others of the same priority. */
  sensitive: boolean;
  arrivalDueAt: Date | null;
  restorationDueAt: Date | null;
  /** When it started waiting (created, or sent back to dispatch). */
  waitingSince: Date;
}

export interface PlanInput {
  orders: readonly PlanOrder[];
  /**
   * Every crew (any status): the planner only sends `available` ones, the others explain why an order waits. A busy
   * crew with `busy` (from `busyOf`) may have an order held for it, and the look-ahead plays its next job.
   */
  crews: readonly PlanCrew[];
  now: Date;
  /** Time zone of the crews' shift times. */
  timeZone: string;
  /** Expected repair minutes by fault type (from history); default the table in @gd/domain. */
  repairMinutesByType?: Readonly<Record<string, number>>;
}

/** A busy crew's current order and how far it got, as `busyOf` reads it. */
export interface CrewJob {
  location: LatLng | null;
  requiredSkills: readonly string[];
  /** The order's status. */
  status: string;
  assignedAt: Date;
  /** The ETA promised when it was assigned, minutes from `assignedAt`. */
  etaMinutes: number | null;
  /** When this crew (else the order's first crew) arrived. */
  arrivedAt: Date | null;
  /** When power was restored on it, if it was. */
  restoredAt: Date | null;
}

/**
 * Where and when a busy crew is expected free, as the planner takes it (its free time = on site + the expected
 * repair of the order's fault type, from `repairMinutesByType`): on site since its arrival; sent or en route, on
 * site at the ETA promised when it was assigned (now, if that has passed); power already restored, free since then
 * (the crew is wrapping up; a crew that never completes overruns and lapses like any other, see planDispatch's
 * `holdOverrunMinutes`). Null for an order with no location.
 */
export function busyOf(job: CrewJob, now: Date): NonNullable<PlanCrew['busy']> | null {
  if (job.location === null) return null;
  const orderType = faultTypeOf(job.requiredSkills);
  if (job.status === 'restored') {
    const at = job.restoredAt ?? now;
    return { location: job.location, onSiteAt: job.arrivedAt ?? at, orderType, freeAt: at };
  }
  if (job.arrivedAt !== null) return { location: job.location, onSiteAt: job.arrivedAt, orderType };
  const expected = job.assignedAt.getTime() + (job.etaMinutes ?? 0) * 60_000;
  return { location: job.location, onSiteAt: new Date(Math.max(expected, now.getTime())), orderType };
}

export interface PlannedAssignment {
  ticketId: string;
  crewId: string;
  etaMinutes: number;
  meetsArrivalSla: boolean;
}

/**
 * Why an order is left waiting: no crew has its skills; none of them is on duty; they are all busy (or on shift
 * elsewhere); the free ones went to more urgent orders of this batch; its arrival clock is lost and its
 * restoration can wait, so the free crews are kept for orders they can still reach in time (`lateSlackShare` of
 * planDispatch); the order has no location; or it is held for a busy crew expected there sooner than any free
 * crew left without an order (`held_for_busy_crew`, the hold rule of planDispatch), which it is dispatched to once
 * that crew is free.
 */
export type WaitingReason =
  | 'no_location'
  | 'no_skilled_crew'
  | 'no_crew_on_duty'
  | 'off_shift'
  | 'crews_busy'
  | 'crews_taken'
  | 'held_back'
  | 'held_for_busy_crew';

export interface WaitingOrder {
  ticketId: string;
  reason: WaitingReason;
  /** With `held_for_busy_crew`: the busy crew it is held for, when it is expected there, and when free. */
  proposedCrewId?: string;
  proposedEtaMinutes?: number;
  freeInMinutes?: number;
}

export interface Plan {
  /** In the order they were decided: most urgent first. */
  assignments: PlannedAssignment[];
  waiting: WaitingOrder[];
}

const PRIORITY_RANK = new Map<Priority, number>(PRIORITIES.map((p, i) => [p, i]));
const time = (d: Date | null) => (d === null ? Number.POSITIVE_INFINITY : d.getTime());

/** Most urgent first: priority, then sensitive customers, then the arrival clock due first, then the longest wait. */
export function byUrgency(a: PlanOrder, b: PlanOrder): number {
  return (
    (PRIORITY_RANK.get(a.priority) ?? 9) - (PRIORITY_RANK.get(b.priority) ?? 9) ||
    Number(b.sensitive) - Number(a.sensitive) ||
    time(a.arrivalDueAt) - time(b.arrivalDueAt) ||
    time(a.restorationDueAt) - time(b.restorationDueAt) ||
    a.waitingSince.getTime() - b.waitingSince.getTime() ||
    (a.ticketId < b.ticketId ? -1 : a.ticketId > b.ticketId ? 1 : 0)
  );
}

/**
 * Plans one batch with the storm planner of @gd/domain (`planDispatch`: one min-cost assignment of the waiting
 * orders to the free crews, orders whose clocks can still be met first; see its doc comment for the late rule),
 * and says why each other order waits. Pure and deterministic; a crew is used at most once; only `available` crews
 * on shift with the skills are sent (never an off-duty one).
 */
export function planBatch(input: PlanInput): Plan {
  const { now, timeZone } = input;
  const placed = input.orders.filter((o): o is PlanOrder & { location: LatLng } => o.location !== null);
  const plan = planDispatch(
    placed.map((o) => ({
      id: o.ticketId,
      location: o.location,
      zoneClass: o.zoneClass,
      priority: o.priority,
      requiredSkills: o.requiredSkills,
      type: faultTypeOf(o.requiredSkills),
      createdAt: o.waitingSince,
      waitingSince: o.waitingSince,
      arrivalDueAt: o.arrivalDueAt,
      restorationDueAt: o.restorationDueAt,
      sensitive: o.sensitive,
    })),
    input.crews,
    { now, timeZone, repairMinutesByType: input.repairMinutesByType ?? EXPECTED_REPAIR_MINUTES },
  );
  const byId = new Map(input.orders.map((o) => [o.ticketId, o]));
  // Crews sent by this plan; a busy crew an order is held for is not one of them (an order that lost it to a more
  // urgent one waits as crews_busy).
  const taken = new Set(plan.assignments.filter((a) => a.kind === 'dispatch').map((a) => a.crewId));
  const assignments: PlannedAssignment[] = [];
  const waiting: WaitingOrder[] = [];
  for (const a of plan.assignments) {
    if (a.kind === 'dispatch') {
      assignments.push({
        ticketId: a.ticketId,
        crewId: a.crewId,
        etaMinutes: a.etaMinutes,
        meetsArrivalSla: a.meetsArrival,
      });
    } else {
      // Held for a busy crew expected there sooner than any free crew left without an order: it waits for it, and
      // is sent to it (by a later run) once the crew is free.
      waiting.push({
        ticketId: a.ticketId,
        reason: 'held_for_busy_crew',
        proposedCrewId: a.crewId,
        proposedEtaMinutes: a.etaMinutes,
        freeInMinutes: a.freeInMinutes ?? 0,
      });
    }
  }
  for (const u of plan.unassigned) {
    const o = byId.get(u.ticketId)!;
    waiting.push({
      ticketId: u.ticketId,
      // 'outranked' is told by whyWaiting too: crews_taken when a free crew went to a more urgent order, crews_busy
      // when what it lost was a busy crew held for a more urgent one.
      reason: u.reason === 'held_back' ? 'held_back' : whyWaiting(o, rankOrderOf(o), input, taken),
    });
  }
  for (const o of input.orders) {
    if (o.location === null) waiting.push({ ticketId: o.ticketId, reason: 'no_location' });
  }
  // Most urgent first, as the dispatchers read them.
  const rank = new Map([...input.orders].sort(byUrgency).map((o, i) => [o.ticketId, i]));
  const urgency = (x: { ticketId: string }) => rank.get(x.ticketId) ?? 0;
  assignments.sort((a, b) => urgency(a) - urgency(b));
  waiting.sort((a, b) => urgency(a) - urgency(b));
  return { assignments, waiting };
}

const rankOrderOf = (o: PlanOrder) => ({
  location: o.location ?? { lat: 0, lng: 0 },
  zoneClass: o.zoneClass,
  requiredSkills: o.requiredSkills,
  priority: o.priority,
  arrivalDueAt: o.arrivalDueAt,
});

function whyWaiting(
  o: PlanOrder,
  rankOrder: Parameters<typeof rankCrews>[0],
  input: PlanInput,
  taken: ReadonlySet<string>,
): WaitingReason {
  const skilled = input.crews.filter((c) => o.requiredSkills.every((s) => c.skills.includes(s)));
  if (skilled.length === 0) return 'no_skilled_crew';
  const onDuty = skilled.filter((c) => c.status !== 'off_duty');
  if (onDuty.length === 0) return 'no_crew_on_duty';
  if (onDuty.some((c) => taken.has(c.id))) return 'crews_taken';
  const ranked = rankCrews(rankOrder, onDuty, {
    now: input.now,
    timeZone: input.timeZone,
    includeIneligible: true,
    limit: Number.POSITIVE_INFINITY,
  });
  return ranked.some((c) => c.reason === 'status') ? 'crews_busy' : 'off_shift';
}
