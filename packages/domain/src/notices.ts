import type { ClockKind } from './clocks.js';
import type { TicketStatus } from './tickets.js';

/**
 * Personal notices to staff, by kind, with the parameters each carries. The server stores and sends a kind and
 * its parameters; the apps render the sentence in the reader's language (`notice.<kind>` in @gd/web's texts). The
 * stored `message` is a Chinese fallback for readers that know no kind.
 */
export interface NoticeParams {
  status: { number: string; from: TicketStatus; to: TicketStatus; note?: string };
  reopened: { number: string; from: TicketStatus; to: TicketStatus; note?: string };
  handoff: { number: string; to: string; reason: string };
  urged: { number: string; count: number; note?: string };
  'dispatch.alert': {
    number: string;
    reason: 'late' | 'no_candidate';
    crew?: string;
    etaMinutes?: number;
    detail?: string;
  };
  'sla.warning': { number: string; clock: ClockKind; dueAt: string };
  'sla.breached': { number: string; clock: ClockKind; dueAt: string };
  /** A pause request waits in the supervisors' queue. */
  'pause.requested': { number: string; clock: ClockKind; reason: string; by: string };
  /** The requester's answer (a refusal carries its reason). */
  'pause.approved': { number: string; clock: ClockKind };
  'pause.refused': { number: string; clock: ClockKind; reason: string };
  dissatisfied_callback: { number: string; resolved: boolean; reopenCount: number };
}
export type NoticeKind = keyof NoticeParams;

/** Notices someone must act on: they stand out, are never muted, and stay until read. */
export const IMPORTANT_NOTICES: readonly NoticeKind[] = [
  'reopened',
  'handoff',
  'urged',
  'dispatch.alert',
  'sla.warning',
  'sla.breached',
  'pause.requested',
  'pause.refused',
  'dissatisfied_callback',
];

export function isImportantNotice(kind: string): boolean {
  return (IMPORTANT_NOTICES as readonly string[]).includes(kind);
}
