import type { ClockKind, SlaEvent, Ticket, TicketStatus } from '@gd/domain';
import type { Actor } from '../common/actor.js';
import type { crews, notifications, outages, slaPauseRequests, tickets } from '../db/schema/index.js';

type TicketRow = typeof tickets.$inferSelect;
type OutageRow = typeof outages.$inferSelect;
type CrewRow = typeof crews.$inferSelect;
type PauseRequestRow = typeof slaPauseRequests.$inferSelect;
type NotificationRow = typeof notifications.$inferSelect;

/**
 * Every domain event, by name, with its payload. The owning service raises an event inside the transaction that
 * makes the change (`DomainEventBus.raise`); listeners in modules above it react, either inside that transaction
 * (`inTransaction`: rows that must commit or roll back with the change, such as a callback task or an outbox row)
 * or after it has committed (`afterCommit`: sockets, dispatching, anything that must see the change durable).
 *
 * Payloads carry the rows as they stand after the change, so a listener needs no second read for the common case.
 */
export interface DomainEvents {
  /** A new order was written (by a call, a public report or an import). */
  'ticket.created': {
    ticket: TicketRow;
    /** The order in its API shape, as the intake answers it (the sockets send it without reading it again). */
    view: Ticket;
    callId: string | null;
    actor: Actor;
  };
  /** An order moved through the status machine (`reopened` when a completed or closed order came back). */
  'ticket.status-changed': {
    ticket: TicketRow;
    /** The crew the order had before the move (a reassignment or a return to dispatch frees it). */
    previousCrewId: string | null;
    from: TicketStatus;
    to: TicketStatus;
    reopened: boolean;
    note: string | null;
    /** When the move happened (the geofence entry for an arrival uploaded late; otherwise now). */
    at: Date;
    actor: Actor;
  };
  /** 催办: a follow-up call or note on an open order. */
  'ticket.urged': {
    ticket: TicketRow;
    count: number;
    callId: string | null;
    note: string | null;
    actor: Actor;
  };
  /** The owner changed (首问负责制: the first responder stays). */
  'ticket.handed-off': {
    ticket: TicketRow;
    fromUserId: string;
    to: { id: string; displayName: string };
    reason: string;
    actor: Actor;
  };
  /** An order's clock was paused or resumed by hand; `view` is the order read in that transaction. */
  'ticket.clock-changed': {
    ticket: TicketRow;
    clock: ClockKind;
    change: 'sla.paused' | 'sla.resumed';
    view: Ticket;
    actor: Actor;
  };
  /** A crew was sent to an order (by a person or by the planner), with the ranking's ETA when known. */
  'ticket.dispatched': { ticket: TicketRow; crewId: string; etaMinutes: number | null; actor: Actor };
  /** A further crew sent to an order already under way (a combined order): the order keeps its status. */
  'ticket.crew-added': { ticketId: string; crewId: string; actor: Actor };
  /** The crew added a photo to its completion report. */
  'ticket.photo-added': { ticketId: string; photoId: string; actor: Actor };
  /** A crew's row changed: registered, edited, on or off duty, or following its order. */
  'crew.changed': { crew: CrewRow };
  /** A crew has no order any more and is on duty: the planner may send it again. */
  'crew.freed': { crewId: string; fromTicketId: string | null };
  /** A crew came on duty. */
  'crew.on-duty': { crewId: string };
  /** A crew went off duty: it must receive no orders. */
  'crew.off-duty': { crewId: string };
  /** A crew's trail grew; the newest fix of the batch. */
  'position.stored': { crewId: string; lat: number; lng: number; recordedAt: Date };
  /** An outage was published (planned or fault). */
  'outage.published': { outage: OutageRow; actor: Actor };
  /** An outage was marked restored: by hand (its master order follows), or because its master order was. */
  'outage.restored': { outage: OutageRow; byMasterOrder: boolean; actor: Actor };
  /** Staff notices written (one row per recipient): each is pushed to its recipient once committed. */
  'notification.created': { rows: NotificationRow[] };
  /** Callbacks past their due time, claimed once (each is announced once across nodes). */
  'callback.overdue': { callbacks: { id: string; ticketId: string; dueAt: Date }[] };
  /**
   * An account was created or changed (disabled, role, password, name, team): every node reads it again; with
   * `voidsTokens` its open sockets close too, on every node.
   */
  'account.changed': { staffId: string; voidsTokens: boolean };
  /** A crew or a dispatcher asked a supervisor to pause a clock of the order (raised by tickets). */
  'sla.pause-requested': { request: PauseRequestRow; ticket: TicketRow; actor: Actor };
  /** A supervisor approved (the clock is paused) or refused a pause request. */
  'sla.pause-decided': { request: PauseRequestRow; ticket: TicketRow; actor: Actor };
  /** An SLA clock entered its warning window or breached (raised by the escalation scheduler). */
  'sla.warning': { ticketId: string; clock: string; dueAt: Date };
  'sla.breached': { ticketId: string; clock: string; dueAt: Date };
  /**
   * One pass of the escalation scheduler: every warning and breach it marked, in one event, so that the timeline
   * and the notices are one statement each however many clocks a storm brings due at once.
   */
  'sla.escalated': { at: Date; escalations: SlaEscalation[] };
  /** An area emergency was declared or ended: the clocks of these orders were rewritten. */
  'sla.emergency-applied': {
    ticketIds: string[];
    at: Date;
    actorId: string;
    /** What the orders' timelines record (the emergency, its mode, window and reason; `ended` when it ended). */
    data: Record<string, unknown>;
  };
}

/** A clock that reached its warning window or breached, with what the sockets send about it. */
export interface SlaEscalation {
  event: 'sla.warning' | 'sla.breached';
  payload: SlaEvent;
}

export type DomainEventName = keyof DomainEvents;
