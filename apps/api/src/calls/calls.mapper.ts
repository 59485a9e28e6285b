import type { Call } from '@gd/domain';
import type { CallRow } from './calls.repository.js';

export function toCall(r: CallRow): Call {
  return {
    id: r.id,
    agentId: r.agentId,
    phone: r.phone,
    channel: r.channel,
    customerId: r.customerId,
    notes: r.notes,
    outcome: r.outcome,
    ticketId: r.ticketId,
    startedAt: r.startedAt.toISOString(),
    endedAt: r.endedAt ? r.endedAt.toISOString() : null,
  };
}
