import { TICKET_STATUSES, type TicketStatus } from './tickets.js';

/**
 * What an order's timeline (`ticket_events.kind`) and the audit trail (`audit_log.action`, `entity`) record: the
 * one list the API writes and the console labels (`timeline.<kind>` and `audit.actions.<action>`, `.` → `_`).
 */

/** Every kind of timeline entry, in the order an order usually lives them. */
export const TIMELINE_KINDS = [
  'created',
  'child_added',
  'child_merged',
  'outage_master',
  'status',
  'reopened',
  'urged',
  'handoff',
  'crew_added',
  'crew_arrived',
  'dispatch.alert',
  'callback',
  'sla.warning',
  'sla.breached',
  'sla.paused',
  'sla.resumed',
  'sla.pause-requested',
  'sla.pause-refused',
  'sla.emergency',
] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

/** How a callback survey ended (`callback.<outcome>` in the audit trail, `outcome` on its timeline entry). */
export const CALLBACK_OUTCOMES = ['retry', 'unreachable', 'resolved', 'reopened'] as const;
export type CallbackOutcome = (typeof CALLBACK_OUTCOMES)[number];

/** Audit actions with a fixed name, in the order the audit page's filter lists them. */
export const FIXED_AUDIT_ACTIONS = [
  'call.create',
  'call.update',
  'customer.create',
  'customer.update',
  'customer.messages_opt_out',
  'ticket.create',
  'ticket.handoff',
  'ticket.urge',
  'ticket.crew_added',
  'ticket.reopened',
  'ticket.photo',
] as const;

/** Audit actions of the platform and the reference data, listed after the orders' ones. */
export const ADMIN_AUDIT_ACTIONS = [
  'sla.pause',
  'sla.resume',
  'sla.pause-request',
  'sla.pause-request.approve',
  'sla.pause-request.refuse',
  'sla.emergency',
  'sla.emergency_end',
  'outage.create',
  'outage.restore',
  'crew.create',
  'crew.update',
  'crew.on_duty',
  'crew.off_duty',
  'staff.create',
  'staff.update',
  'staff.disable',
  'staff.locked',
  'settings.dispatch',
] as const;

/** A status move of an order is recorded as `ticket.<new status>` (a reopening as `ticket.reopened`). */
export type TicketStatusAction = `ticket.${TicketStatus}`;
export type CallbackAction = `callback.${CallbackOutcome}`;
export type AuditAction =
  | (typeof FIXED_AUDIT_ACTIONS)[number]
  | (typeof ADMIN_AUDIT_ACTIONS)[number]
  | TicketStatusAction
  | CallbackAction;

export const TICKET_STATUS_ACTIONS: readonly TicketStatusAction[] = TICKET_STATUSES.map(
  (s) => `ticket.${s}` as const,
);
export const CALLBACK_ACTIONS: readonly CallbackAction[] = CALLBACK_OUTCOMES.map(
  (o) => `callback.${o}` as const,
);

/** Every action the audit trail records, in the filter's order. */
export const AUDIT_ACTIONS: readonly AuditAction[] = [
  ...FIXED_AUDIT_ACTIONS,
  ...TICKET_STATUS_ACTIONS,
  ...CALLBACK_ACTIONS,
  ...ADMIN_AUDIT_ACTIONS,
];

/** What an audit record is about. */
export const AUDIT_ENTITIES = [
  'ticket',
  'call',
  'customer',
  'callback',
  'crew',
  'staff',
  'outage',
  'emergency',
  'settings',
] as const;
export type AuditEntity = (typeof AUDIT_ENTITIES)[number];
