import {
  allowedTransitions,
  type CrewReport,
  familyOf,
  type LatLng,
  type Ticket,
  type TicketStatus,
} from '@gd/domain';
import { toDisplay } from '@gd/web';

/** The big buttons, in the order a crew walks through them. */
export const CREW_STEPS = ['acknowledged', 'en_route', 'on_site', 'restored', 'completed'] as const;
export type CrewStep = (typeof CREW_STEPS)[number];

export interface CrewButton {
  to: CrewStep;
  enabled: boolean;
  /**
   * What the button asks before sending: a reason (manual arrival), a confirmation (power restored: callers are
   * told), or the completion report.
   */
  needs: 'none' | 'reason' | 'confirm' | 'report';
}

/**
 * The buttons of the crew view for an order. THE status machine says which moves the crew role may make; of those,
 * only the next one in the crew's walk is enabled (the machine lets a dispatched crew skip ahead, a tired thumb
 * should not), and completing whenever the machine allows it. Marking arrival by hand (the server also detects it
 * from GPS) needs a reason; power restored a confirmation; completion the report.
 * @example crewButtons({ type: 'fault_repair', status: 'dispatched' }) // only 'acknowledged' enabled
 */
export function crewButtons(ticket: Pick<Ticket, 'type' | 'status'>): CrewButton[] {
  const allowed = new Set<TicketStatus>(allowedTransitions(familyOf(ticket.type), ticket.status, 'crew'));
  const next = CREW_STEPS.find((to) => allowed.has(to));
  return CREW_STEPS.map((to) => ({
    to,
    enabled: allowed.has(to) && (to === next || to === 'completed'),
    needs:
      to === 'on_site' ? 'reason' : to === 'restored' ? 'confirm' : to === 'completed' ? 'report' : 'none',
  }));
}

/** The note and report sent with a step, or the list of what is missing. */
export function validateStep(
  step: CrewButton,
  input: { reason?: string; report?: Partial<CrewReport> },
):
  | { ok: true; note?: string; report?: CrewReport }
  | { ok: false; missing: ('reason' | 'cause' | 'workDone')[] } {
  if (step.needs === 'reason') {
    const reason = input.reason?.trim();
    return reason ? { ok: true, note: reason } : { ok: false, missing: ['reason'] };
  }
  if (step.needs === 'report') {
    const cause = input.report?.cause?.trim() ?? '';
    const workDone = input.report?.workDone?.trim() ?? '';
    const missing = [...(cause ? [] : ['cause' as const]), ...(workDone ? [] : ['workDone' as const])];
    if (missing.length) return { ok: false, missing };
    const materials = input.report?.materials?.trim();
    return { ok: true, report: { cause, workDone, ...(materials ? { materials } : {}) } };
  }
  return { ok: true };
}

/** `geo:` URI: opens the phone's default map app at the (WGS-84) point. */
export function geoUri(p: LatLng, label?: string): string {
  const q = `${p.lat},${p.lng}`;
  return `geo:${q}?q=${q}${label ? `(${encodeURIComponent(label)})` : ''}`;
}

/** AMap (高德) navigation URI: AMap draws in GCJ-02, so the point is converted first (coordinate=gaode). */
export function amapNavigationUri(p: LatLng, label = ''): string {
  const g = toDisplay(p, 'gcj02');
  const to = `${g.lng.toFixed(6)},${g.lat.toFixed(6)},${encodeURIComponent(label)}`;
  return `https://uri.amap.com/navigation?to=${to}&mode=car&coordinate=gaode&callnative=1`;
}

/** A tel: link that keeps only what a dialler accepts. */
export function telUri(phone: string): string {
  return `tel:${phone.replace(/[^\d+#*]/g, '')}`;
}

/**
 * The status the crew sees: the server's, moved on by the steps still waiting in the outbox for this order (so a
 * crew can acknowledge and set off while offline). A queued step the status machine would refuse is ignored.
 */
export function effectiveStatus(
  ticket: Pick<Ticket, 'id' | 'type' | 'status'>,
  queued: readonly { ticketId: string; to: TicketStatus }[],
): TicketStatus {
  let status = ticket.status;
  for (const q of queued) {
    if (q.ticketId !== ticket.id) continue;
    if (allowedTransitions(familyOf(ticket.type), status, 'crew').includes(q.to)) status = q.to;
  }
  return status;
}
