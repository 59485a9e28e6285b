import {
  type CrewSkill,
  type LatLng,
  PRIORITIES,
  type Priority,
  type RankCrew,
  rankCrews,
  type ZoneClass,
} from '@gd/domain';

/**
 * The one boundary between the API and the dispatch planner. Everything around it (loading the waiting orders and
 * the crews, the lock, assigning, the backlog) stays when the batch planner of @gd/domain replaces this stand-in,
 * which is greedy: the most urgent order first, each to the soonest eligible free crew (`rankCrews`).
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
 * elsewhere); the free ones went to more urgent orders of this batch; or the order has no location.
 */
export type WaitingReason =
  | 'no_location'
  | 'no_skilled_crew'
  | 'no_crew_on_duty'
  | 'off_shift'
  | 'crews_busy'
  | 'crews_taken';

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
 * Plans one batch: which free crew goes to which waiting order, and why the others wait. Pure and deterministic
 * (the same input gives the same plan); a crew is used at most once; only `available` crews on shift with every
 * required skill are sent (so never an off-duty one).
 */
export function planBatch(input: PlanInput): Plan {
  const { now, timeZone } = input;
  const orders = [...input.orders].sort(byUrgency);
  const taken = new Set<string>();
  const assignments: PlannedAssignment[] = [];
  const waiting: WaitingOrder[] = [];
  for (const o of orders) {
    if (o.location === null) {
      waiting.push({ ticketId: o.ticketId, reason: 'no_location' });
      continue;
    }
    const rankOrder = {
      location: o.location,
      zoneClass: o.zoneClass,
      requiredSkills: o.requiredSkills,
      priority: o.priority,
      arrivalDueAt: o.arrivalDueAt,
    };
    const free = input.crews.filter((c) => c.status === 'available' && !taken.has(c.id));
    const [best] = rankCrews(rankOrder, free, { now, timeZone, limit: 1 });
    if (best) {
      taken.add(best.crewId);
      assignments.push({
        ticketId: o.ticketId,
        crewId: best.crewId,
        etaMinutes: best.etaMinutes,
        meetsArrivalSla: best.meetsArrivalSla,
      });
      continue;
    }
    waiting.push({ ticketId: o.ticketId, reason: whyWaiting(o, rankOrder, input, taken) });
  }
  return { assignments, waiting };
}

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
