import type { ClockKind, Ticket } from '@gd/domain';
import { SlaBadge } from '@gd/web';

/** Every SLA clock of an order as a badge (or only the most urgent one). */
export function TicketClocks({ ticket, now, only }: { ticket: Ticket; now: number; only?: ClockKind }) {
  const entries = Object.entries(ticket.sla).filter(([k, c]) => c && (!only || k === only));
  if (entries.length === 0) return <span className="muted">–</span>;
  return (
    <span className="gd-row clocks">
      {entries.map(([kind, clock]) =>
        clock ? <SlaBadge key={kind} kind={kind as ClockKind} clock={clock} now={now} /> : null,
      )}
    </span>
  );
}
