import {
  CLOCK_KINDS,
  type ClockKind,
  type Crew,
  checkTransition,
  familyOf,
  type Role,
  type Ticket,
} from '@gd/domain';
import { ErrorBox, formatDateTime, SlaBadge, useNow } from '@gd/web';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDispatchTicket } from '../api/dispatch-ticket';
import { CandidateList } from './CandidateList';

/** The selected order: its facts, its clocks, and the ranked crews to send. */
export function OrderPanel({
  ticket,
  role,
  timeZone,
  crewOf,
  onClose,
  onDispatched,
}: {
  ticket: Ticket;
  role: Role;
  timeZone: string;
  crewOf: (id: string) => Crew | undefined;
  onClose: () => void;
  onDispatched: (t: Ticket) => void;
}) {
  const { t } = useTranslation();
  const now = useNow(1000);
  const [notice, setNotice] = useState<string | null>(null);
  const dispatch = useDispatchTicket((updated) => {
    onDispatched(updated);
    setNotice(
      t('order.assigned', { crew: (updated.crewId && crewOf(updated.crewId)?.name) ?? updated.crewId ?? '' }),
    );
  });
  const allowed = checkTransition(familyOf(ticket.type), ticket.status, 'dispatched', role, 'dispatch').ok;
  // An order that has a crew is not sent again by a stray click: reassigning is asked for explicitly.
  const [reassigning, setReassigning] = useState<string | null>(null);
  const canDispatch = allowed && (!ticket.crewId || reassigning === ticket.id);
  const busyCrewId = dispatch.isPending ? (dispatch.variables?.crewId ?? null) : undefined;
  const clocks = CLOCK_KINDS.filter((k): k is ClockKind => ticket.sla[k] !== undefined);
  const assignedCrew = ticket.crewId ? crewOf(ticket.crewId) : undefined;

  return (
    <aside className="dm-panel" data-testid="order-panel" data-ticket-id={ticket.id}>
      <header className="dm-panel__head">
        <h2>
          {t('order.details')} <span className="dm-mono">{ticket.number}</span>
        </h2>
        <button type="button" onClick={onClose} aria-label={t('order.close')} data-testid="order-panel-close">
          ×
        </button>
      </header>
      <dl className="dm-facts">
        <dt>{t('order.type')}</dt>
        <dd>{t(`ticketType.${ticket.type}`)}</dd>
        <dt>{t('order.status')}</dt>
        <dd data-testid="order-status">{t(`ticketStatus.${ticket.status}`)}</dd>
        <dt>{t('order.address')}</dt>
        <dd>
          {ticket.district} {ticket.address}
        </dd>
        <dt>{t('order.description')}</dt>
        <dd>{ticket.description}</dd>
        {ticket.crewId && (
          <>
            <dt>{t('order.crew')}</dt>
            <dd data-testid="order-crew">{assignedCrew?.name ?? ticket.crewId}</dd>
          </>
        )}
        <dt>{t('order.sla')}</dt>
        <dd className="dm-chips">
          {clocks.map((k) => (
            <SlaBadge key={k} kind={k} clock={ticket.sla[k]!} now={now} />
          ))}
          <span className="dm-muted">{formatDateTime(ticket.createdAt, timeZone)}</span>
        </dd>
      </dl>
      {/* The console (served at /) has the order's whole page: merging, its outage, the hand-off, the timeline. */}
      <a href={`/tickets/${ticket.id}`} target="_blank" rel="noreferrer" data-testid="order-open-console">
        {t('order.openInConsole')}
      </a>
      {notice && (
        <p className="dm-notice" role="status" data-testid="dispatch-notice">
          {notice}
        </p>
      )}
      {dispatch.error && <ErrorBox error={dispatch.error} />}
      {allowed && ticket.crewId && reassigning !== ticket.id && (
        <p className="dm-muted" data-testid="already-assigned">
          {t('order.alreadyAssigned', { crew: assignedCrew?.name ?? '' })}{' '}
          <button type="button" data-testid="reassign-button" onClick={() => setReassigning(ticket.id)}>
            {t('order.reassign')}
          </button>
        </p>
      )}
      <CandidateList
        ticketId={ticket.id}
        crewOf={crewOf}
        canDispatch={canDispatch}
        notice={allowed ? null : t('order.notDispatchable')}
        busyCrewId={busyCrewId}
        onAssign={(crewId) => {
          setNotice(null);
          dispatch.mutate({ ticketId: ticket.id, crewId });
        }}
      />
    </aside>
  );
}
