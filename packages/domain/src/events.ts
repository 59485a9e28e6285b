/**
 * The real-time event map (socket.io, path /socket.io), typed once for the server and every client.
 * Each payload carries the object's id and enough to redraw it.
 */
import type { Crew, Outage, PositionBatchResult, PositionInput, Ticket } from './api.js';
import type { ClockKind } from './clocks.js';
import type { CrewStatus } from './territory.js';

export interface TicketEvent {
  id: string;
  ticket: Ticket;
  /** What happened, e.g. `dispatched`, `urged`, `handoff`, `reopened`. */
  change?: string;
}
export interface SlaEvent {
  id: string;
  ticketId: string;
  number: string;
  clock: ClockKind;
  dueAt: string;
  at: string;
  district: string | null;
  firstResponderId: string;
}
export interface CrewPositionEvent {
  id: string;
  crewId: string;
  lat: number;
  lng: number;
  at: string;
  speedKmh?: number | null;
  heading?: number | null;
}
export interface CrewStatusEvent {
  id: string;
  crewId: string;
  status: CrewStatus;
  ticketId: string | null;
  crew?: Crew;
}
export interface CallbackDueEvent {
  id: string;
  ticketId: string;
  dueAt: string;
}
export interface OutageEvent {
  id: string;
  outage: Outage;
}
/** A personal notice to one user, e.g. the first responder of an order that changed. */
export interface NotificationEvent {
  id: string;
  userId: string;
  ticketId: string | null;
  kind: string;
  /** The sentence's parameters (NoticeParams[kind]); render `notice.<kind>` with them, else show `message`. */
  params?: Record<string, unknown> | null;
  /** A Chinese fallback for a kind the reader does not know. */
  message: string;
  at: string;
}

export interface ServerToClientEvents {
  'ticket.created': (e: TicketEvent) => void;
  'ticket.updated': (e: TicketEvent) => void;
  'sla.warning': (e: SlaEvent) => void;
  'sla.breached': (e: SlaEvent) => void;
  /** Live markers, batched: the fixes pushed within one tick (apps/api/src/gps/position-fanout.ts), oldest first. */
  'crew.positions': (e: CrewPositionEvent[]) => void;
  'crew.status': (e: CrewStatusEvent) => void;
  'callback.due': (e: CallbackDueEvent) => void;
  'outage.updated': (e: OutageEvent) => void;
  notification: (e: NotificationEvent) => void;
}

export type SocketAck<T> = (result: { ok: true; data: T } | { ok: false; error: string | string[] }) => void;

export interface ClientToServerEvents {
  'crew.position': (p: PositionInput, ack?: SocketAck<PositionBatchResult>) => void;
}

/** Rooms the server puts a socket in on connection. */
export const rooms = {
  role: (role: string) => `role:${role}`,
  district: (district: string) => `district:${district}`,
  crew: (crewId: string) => `crew:${crewId}`,
  user: (userId: string) => `user:${userId}`,
  /** A team's members (the orders its members answer for: their team queue). */
  team: (team: string) => `team:${team}`,
} as const;
