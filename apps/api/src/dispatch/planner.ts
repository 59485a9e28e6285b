import {
  type CrewSkill,
  type LatLng,
  PRIORITIES,
  type Priority,
  planDispatch,
  type RankCrew,
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
  /** Every crew (any status): the planner only sends `available` ones, the others explain why an order waits. */
  crews: readonly RankCrew[];
  now: Date;
  /** Time zone of the crews' shift times. */
  timeZone: string;
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
 * planDispatch); or the order has no location.
 */
export type WaitingReason =
  | 'no_location'
  | 'no_skilled_crew'
  | 'no_crew_on_duty'
  | 'off_shift'
  | 'crews_busy'
  | 'crews_taken'
  | 'held_back';

export interface WaitingOrder {
  ticketId: string;
  reason: WaitingReason;
  /** A crew the planner holds the order for (a busy crew about to be free), when it has one. */
  proposedCrewId?: string;
  proposedEtaMinutes?: number;
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
      createdAt: o.waitingSince,
      waitingSince: o.waitingSince,
      arrivalDueAt: o.arrivalDueAt,
      restorationDueAt: o.restorationDueAt,
      sensitive: o.sensitive,
    })),
    input.crews,
    { now, timeZone },
  );
  const byId = new Map(input.orders.map((o) => [o.ticketId, o]));
  // Crews sent by this plan; a busy crew an order is held for is not one of them (its orders wait as crews_busy).
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
      // Held for a busy crew about to be free nearby: it waits, with that crew proposed.
      waiting.push({
        ticketId: a.ticketId,
        reason: 'crews_busy',
        proposedCrewId: a.crewId,
        proposedEtaMinutes: a.etaMinutes,
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
