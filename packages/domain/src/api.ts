/**
 * The shapes of the public API v1 (every route and request body: docs/openapi.json, generated from the server by
 * `npm run openapi`): the server's response mappers return these and the apps and tests read them, so a shape is
 * written once.
 */
import type { ClockKind, ClockState, PauseReason } from './clocks.js';
import type { LatLng, PolygonGeometry } from './geo.js';
import type { TimelineKind } from './records.js';
import type { Role } from './roles.js';
import type { CallOutcome, Channel, CrewSkill, CrewStatus, ZoneClass } from './territory.js';
import type { Priority, TicketStatus, TicketType } from './tickets.js';

export type IsoDateTime = string;

export interface User {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  crewId: string | null;
  district?: string | null;
  /** The call-centre team (班组), whose members share a queue. */
  team: string | null;
  disabled?: boolean;
}

export interface LoginResponse {
  accessToken: string;
  user: User;
}

export interface Health {
  status: 'ok' | 'degraded';
  database: 'postgres' | 'pglite';
  migration: string;
}

export interface ApiError {
  statusCode: number;
  message: string | string[];
  error: string;
}

export interface Page<T> {
  items: T[];
  total: number;
  /** Set when `total` stopped counting at a cap (a broad search): there are at least that many. */
  totalCapped?: boolean;
}

export interface ZoneProperties {
  id: string;
  name: string;
  district: string;
  zoneClass: ZoneClass;
}
export interface ZoneFeature {
  type: 'Feature';
  id: string;
  properties: ZoneProperties;
  geometry: PolygonGeometry;
}
export interface ZoneCollection {
  type: 'FeatureCollection';
  features: ZoneFeature[];
}
export interface ZoneClassification {
  zoneId: string;
  zoneClass: ZoneClass;
  district: string;
}

export interface Customer {
  id: string;
  accountNo: string;
  name: string;
  phone: string;
  address: string;
  location: LatLng;
  zoneClass: ZoneClass;
  district?: string;
  tags: string[];
}
export interface CustomerWithOrders extends Customer {
  recentOrders: Ticket[];
}

export interface Clock {
  dueAt: IsoDateTime;
  state: ClockState;
  startedAt: IsoDateTime;
  stoppedAt: IsoDateTime | null;
  pausedMs: number;
  breachedAt: IsoDateTime | null;
  /** Extra, not in the v1 minimum: the calendar the clock counts on and when its warning starts. */
  calendar?: 'wall' | 'business';
  warningAt?: IsoDateTime | null;
  pausedAt?: IsoDateTime | null;
  pauseReason?: string | null;
}
export type TicketSla = Partial<Record<ClockKind, Clock>>;

export interface CrewReport {
  cause: string;
  workDone: string;
  materials?: string;
}

export interface Ticket {
  id: string;
  number: string;
  type: TicketType;
  status: TicketStatus;
  priority: Priority;
  description: string;
  customerId: string | null;
  location: LatLng | null;
  address: string | null;
  zoneClass: ZoneClass | null;
  district: string | null;
  firstResponderId: string;
  ownerId: string;
  crewId: string | null;
  outageId: string | null;
  parentId: string | null;
  urgeCount: number;
  reopenCount: number;
  requiredSkills: CrewSkill[];
  report: CrewReport | null;
  resolution: string | null;
  createdAt: IsoDateTime;
  dispatchedAt: IsoDateTime | null;
  acknowledgedAt: IsoDateTime | null;
  arrivedAt: IsoDateTime | null;
  arrivalManual: boolean;
  /** A hand-typed arrival flagged for reports: no GPS fix in the last 10 minutes, or recorded by a dispatcher. */
  arrivalFlag?: 'no_recent_fix' | 'by_dispatcher' | null;
  restoredAt: IsoDateTime | null;
  completedAt: IsoDateTime | null;
  closedAt: IsoDateTime | null;
  sla: TicketSla;
  /** The customer's name and phone, so whoever works the order (the assigned crew too) can reach them. */
  customerName?: string | null;
  customerPhone?: string | null;
}

export interface TimelineEntry {
  at: IsoDateTime;
  actorId: string | null;
  kind: TimelineKind;
  data: Record<string, unknown>;
}

export interface Outage {
  id: string;
  kind: 'planned' | 'fault';
  area: PolygonGeometry;
  startsAt: IsoDateTime;
  endsAt: IsoDateTime | null;
  estimatedRestoreAt: IsoDateTime | null;
  description: string;
  ticketId: string | null;
  status: 'active' | 'restored';
  restoredAt: IsoDateTime | null;
}

export interface Call {
  id: string;
  agentId: string;
  phone: string;
  channel: Channel;
  customerId: string | null;
  notes: string | null;
  outcome: CallOutcome | null;
  ticketId: string | null;
  startedAt: IsoDateTime;
  endedAt: IsoDateTime | null;
}
/** Who is on an open order of the screen pop, so the agent can answer "when will they come?". */
export interface PopOrderCrew {
  id: string;
  name: string;
  /** When the crew was promised on site (assignment time + ETA), if an ETA was given. */
  etaAt: IsoDateTime | null;
  arrivedAt: IsoDateTime | null;
}
export interface PopOrder extends Ticket {
  /** The assigned crew, null while none is. */
  crew?: PopOrderCrew | null;
  /** The outage's estimated restoration when the order is under one, else the restoration clock's due time. */
  estimatedRestoreAt?: IsoDateTime | null;
}
export interface ScreenPop extends Call {
  openTickets: PopOrder[];
  knownOutages: Outage[];
  /** The customer the call matched (absent for an unknown caller): the screen needs no second request. */
  customer?: Customer | null;
}

export interface CrewPosition extends LatLng {
  at: IsoDateTime;
  speedKmh?: number | null;
  heading?: number | null;
}
export interface Crew {
  id: string;
  name: string;
  skills: CrewSkill[];
  status: CrewStatus;
  depot: LatLng & { name?: string };
  position: CrewPosition | null;
  ticketId: string | null;
  district?: string | null;
  vehicle?: string | null;
  /** Extra, not in the v1 minimum: short code (C01…), local shift times (HH:MM), phone. */
  code?: string;
  shift?: { start: string; end: string } | null;
  phone?: string | null;
}
/** One point of a crew's GPS trail (GET /api/crews/:id/trail), oldest first. */
export interface TrailPoint extends LatLng {
  at: IsoDateTime;
  speedKmh: number | null;
  heading: number | null;
  accuracyM: number | null;
}
export interface PositionInput {
  lat: number;
  lng: number;
  recordedAt: IsoDateTime;
  speedKmh?: number;
  heading?: number;
  accuracyM?: number;
}
export interface PositionBatchResult {
  accepted: number;
  rejected: { index: number; reason: string }[];
}

export interface Candidate {
  crewId: string;
  distanceKm: number;
  etaMinutes: number;
  meetsArrivalSla: boolean;
  skillsOk: boolean;
  status: CrewStatus;
}

export interface Callback {
  id: string;
  ticketId: string;
  dueAt: IsoDateTime;
  attempts: number;
  status: 'due' | 'done' | 'unreachable';
}

/**
 * One group of `GET /api/reports/sla`. The v1 rates are ADJUSTED (approved pauses and area emergencies
 * counted, exempt clocks left out); the `…Raw` rates ignore every pause and exemption. Times are wall minutes
 * from the clock's start to its stop; `…AdjustedMin` subtracts the paused time. Rates are 0–1, null when no
 * clock of the group is judged yet.
 */
export interface SlaReportRow {
  key: string;
  orders: number;
  arrivalOnTimeRate: number | null;
  restorationOnTimeRate: number | null;
  avgArrivalMin: number | null;
  p90ArrivalMin: number | null;
  avgRestorationMin: number | null;
  /** Extra, beyond the v1 minimum. */
  arrivalOnTimeRateRaw?: number | null;
  restorationOnTimeRateRaw?: number | null;
  avgArrivalAdjustedMin?: number | null;
  avgRestorationAdjustedMin?: number | null;
  p90RestorationMin?: number | null;
  arrivalBreached?: number;
  restorationBreached?: number;
  exemptClocks?: number;
}

/** An area-wide emergency (typhoon, blocked roads) declared by a supervisor: `POST /api/sla/emergencies`. */
export interface SlaEmergency {
  id: string;
  zoneIds: string[];
  startsAt: IsoDateTime;
  endsAt: IsoDateTime;
  mode: 'pause' | 'exempt';
  reason: string;
  declaredBy: string;
  createdAt: IsoDateTime;
  /** Clocks changed when it was declared (only in the POST answer). */
  affectedClocks?: number;
}
export type PauseRequestStatus = 'pending' | 'approved' | 'refused';
/** A request that a supervisor pause one clock of an order (GET /api/sla/pause-requests). */
export interface SlaPauseRequest {
  id: string;
  ticketId: string;
  number: string;
  clock: ClockKind;
  reason: PauseReason;
  note: string | null;
  status: PauseRequestStatus;
  requestedBy: { id: string; displayName: string; role: Role };
  requestedAt: IsoDateTime;
  decidedBy: string | null;
  decidedAt: IsoDateTime | null;
  /** Why it was refused (empty on an approval). */
  decisionNote: string | null;
  /** The clock as it stands now (its due time and state), for the supervisor's judgement. */
  clockNow: Clock | null;
}
export interface AgentReportRow {
  agentId: string;
  firstResponded: number;
  closedOnTime: number;
  repeatCallRate: number | null;
  satisfactionRate: number | null;
}

export interface AuditEntry {
  id: number;
  at: IsoDateTime;
  actorId: string | null;
  /** An `AuditAction` / `AuditEntity` (records.ts) as written; the trail keeps the codes of earlier versions too. */
  action: string;
  entity: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
}

/* ---- 回访 callback surveys (issue 6) ---- */
/** The 3-point scale of a callback survey: satisfaction, and the timeliness and attitude ratings. */
export const SATISFACTIONS = ['satisfied', 'basically_satisfied', 'dissatisfied'] as const;
export type Satisfaction = (typeof SATISFACTIONS)[number];
export const CALLBACK_STATUSES = ['due', 'done', 'unreachable'] as const;
export type CallbackStatus = (typeof CALLBACK_STATUSES)[number];

/** A row of the QA queue: the v1 Callback plus what the queue shows without opening it. */
export interface CallbackListItem extends Callback {
  /** When the next try is due after an unreachable attempt (null before the first try). */
  nextAttemptAt: IsoDateTime | null;
  /** The instant the queue sorts by: the retry time when set, else the due time. */
  sortAt: IsoDateTime;
  overdue: boolean;
  createdAt: IsoDateTime;
  completedAt: IsoDateTime | null;
  ticketNumber: string;
  ticketType: TicketType;
  ticketStatus: TicketStatus;
  customerId: string | null;
  customerName: string | null;
  customerPhone: string | null;
  address: string | null;
  district: string | null;
  /** The outcome once closed: `resolved` (order archived), `reopened`, or null while due / unreachable. */
  outcome: 'resolved' | 'reopened' | null;
}
export interface CallbackAttempt {
  id: string;
  at: IsoDateTime;
  agentId: string;
  agentName: string | null;
  reached: boolean;
  resolved: boolean | null;
  satisfaction: Satisfaction | null;
  timeliness: Satisfaction | null;
  attitude: Satisfaction | null;
  comment: string | null;
}
/** `GET /api/callbacks/:id`: the task with the order's full story beside it. */
export interface CallbackDetail extends CallbackListItem {
  ticket: Ticket;
  calls: Call[];
  timeline: TimelineEntry[];
  crewName: string | null;
  firstResponderName: string | null;
  /** Every survey attempt, oldest first (`attempts` stays the count, as in the list). */
  history: CallbackAttempt[];
}
export interface CallbackAttemptInput {
  reached: boolean;
  resolved?: boolean;
  satisfaction?: Satisfaction;
  timeliness?: Satisfaction;
  attitude?: Satisfaction;
  comment?: string;
}

/* ---- Supervisor reports (issue 6) ---- */
export interface AgentReportRowDetail extends AgentReportRow {
  displayName: string | null;
  /** Of the agent's orders in the range, how many were closed (archived). */
  closed: number;
  /** Surveys reached with a satisfaction answer, the base of satisfactionRate. */
  surveyed: number;
}
export interface LiveDashboard {
  at: IsoDateTime;
  openByStatus: { status: TicketStatus; zoneClass: ZoneClass | null; count: number }[];
  openTotal: number;
  breaching: {
    breached: number;
    dueSoon: number;
    /** The most urgent running clocks, soonest due first (at most 20). */
    items: {
      ticketId: string;
      number: string;
      clock: ClockKind;
      dueAt: IsoDateTime;
      state: 'breached' | 'due_soon';
      zoneClass: ZoneClass | null;
      district: string | null;
    }[];
  };
  crewsByStatus: { status: CrewStatus; count: number }[];
  callsLastHour: number;
  activeOutages: {
    count: number;
    items: {
      id: string;
      kind: 'planned' | 'fault';
      description: string;
      estimatedRestoreAt: IsoDateTime | null;
    }[];
  };
  callbacksDue: number;
  /**
   * The storm backlog: fault orders waiting for a crew (as the planner's backlog counts them), since when the oldest
   * has waited, and the running clocks forecast to breach within the next hour (the rule: `forecastBreachSql` in
   * apps/api/src/reports/dashboard.repository.ts).
   */
  backlog: { waiting: number; oldestWaitingSince: IsoDateTime | null; breachesNextHour: number };
}
export interface OverviewFilters {
  from: IsoDateTime;
  to: IsoDateTime;
  district?: string;
  zoneClass?: ZoneClass;
  crewId?: string;
  agentId?: string;
  type?: TicketType;
}
export interface TrendPoint {
  /** Local calendar day, yyyy-MM-dd. */
  day: string;
  orders: number;
  arrivalOnTimeRate: number | null;
  restorationOnTimeRate: number | null;
}
export interface DistrictBar {
  district: string;
  orders: number;
  arrivalOnTimeRate: number | null;
  restorationOnTimeRate: number | null;
}
export interface HistogramBucket {
  fromMin: number;
  /** null for the open-ended last bucket. */
  toMin: number | null;
  count: number;
}
export interface OverviewReport {
  filters: OverviewFilters;
  orders: number;
  timeToDispatch: { avgMin: number | null; p90Min: number | null; dispatched: number };
  repeatCallsPerOrder: number | null;
  callbackSatisfactionRate: number | null;
  surveyed: number;
  reopenRate: number | null;
  manualArrivalRate: number | null;
  trend: TrendPoint[];
  byDistrict: DistrictBar[];
  arrivalHistogram: {
    bucketMin: number;
    buckets: HistogramBucket[];
    /** The arrival target (minutes) for the filtered zone class, or the urban one when not filtered. */
    targetMin: number;
    targets: Record<ZoneClass, number>;
  };
}

/** Why a waiting fault order has no crew proposed (GET /api/dispatch/backlog); null when one is. */
export type BacklogReason =
  | 'no_location'
  | 'no_skilled_crew'
  | 'no_crew_on_duty'
  | 'off_shift'
  | 'crews_busy'
  | 'crews_taken'
  | 'held_back'
  | 'held_for_busy_crew';

/** A fault order waiting for a crew, with the planner's proposal or why there is none. */
export interface BacklogEntry {
  ticketId: string;
  number: string;
  priority: Priority;
  zoneClass: ZoneClass | null;
  address: string | null;
  waitingSince: IsoDateTime;
  arrivalDueAt: IsoDateTime | null;
  restorationDueAt: IsoDateTime | null;
  /**
   * `dispatch`: a free crew the planner would send now (accepting it dispatches it). `hold`: a busy crew expected
   * there sooner than any free crew (reason `held_for_busy_crew`); the order is sent to it once it is free, and
   * cannot be dispatched to it before. Null: no proposal (see `reason`).
   */
  proposalKind: 'dispatch' | 'hold' | null;
  proposedCrewId: string | null;
  /** The proposed crew's name, for the list. */
  proposedCrewName: string | null;
  /** Minutes from now until the proposed crew is there (for a hold: until it is free, plus the drive). */
  proposedEtaMinutes: number | null;
  /** For a hold: when the busy crew is expected free. */
  expectedFreeAt: IsoDateTime | null;
  reason: BacklogReason | null;
}
