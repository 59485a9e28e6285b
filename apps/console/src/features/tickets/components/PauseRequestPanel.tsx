import {
  type ClockKind,
  can,
  PAUSE_REASONS,
  type PauseReason,
  type SlaPauseRequest,
  type Ticket,
} from '@gd/domain';
import { api, ErrorBox, pausableClocks, useAuth } from '@gd/web';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * A dispatcher asks a supervisor to pause a clock of the order (`POST /api/tickets/:id/sla/pause-requests`): the
 * request waits in the supervisors' queue on the storm desk; the answer comes back as a notice.
 */
export function PauseRequestPanel({ ticket }: { ticket: Ticket }) {
  const { t } = useTranslation();
  const { user } = useAuth();
  const clocks = pausableClocks(ticket.sla);
  const [clock, setClock] = useState<ClockKind | ''>('');
  const [reason, setReason] = useState<PauseReason>('force_majeure');
  const [note, setNote] = useState('');
  const ask = useMutation({
    mutationFn: (body: { clock: ClockKind; reason: PauseReason; note?: string }) =>
      api<SlaPauseRequest>(`/tickets/${ticket.id}/sla/pause-requests`, { method: 'POST', body }),
  });
  if (!can(user?.role, 'sla.pause-request') || clocks.length === 0) return null;
  const chosen = clock || clocks[0]!;
  function submit(e: FormEvent) {
    e.preventDefault();
    ask.mutate({ clock: chosen, reason, ...(note.trim() ? { note: note.trim() } : {}) });
  }
  return (
    <form className="gd-row" onSubmit={submit} data-testid="pause-request-panel">
      <strong>{t('ticket.pauseRequest.title')}</strong>
      <select
        value={chosen}
        onChange={(e) => setClock(e.target.value as ClockKind)}
        aria-label={t('ticket.pauseRequest.clock')}
        data-testid="pause-request-clock"
      >
        {clocks.map((k) => (
          <option key={k} value={k}>
            {t(`sla.${k}`)}
          </option>
        ))}
      </select>
      <select
        value={reason}
        onChange={(e) => setReason(e.target.value as PauseReason)}
        aria-label={t('ticket.pauseRequest.reason')}
        data-testid="pause-request-reason"
      >
        {PAUSE_REASONS.map((r) => (
          <option key={r} value={r}>
            {t(`pauseReason.${r}`)}
          </option>
        ))}
      </select>
      <input
        value={note}
        onChange={(e) => setNote(e.target.value)}
        maxLength={500}
        placeholder={t('ticket.pauseRequest.note')}
        aria-label={t('ticket.pauseRequest.note')}
      />
      <button type="submit" disabled={ask.isPending} data-testid="pause-request-submit">
        {t('ticket.pauseRequest.submit')}
      </button>
      {ask.isSuccess && (
        <span className="gd-hint" role="status" data-testid="pause-request-sent">
          {t('ticket.pauseRequest.sent')}
        </span>
      )}
      <ErrorBox error={ask.error} />
    </form>
  );
}
