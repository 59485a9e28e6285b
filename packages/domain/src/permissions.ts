import { ROLES, type Role } from './roles.js';

const ALL = ROLES;
const OFFICE: readonly Role[] = ['agent', 'dispatcher', 'qa', 'supervisor', 'admin'];
const DISPATCH: readonly Role[] = ['dispatcher', 'supervisor', 'admin'];
const QA: readonly Role[] = ['qa', 'supervisor', 'admin'];
const OVERSIGHT: readonly Role[] = ['supervisor', 'admin'];

/**
 * Who may do what: the one permission table. The API's route guards (`@Can` in apps/api), the socket rooms that
 * receive each kind of event, the console's routes and navigation and the map's controls all read it, so a screen
 * never offers what the API refuses, nor hides what it allows.
 *
 * Rows name an action, not a route; several routes may share one. Scopes beyond the role (a crew acts only on its
 * own crew and orders, a user reads only their own notices) are checked by the services.
 */
export const PERMISSIONS = {
  // Orders
  'ticket.read': ALL,
  'ticket.create': OFFICE,
  'ticket.transition': ALL,
  /** Photos of the completion report: the crew (its own orders only, checked by the service). */
  'ticket.photo-add': ['crew'],
  'ticket.handoff': OFFICE,
  'ticket.urge': OFFICE,
  'ticket.merge': ['agent', 'dispatcher', 'supervisor', 'admin'],
  'ticket.merge-suggestions': OFFICE,
  'ticket.clock-pause': ['agent', 'dispatcher', 'crew', 'supervisor'],
  /** Every order's changes on the socket, not only one's own (the dispatch board, the supervisors' view). */
  'ticket.watch-all': ['dispatcher', 'supervisor'],
  // Calls and customers
  'call.take': OFFICE,
  'customer.read': OFFICE,
  'customer.create': OFFICE,
  'customer.update': OFFICE,
  /** How many customers an area covers (an outage before it is published). */
  'customer.count-in-area': DISPATCH,
  /** What customers were told (GET /api/messages) and their opt-out. */
  'message.read': OFFICE,
  'customer.opt-out': ['agent', 'supervisor', 'admin'],
  // Dispatch
  'dispatch.candidates': ['dispatcher', 'supervisor', 'admin', 'agent'],
  'dispatch.assign': DISPATCH,
  'dispatch.settings': DISPATCH,
  /** The orders waiting for a crew, with the planner's proposals. */
  'dispatch.backlog': DISPATCH,
  // Crews and positions
  /** Every crew with its position, phone and order: dispatch data, not for crews. */
  'crew.list': OFFICE,
  /** One crew (a crew member: their own only). */
  'crew.read': ALL,
  'crew.read-own': ['crew'],
  'crew.manage': ['admin'],
  'crew.duty': ['crew', 'dispatcher', 'supervisor', 'admin'],
  /** Live markers and status changes of every crew. */
  'crew.watch': DISPATCH,
  'position.post': ['crew', 'admin'],
  'position.trail': ALL,
  // Outages
  'outage.read': ALL,
  'outage.publish': DISPATCH,
  'outage.restore': DISPATCH,
  'outage.watch': ['agent', 'dispatcher', 'supervisor'],
  // SLA
  'sla.read': ALL,
  'sla.emergency': ['supervisor'],
  /** Ask a supervisor to pause a clock (a force-majeure pause, or any pause the asker may not make alone). */
  'sla.pause-request': ['dispatcher', 'crew'],
  /** The queue of pause requests, and approving or refusing one. */
  'sla.pause-decide': ['supervisor'],
  /** Every breach on the socket (warnings go to the order's first responder and its district's dispatchers). */
  'sla.breach-watch': ['supervisor'],
  // Callbacks (回访)
  'callback.read': QA,
  'callback.survey': QA,
  /** Callbacks falling due, on the socket. */
  'callback.watch': ['qa', 'supervisor'],
  // Figures
  'report.sla': ['supervisor', 'admin', 'dispatcher', 'qa'],
  'report.agents': QA,
  'dashboard.live': ['supervisor', 'admin', 'qa', 'dispatcher'],
  'dashboard.read': QA,
  'agent.own-figures': ['agent'],
  'audit.read': OVERSIGHT,
  // Accounts and reference data
  'staff.read': OFFICE,
  'staff.manage': ['admin'],
  'territory.read': ALL,
  'notification.read': ALL,
  'session.read': ALL,
  // Screens of the apps that have no API action of their own
  'screen.call': ['agent'],
  'screen.queue': OFFICE,
  'screen.map': DISPATCH,
  'screen.crew-phone': ['crew'],
} as const satisfies Record<string, readonly Role[]>;

export type Action = keyof typeof PERMISSIONS;

/** The roles that may do an action. */
export function rolesFor(action: Action): readonly Role[] {
  return PERMISSIONS[action];
}

/** Whether a role may do an action. */
export function can(role: Role | null | undefined, action: Action): boolean {
  return role != null && (PERMISSIONS[action] as readonly Role[]).includes(role);
}
