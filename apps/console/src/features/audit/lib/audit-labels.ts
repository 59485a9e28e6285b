import {
  ADMIN_AUDIT_ACTIONS,
  AUDIT_ACTIONS,
  AUDIT_ENTITIES,
  CALLBACK_ACTIONS,
  CALLBACK_OUTCOMES,
  FIXED_AUDIT_ACTIONS,
  TICKET_STATUS_ACTIONS,
  TICKET_STATUSES,
  type TicketStatus,
} from '@gd/domain';
import { codeKey } from '@gd/web';
import type { TFunction } from 'i18next';

/**
 * Human labels for the audit trail's raw codes (`ticket.create`, `call.update`, …). The codes stay the API's
 * filter values; i18next splits keys on `.`, so a code is looked up as `audit.actions.<code with . → _>`.
 */

/** Translate function: `useTranslation().t` or `i18next.getFixedT(lng)`. */
export type Translate = TFunction;

/** Codes with a label of their own (not recorded today, but named in the page's vocabulary). */
const ALIASES = ['ticket.merge'] as const;

/** The filter's options and the labels come from the one list the API writes (@gd/domain records.ts). */
export { AUDIT_ACTIONS, AUDIT_ENTITIES, CALLBACK_OUTCOMES, TICKET_STATUS_ACTIONS };

const LABELLED_ACTIONS: ReadonlySet<string> = new Set<string>([
  ...FIXED_AUDIT_ACTIONS,
  ...CALLBACK_ACTIONS,
  ...ADMIN_AUDIT_ACTIONS,
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
