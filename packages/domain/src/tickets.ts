import type { Role } from './roles.js';

export const TICKET_TYPES = [
  'fault_repair',
  'complaint',
  'report',
  'opinion',
  'praise',
  'inquiry',
  'service_request',
  'billing_dispute',
  'reconnection',
] as const;
export type TicketType = (typeof TICKET_TYPES)[number];

/** What a service request is about (业务申请 sub-kinds); they decide its clocks. */
export const SERVICE_REQUEST_KINDS = [
  'appliance_damage',
  'meter_fault',
  'meter_reading_anomaly',
  'other',
] as const;
export type ServiceRequestKind = (typeof SERVICE_REQUEST_KINDS)[number];

export const PRIORITIES = ['urgent', 'high', 'normal', 'low'] as const;
export type Priority = (typeof PRIORITIES)[number];

export const REPAIR_STATUSES = [
  'accepted',
  'dispatched',
  'acknowledged',
  'en_route',
  'on_site',
  'restored',
  'completed',
  'closed',
  'cancelled',
  'merged',
] as const;
export const GENERAL_STATUSES = [
  'accepted',
  'in_progress',
  'completed',
  'closed',
  'cancelled',
  'merged',
] as const;
export const TICKET_STATUSES = [...new Set([...REPAIR_STATUSES, ...GENERAL_STATUSES])] as TicketStatus[];
export type RepairStatus = (typeof REPAIR_STATUSES)[number];
export type GeneralStatus = (typeof GENERAL_STATUSES)[number];
export type TicketStatus = RepairStatus | GeneralStatus;

/** Orders of the repair family send a crew and run arrival and restoration clocks. */
export type WorkflowFamily = 'repair' | 'general';
export function familyOf(type: TicketType): WorkflowFamily {
  return type === 'fault_repair' ? 'repair' : 'general';
}

/** A crew has to find the place: a repair order needs a location (the customer's, or one picked on the map). */
export function needsLocation(type: TicketType): boolean {
  return familyOf(type) === 'repair';
}

/** Statuses after which nothing moves: the order is finished for good. */
export const FINAL_STATUSES: readonly TicketStatus[] = ['closed', 'cancelled', 'merged'];
/** Statuses in which an order still needs someone's work (for queues and "open orders"). */
export function isOpenStatus(status: TicketStatus): boolean {
  return !FINAL_STATUSES.includes(status) && status !== 'completed';
}

/** What a move needs besides the right role: a crew report, a note (reason or reply to the customer). */
export type TransitionRequirement = 'report' | 'note' | 'resolution';

export interface TransitionRule {
  from: readonly TicketStatus[];
  to: TicketStatus;
  roles: readonly Role[];
  requires?: TransitionRequirement;
  /**
   * Moves only a dedicated endpoint may make (dispatch, merge, restoring an outage's master order and its
   * children), never the generic transition.
   */
  via?: 'dispatch' | 'merge' | 'outage';
}

const OPEN_REPAIR: RepairStatus[] = [
  'accepted',
  'dispatched',
  'acknowledged',
  'en_route',
  'on_site',
  'restored',
];

/**
 * The status machine, one table per family: the only place that says which move is legal and who may make it.
 * Automatic actions (auto-dispatch, geofence arrival, a dissatisfied callback reopening) are checked against the
 * same table with the role they act for (dispatcher, crew, qa).
 */
export const WORKFLOWS: Record<WorkflowFamily, readonly TransitionRule[]> = {
  repair: [
    { from: ['accepted'], to: 'dispatched', roles: ['dispatcher', 'supervisor'], via: 'dispatch' },
    {
      from: ['dispatched', 'acknowledged', 'en_route'],
      to: 'dispatched',
      roles: ['dispatcher', 'supervisor'],
      via: 'dispatch',
    },
    { from: ['dispatched'], to: 'acknowledged', roles: ['crew', 'dispatcher'] },
    { from: ['dispatched', 'acknowledged'], to: 'en_route', roles: ['crew', 'dispatcher'] },
    { from: ['dispatched', 'acknowledged', 'en_route'], to: 'on_site', roles: ['crew', 'dispatcher'] },
    { from: ['on_site'], to: 'restored', roles: ['crew', 'dispatcher'] },
    { from: ['on_site', 'restored'], to: 'completed', roles: ['crew', 'dispatcher'], requires: 'report' },
    { from: ['completed'], to: 'closed', roles: ['qa', 'supervisor'], requires: 'resolution' },
    { from: ['completed', 'closed'], to: 'accepted', roles: ['qa', 'supervisor'], requires: 'note' },
    {
      from: ['dispatched', 'acknowledged', 'en_route'],
      to: 'accepted',
      roles: ['dispatcher', 'supervisor'],
      requires: 'note',
    },
    { from: OPEN_REPAIR, to: 'cancelled', roles: ['agent', 'dispatcher', 'supervisor'], requires: 'note' },
    { from: OPEN_REPAIR, to: 'merged', roles: ['agent', 'dispatcher', 'supervisor'], via: 'merge' },
    // Restoring an outage restores its master order and the child orders of the calls from inside its area.
    {
      from: ['accepted', 'dispatched', 'acknowledged', 'en_route', 'on_site'],
      to: 'restored',
      roles: ['dispatcher', 'supervisor'],
      via: 'outage',
    },
  ],
  general: [
    { from: ['accepted'], to: 'in_progress', roles: ['agent', 'supervisor', 'qa', 'dispatcher'] },
    {
      from: ['accepted', 'in_progress'],
      to: 'completed',
      roles: ['agent', 'supervisor', 'qa', 'dispatcher'],
      requires: 'note',
    },
    { from: ['completed'], to: 'closed', roles: ['qa', 'supervisor'], requires: 'resolution' },
    { from: ['completed', 'closed'], to: 'in_progress', roles: ['qa', 'supervisor'], requires: 'note' },
    { from: ['accepted', 'in_progress'], to: 'cancelled', roles: ['agent', 'supervisor'], requires: 'note' },
    {
      from: ['accepted', 'in_progress'],
      to: 'merged',
      roles: ['agent', 'dispatcher', 'supervisor'],
      via: 'merge',
    },
  ],
};

export type TransitionCheck = { ok: true; rule: TransitionRule } | { ok: false; reason: string };

/**
 * Is `from → to` legal for `role` in this family? Admins may do whatever an office role may.
 * @example checkTransition('repair', 'accepted', 'on_site', 'crew') // { ok: false, reason: '…' }
 */
export function checkTransition(
  family: WorkflowFamily,
  from: TicketStatus,
  to: TicketStatus,
  role: Role,
  via?: TransitionRule['via'],
): TransitionCheck {
  const rules = WORKFLOWS[family].filter((r) => r.to === to && r.from.includes(from));
  if (rules.length === 0) {
    return { ok: false, reason: `a ${family} order cannot move from ${from} to ${to}` };
  }
  const byRoute = rules.filter((r) => r.via === via);
  if (byRoute.length === 0) {
    return {
      ok: false,
      reason: `moving from ${from} to ${to} goes through ${rules[0]?.via ?? 'transition'}, not here`,
    };
  }
  const rule = byRoute.find((r) => r.roles.includes(role) || (role === 'admin' && !r.roles.includes('crew')));
  if (!rule) {
    return { ok: false, reason: `role ${role} may not move an order from ${from} to ${to}` };
  }
  return { ok: true, rule };
}

/** The moves a role could make from a status through the generic transition (for buttons in the apps). */
export function allowedTransitions(family: WorkflowFamily, from: TicketStatus, role: Role): TicketStatus[] {
  return WORKFLOWS[family]
    .filter((r) => r.via === undefined && r.from.includes(from))
    .filter((r) => r.roles.includes(role) || (role === 'admin' && !r.roles.includes('crew')))
    .map((r) => r.to);
}

/** Human-readable order number: GD + local date (yyyyMMdd) + 6-digit daily sequence, e.g. GD20261122000123. */
export function formatTicketNumber(localDate: string, sequence: number): string {
  return `GD${localDate.replaceAll('-', '')}${String(sequence).padStart(6, '0')}`;
}

/**
 * An order number as an agent types it or a customer reads it out (any case, spaces or dashes between the digit
 * groups) in its stored form, or null when the input is not an order number.
 */
export function normalizeTicketNumber(input: string): string | null {
  const compact = input.replace(/[\s-]/g, '').toUpperCase();
  return /^GD\d{14,}$/.test(compact) ? compact : null;
}
