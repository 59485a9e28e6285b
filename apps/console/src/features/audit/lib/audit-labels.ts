import { TICKET_STATUSES, type TicketStatus } from '@gd/domain';
import { codeKey } from '@gd/web';
import type { TFunction } from 'i18next';

/**
 * Human labels for the audit trail's raw codes (`ticket.create`, `call.update`, …). The codes stay the API's
 * filter values; i18next splits keys on `.`, so a code is looked up as `audit.actions.<code with . → _>`.
 */

/** Translate function: `useTranslation().t` or `i18next.getFixedT(lng)`. */
export type Translate = TFunction;

/**
 * Every fixed action code the API records (apps/api/src: `action:` of the audit records), in the order the
 * filter lists them. `ticket.<status>` (workflow moves) and `callback.<outcome>` are added below.
 */
const FIXED_ACTIONS = [
  'call.create',
  'call.update',
  'customer.create',
  'customer.update',
  'ticket.create',
  'ticket.handoff',
  'ticket.urge',
  'ticket.crew_added',
  'ticket.reopened',
  'ticket.photo',
] as const;

/** `callback.${outcome}` (callback-survey.service.ts). */
export const CALLBACK_OUTCOMES = ['retry', 'unreachable', 'resolved', 'reopened'] as const;

const LATER_ACTIONS = [
  'sla.pause',
  'sla.resume',
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

/** Codes with a label of their own (not recorded today, but named in the page's vocabulary). */
const ALIASES = ['ticket.merge'] as const;

/** `ticket.${to}` of a workflow move (ticket-workflow.service.ts; a reopening is `ticket.reopened`). */
export const TICKET_STATUS_ACTIONS: readonly string[] = TICKET_STATUSES.map((s) => `ticket.${s}`);

/** Every action code the API records, for the filter's options (the API filters by the exact code). */
export const AUDIT_ACTIONS: readonly string[] = [
  ...FIXED_ACTIONS,
  ...TICKET_STATUS_ACTIONS,
  ...CALLBACK_OUTCOMES.map((o) => `callback.${o}`),
  ...LATER_ACTIONS,
];

/** Every entity the API records (apps/api/src: `entity:` of the audit records). */
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

const LABELLED_ACTIONS: ReadonlySet<string> = new Set<string>([
  ...FIXED_ACTIONS,
  ...CALLBACK_OUTCOMES.map((o) => `callback.${o}`),
  ...LATER_ACTIONS,
  ...ALIASES,
]);
const ENTITIES: ReadonlySet<string> = new Set<string>(AUDIT_ENTITIES);
const STATUSES: ReadonlySet<string> = new Set<string>(TICKET_STATUSES);

export { codeKey };

/** The ticket status a `ticket.<status>` code moved to, or null. */
export function statusOfAction(code: string): TicketStatus | null {
  if (!code.startsWith('ticket.')) return null;
  const status = code.slice('ticket.'.length);
  return STATUSES.has(status) ? (status as TicketStatus) : null;
}

/** The localized label of an action code; an unknown code is shown as it is. */
export function auditActionLabel(t: Translate, code: string): string {
  if (LABELLED_ACTIONS.has(code)) return t(`audit.actions.${codeKey(code)}`, { defaultValue: code });
  const status = statusOfAction(code);
  if (status) {
    const label = t(`ticketStatus.${status}`, { defaultValue: status });
    return t('audit.actions.ticket_status', { status: label, defaultValue: code });
  }
  return code;
}

/** The localized label of an entity; an unknown entity is shown as it is. */
export function auditEntityLabel(t: Translate, entity: string): string {
  if (!ENTITIES.has(entity)) return entity;
  return t(`audit.entities.${codeKey(entity)}`, { defaultValue: entity });
}

/** Long ids (UUIDs) shortened for the table; the full id goes in the cell's title. */
export function shortId(id: string, length = 8): string {
  return id.length > length + 1 ? `${id.slice(0, length)}…` : id;
}
