/**
 * The shapes of the public API v1 (see shared/API.md): the server's response mappers return these and the apps and
 * tests read them, so a shape is written once.
 */
import type { LatLng, PolygonGeometry } from './geo.js';
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

export const CLOCK_KINDS = ['arrival', 'restoration', 'response', 'resolution'] as const;
export type ClockKind = (typeof CLOCK_KINDS)[number];
export const CLOCK_STATES = ['running', 'paused', 'warning', 'met', 'breached', 'exempt'] as const;
export type ClockState = (typeof CLOCK_STATES)[number];

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
  restoredAt: IsoDateTime | null;
  completedAt: IsoDateTime | null;
  closedAt: IsoDateTime | null;
  sla: TicketSla;
}

export interface TimelineEntry {
  at: IsoDateTime;
  actorId: string | null;
  kind: string;
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
export interface ScreenPop extends Call {
  openTickets: Ticket[];
  knownOutages: Outage[];
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

export interface SlaReportRow {
  key: string;
  orders: number;
  arrivalOnTimeRate: number | null;
  restorationOnTimeRate: number | null;
  avgArrivalMin: number | null;
  p90ArrivalMin: number | null;
  avgRestorationMin: number | null;
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
  action: string;
  entity: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
}
