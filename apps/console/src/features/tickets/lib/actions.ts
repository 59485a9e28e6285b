import {
  allowedTransitions,
  checkTransition,
  familyOf,
  type Role,
  type Ticket,
  type TicketStatus,
  type TransitionRequirement,
} from '@gd/domain';

export interface TransitionAction {
  to: TicketStatus;
  requires: TransitionRequirement | null;
}

/** The generic moves the status machine offers this role on this order, with what each needs. */
export function transitionActions(ticket: Pick<Ticket, 'type' | 'status'>, role: Role): TransitionAction[] {
  const family = familyOf(ticket.type);
  return allowedTransitions(family, ticket.status, role).map((to) => {
    const check = checkTransition(family, ticket.status, to, role);
    return { to, requires: check.ok ? (check.rule.requires ?? null) : null };
  });
}

/** Merge is offered where the machine allows it through its own endpoint. */
export function canMerge(ticket: Pick<Ticket, 'type' | 'status'>, role: Role): boolean {
  return checkTransition(familyOf(ticket.type), ticket.status, 'merged', role, 'merge').ok;
}
