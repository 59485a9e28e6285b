import { type ClockKind, PAUSE_REASONS, type PauseReason, type Ticket } from '@gd/domain';
import { ErrorBox, noticeText, pausableClocks, useSocketEvent } from '@gd/web';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useRequestPause } from '../api/request-pause';

/**
 * 申请暂停计时: the crew asks a supervisor to pause a clock of its order (a blocked road, a customer who cannot be
 * reached); the supervisor's answer comes back as a notice and is shown here.
 */
export function PauseRequest({ order }: { order: Ticket }) {
  const { t } = useTranslation();
  const clocks = pausableClocks(order.sla);
  const ask = useRequestPause(order.id);
  const [open, setOpen] = useState(false);
  const [clock, setClock] = useState<ClockKind | ''>('');
  const [reason, setReason] = useState<PauseReason>('force_majeure');
  const [note, setNote] = useState('');
  const [answer, setAnswer] = useState<{ kind: string; text: string } | null>(null);
  useSocketEvent('notification', (n) => {
    if (n.ticketId === order.id && (n.kind === 'pause.approved' || n.kind === 'pause.refused'))
      setAnswer({ kind: n.kind, text: noticeText(t, n) });
  });
  const chosen = clock || clocks[0];

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!chosen) return;
    setAnswer(null);
    ask.mutate(
      { clock: chosen, reason, ...(note.trim() ? { note: note.trim() } : {}) },
      { onSuccess: () => setOpen(false) },
    );
  }

  return (
    <div className="cp-pause" data-testid="pause-request">
      {ask.isSuccess && !answer && (
        <p className="cp-notice cp-notice--queued" role="status" data-testid="pause-requested">
          {t('phone.pauseRequested', { clock: t(`sla.${ask.data.clock}`) })}
        </p>
      )}
      {answer && (
        <p
          className={`cp-notice cp-notice--${answer.kind === 'pause.approved' ? 'sent' : 'refused'}`}
          role="status"
          data-testid="pause-answer"
          data-kind={answer.kind}
        >
          {answer.text}
        </p>
      )}
      {open ? (
        <form className="cp-form" onSubmit={submit} data-testid="pause-request-form">
          <label>
            {t('phone.pauseClock')}
            <select
              value={chosen ?? ''}
              onChange={(e) => setClock(e.target.value as ClockKind)}
              data-testid="pause-clock"
            >
              {clocks.map((k) => (
                <option key={k} value={k}>
                  {t(`sla.${k}`)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('phone.pauseReason')}
            <select
              value={reason}
              onChange={(e) => setReason(e.target.value as PauseReason)}
              data-testid="pause-reason"
            >
              {PAUSE_REASONS.map((r) => (
                <option key={r} value={r}>
                  {t(`pauseReason.${r}`)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('phone.pauseNote')}
            <textarea
              rows={2}
              maxLength={500}
              value={note}
              onChange={(e) => setNote(e.target.value)}
              placeholder={t('phone.pauseNotePlaceholder')}
              data-testid="pause-note"
            />
          </label>
          <ErrorBox error={ask.error} />
          <div className="cp-form__buttons">
            <button type="button" className="cp-btn" onClick={() => setOpen(false)}>
              {t('phone.cancel')}
            </button>
            <button
              type="submit"
              className="cp-btn cp-btn--primary"
              disabled={ask.isPending}
              data-testid="pause-submit"
            >
              {t('phone.pauseSubmit')}
            </button>
          </div>
        </form>
      ) : (
        clocks.length > 0 && (
          <button type="button" className="cp-btn" onClick={() => setOpen(true)} data-testid="pause-open">
            {t('phone.pauseOpen')}
          </button>
        )
      )}
    </div>
  );
}
