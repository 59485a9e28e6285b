import type { ClockKind, TicketSla } from '@gd/domain';

/** The clocks of an order a crew may ask to pause: still counting (not stopped, paused or exempt), arrival first. */
export function pausableClocks(sla: TicketSla): ClockKind[] {
  const order: ClockKind[] = ['arrival', 'restoration', 'response', 'resolution'];
  return order.filter((k) => {
    const c = sla[k];
    return c && !c.stoppedAt && c.state !== 'paused' && c.state !== 'exempt' && c.state !== 'met';
  });
}
