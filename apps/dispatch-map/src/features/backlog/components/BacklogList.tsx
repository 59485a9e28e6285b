import type { BacklogEntry, Ticket } from '@gd/domain';
import { ErrorBox, formatDuration, Spinner, useNow } from '@gd/web';
import { useTranslation } from 'react-i18next';
import { useDispatchTicket } from '../../orders/api/dispatch-ticket';
import { useBacklog } from '../api/get-backlog';

/**
 * 等待派单: the fault orders waiting for a crew, most urgent first, each with the planner's proposal (accept it in
 * one click), the busy crew it is held for (said in words, no accept: that crew cannot be sent before it is free),
 * or why there is none; "other crew" opens the order's ranked candidates, so a hold never stops a dispatcher.
 */
export function BacklogList({
  canDispatch,
  onPick,
  onDispatched,
}: {
  canDispatch: boolean;
  onPick: (ticketId: string) => void;
  onDispatched: (t: Ticket) => void;
}) {
  const { t } = useTranslation();
  const now = useNow(5000);
  const q = useBacklog(canDispatch);
  const dispatch = useDispatchTicket(onDispatched);
  if (!canDispatch) return <p className="dm-muted">{t('backlog.notAllowed')}</p>;
  if (q.isPending) return <Spinner />;
  if (q.error) return <ErrorBox error={q.error} onRetry={() => void q.refetch()} />;
  const rows = q.data ?? [];
  const busyId = dispatch.isPending ? dispatch.variables?.ticketId : undefined;
  return (
    <section data-testid="backlog" data-count={rows.length}>
      <p className="dm-muted">{t('backlog.hint')}</p>
      {dispatch.error && <ErrorBox error={dispatch.error} />}
      {rows.length === 0 && <p className="dm-empty">{t('backlog.empty')}</p>}
      <ul className="dm-list">
        {rows.map((b: BacklogEntry) => {
          const due = b.arrivalDueAt ? Date.parse(b.arrivalDueAt) - now : null;
          const hold = b.proposalKind === 'hold';
          const crew = b.proposedCrewName ?? b.proposedCrewId ?? '';
          return (
            <li
              key={b.ticketId}
              className="dm-row dm-row--static"
              data-testid="backlog-row"
              data-ticket-id={b.ticketId}
            >
              <span className="dm-row__main">
                <span className="dm-mono">{b.number}</span>
                {b.priority !== 'normal' && <span className="dm-tag">{t(`priority.${b.priority}`)}</span>}
                <span className={`dm-chip ${due !== null && due < 0 ? 'dm-chip--bad' : ''}`}>
                  {due === null
                    ? t('backlog.noClock')
                    : due < 0
                      ? t('backlog.overdue', { d: formatDuration(-due) })
                      : t('backlog.dueIn', { d: formatDuration(due) })}
                </span>
              </span>
              <span className="dm-row__sub">
                {t('backlog.waiting', { d: formatDuration(Math.max(0, now - Date.parse(b.waitingSince))) })}
                {b.address ? ` · ${b.address}` : ''}
              </span>
              <span
                className="dm-row__sub"
                data-testid="backlog-proposal"
                data-kind={b.proposalKind ?? 'none'}
                title={hold ? t('backlog.holdTitle') : undefined}
              >
                {hold
                  ? t('backlog.hold', {
                      crew,
                      free: b.expectedFreeAt
                        ? Math.max(0, Math.round((Date.parse(b.expectedFreeAt) - now) / 60_000))
                        : 0,
                      n: Math.round(b.proposedEtaMinutes ?? 0),
                    })
                  : b.proposedCrewId
                    ? t('backlog.proposal', { crew, n: Math.round(b.proposedEtaMinutes ?? 0) })
                    : t(`backlog.reason.${b.reason ?? 'crews_busy'}`)}
              </span>
              <span className="dm-chips">
                {/* A held crew is busy: it cannot be dispatched now (the planner sends it once free). */}
                {b.proposedCrewId && !hold && (
                  <button
                    type="button"
                    className="gd-primary"
                    data-testid="backlog-accept"
                    disabled={busyId !== undefined}
                    onClick={() => dispatch.mutate({ ticketId: b.ticketId, crewId: b.proposedCrewId! })}
                  >
                    {busyId === b.ticketId ? t('order.assigning') : t('backlog.accept')}
                  </button>
                )}
                <button type="button" data-testid="backlog-pick" onClick={() => onPick(b.ticketId)}>
                  {t('backlog.pick')}
                </button>
              </span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
