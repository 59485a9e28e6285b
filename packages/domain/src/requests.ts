/**
 * Request bodies of the public API, in one place: the apps send them, the server's DTO classes `implements` them
 * (so a field the server does not take, or one it requires, cannot be missed by a screen), and a test holds both
 * against the committed OpenAPI document.
 */
import type { CrewReport } from './api.js';
import type { ClockKind, PauseReason } from './clocks.js';
import type { LatLng, PolygonGeometry } from './geo.js';
import type { Role } from './roles.js';
import type { CallOutcome, Channel, CrewSkill } from './territory.js';
import type { Priority, ServiceRequestKind, TicketStatus, TicketType } from './tickets.js';

/** `POST /api/calls`: a call answered (the screen pop comes back). */
export interface OpenCallInput {
  phone: string;
  channel: Channel;
  customerId?: string;
  notes?: string;
}

/** `PATCH /api/calls/:id`. */
export interface UpdateCallInput {
  outcome?: CallOutcome;
  ticketId?: string;
  notes?: string;
  ended?: true;
}

/** `POST /api/customers`: a caller registered on the spot. */
export interface CreateCustomerInput {
  name: string;
  phone: string;
  address: string;
  location: LatLng;
  accountNo?: string;
  tags?: string[];
}

/** `PATCH /api/customers/:id`: a correction of the phone, address or place (audited). */
export interface UpdateCustomerInput {
  phone?: string;
  address?: string;
  location?: LatLng;
}

/** `POST /api/tickets`. */
export interface CreateTicketInput {
  callId?: string;
  type: TicketType;
  /** Service requests only. */
  subKind?: ServiceRequestKind;
  customerId?: string;
  location?: LatLng;
  address?: string;
  description: string;
  priority?: Priority;
  requiredSkills?: CrewSkill[];
}

/** `POST /api/tickets/:id/transition`. */
export interface TransitionInput {
  to: TicketStatus;
  note?: string;
  report?: CrewReport;
}

/** `POST /api/tickets/:id/handoff`. */
export interface HandoffInput {
  toUserId: string;
  reason: string;
}

/** `POST /api/tickets/:id/urge`. */
export interface UrgeInput {
  callId?: string;
  note?: string;
}

/** `POST /api/tickets/:id/merge`. */
export interface MergeInput {
  parentId: string;
}

/** `POST /api/tickets/:id/dispatch`. */
export interface DispatchInput {
  crewId?: string;
  reason?: string;
  allowPreemption?: boolean;
  additional?: boolean;
}

/** `POST /api/tickets/:id/sla/pause` and `/resume` (resume takes the clock only). */
export interface PauseClockInput {
  clock: ClockKind;
  reason: PauseReason;
}

/** `POST /api/tickets/:id/sla/pause-requests`: a crew or a dispatcher asks a supervisor to pause a clock. */
export interface RequestPauseInput {
  clock: ClockKind;
  reason: PauseReason;
  note?: string;
}

/** `POST /api/sla/pause-requests/:id/refuse`. */
export interface RefusePauseInput {
  reason: string;
}

/** `POST /api/sla/emergencies/:id/end`. */
export interface EndEmergencyInput {
  reason: string;
}

/** `POST /api/sla/emergencies`. */
export interface DeclareEmergencyInput {
  zoneIds: string[];
  startsAt: string;
  endsAt: string;
  mode: 'pause' | 'exempt';
  reason: string;
}

/** `POST /api/outages`. */
export interface CreateOutageInput {
  kind: 'planned' | 'fault';
  area: PolygonGeometry;
  startsAt: string;
  endsAt?: string;
  estimatedRestoreAt?: string;
  description: string;
  ticketId?: string;
}

/** `POST /api/crews` (admins). */
export interface CreateCrewInput {
  code: string;
  name: string;
  skills: CrewSkill[];
  depot: LatLng & { name?: string };
  /** Local HH:MM; null: on call round the clock. */
  shift?: { start: string; end: string } | null;
  /** null clears it. */
  vehicle?: string | null;
  district?: string | null;
  phone?: string | null;
}

/** `POST /api/staff` (admins). */
export interface CreateStaffInput {
  username: string;
  displayName: string;
  role: Role;
  password: string;
  crewId?: string;
  district?: string;
  team?: string | null;
}
