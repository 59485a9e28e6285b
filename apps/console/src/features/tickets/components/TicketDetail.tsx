import { FINAL_STATUSES, isOpenStatus, normalizeTicketNumber, type Ticket } from '@gd/domain';
import {
  ApiError,
  EmptyState,
  ErrorBox,
  formatDateTime,
  formatPhone,
  Spinner,
  useAuth,
  useClientConfig,
  useNow,
} from '@gd/web';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { useCrews } from '../../crews/api/get-crews.js';
import { MessagesPanel } from '../../messages/components/MessagesPanel.js';
import { useActiveOutages } from '../../outages/api/get-outages.js';
import { FaultOutagePanel } from '../../outages/components/FaultOutagePanel.js';
import { OUTAGE_ROLES } from '../../outages/roles.js';
import { useStaff, useStaffNames } from '../../staff/api/get-staff.js';
import { useTicket } from '../api/get-ticket.js';
import { useTimeline } from '../api/get-timeline.js';
import { useHandoffTicket } from '../api/handoff-ticket.js';
import { useMergeTicket } from '../api/merge-ticket.js';
import { useTransitionTicket } from '../api/transition-ticket.js';
import { useUrgeTicket } from '../api/urge-ticket.js';
import { canMerge, type TransitionAction, transitionActions } from '../lib/actions.js';
import { MergeSuggestions } from './MergeSuggestions.js';
import { OrderNumberLink } from './OrderNumberLink.js';
import { PauseRequestPanel } from './PauseRequestPanel.js';
import { TicketClocks } from './TicketClocks.js';
import { TicketPhotos } from './TicketPhotos.js';
import { TimelineList } from './TimelineList.js';

const MILESTONES = [
  'dispatchedAt',
  'acknowledgedAt',
  'arrivedAt',
  'restoredAt',
  'completedAt',
  'closedAt',
] as const;

export function TicketDetailPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const ticket = useTicket(id);
  if (ticket.isLoading) return <Spinner />;
  if (ticket.error) return <ErrorBox error={ticket.error} onRetry={() => void ticket.refetch()} />;
  if (!ticket.data) return <EmptyState>{t('ticket.notFound')}</EmptyState>;
  return <TicketDetail ticket={ticket.data} />;
}

function TicketDetail({ ticket }: { ticket: Ticket }) {
  const { t } = useTranslation();
  const now = useNow();
  const { timeZone } = useClientConfig();
  const names = useStaffNames();
  const crews = useCrews();
  const crewName = (id: string | null) => {
    const crew = id ? crews.data?.find((c) => c.id === id) : undefined;
    return crew ? `${crew.code ? `${crew.code} ` : ''}${crew.name}` : (id?.slice(0, 8) ?? '–');
  };
  const dt = (iso: string | null) => formatDateTime(iso, timeZone);
  const milestones = MILESTONES.filter((k) => ticket[k]);
  return (
    <div className="ticket-detail" data-testid="ticket-detail">
      <div className="col-main">
        <section className="gd-card">
          <div className="gd-row gd-row--between">
            <h1 data-testid="ticket-number">{ticket.number}</h1>
            <TicketClocks ticket={ticket} now={now} />
          </div>
          <PauseRequestPanel ticket={ticket} />
          <dl className="facts">
            <dt>{t('ticket.type')}</dt>
            <dd>{t(`ticketType.${ticket.type}`)}</dd>
            <dt>{t('ticket.status')}</dt>
            <dd data-testid="ticket-status">{t(`ticketStatus.${ticket.status}`)}</dd>
            <dt>{t('ticket.priority')}</dt>
            <dd>{t(`priority.${ticket.priority}`)}</dd>
            <dt>{t('ticket.description')}</dt>
            <dd className="pre">{ticket.description}</dd>
            {ticket.customerName && (
              <>
                <dt>{t('ticket.customer')}</dt>
                <dd data-testid="ticket-customer">
                  {ticket.customerName} {formatPhone(ticket.customerPhone)}
                </dd>
              </>
            )}
            <dt>{t('ticket.address')}</dt>
            <dd>
              {ticket.address ?? '–'}
              {ticket.location && (
                <span className="muted">
                  {' '}
                  ({ticket.location.lat.toFixed(5)}, {ticket.location.lng.toFixed(5)})
                </span>
              )}
            </dd>
            <dt>{t('ticket.zoneClass')}</dt>
            <dd>
              {ticket.zoneClass ? t(`zoneClass.${ticket.zoneClass}`) : '–'} {ticket.district ?? ''}
            </dd>
            <dt>{t('ticket.firstResponder')}</dt>
            <dd>{names(ticket.firstResponderId)}</dd>
            <dt>{t('ticket.owner')}</dt>
            <dd>{names(ticket.ownerId)}</dd>
            <dt>{t('ticket.crew')}</dt>
            <dd>{crewName(ticket.crewId)}</dd>
            <dt>{t('ticket.urgeCount')}</dt>
            <dd>{ticket.urgeCount}</dd>
            {ticket.parentId && (
              <>
                <dt>{t('ticket.parent')}</dt>
                <dd>
                  <OrderNumberLink id={ticket.parentId} />
                </dd>
              </>
            )}
            {ticket.outageId && (
              <>
                <dt>{t('ticket.outage')}</dt>
                <dd>
                  <OutageFact id={ticket.outageId} />
                </dd>
              </>
            )}
            <dt>{t('ticket.createdAt')}</dt>
            <dd>{dt(ticket.createdAt)}</dd>
            {milestones.length > 0 && (
              <>
                <dt>{t('ticket.timestamps')}</dt>
                <dd className="milestones">
                  {milestones.map((k) => (
                    <span key={k}>
                      {t(`ticket.${k}`)} {dt(ticket[k])}
                    </span>
                  ))}
                </dd>
              </>
            )}
            {ticket.report && (
              <>
                <dt>{t('ticket.report')}</dt>
                <dd>
                  {t('ticket.cause')}：{ticket.report.cause}；{t('ticket.workDone')}：{ticket.report.workDone}
                  {ticket.report.materials ? `；${t('ticket.materials')}：${ticket.report.materials}` : ''}
                </dd>
              </>
            )}
            {ticket.resolution && (
              <>
                <dt>{t('ticket.resolution')}</dt>
                <dd>{ticket.resolution}</dd>
              </>
            )}
          </dl>
          <TicketPhotos ticketId={ticket.id} />
        </section>
        <Timeline ticketId={ticket.id} />
        <MessagesPanel filter={{ ticketId: ticket.id }} />
      </div>
      <aside className="col-side">
        <Actions ticket={ticket} />
      </aside>
    </div>
  );
}

function Timeline({ ticketId }: { ticketId: string }) {
  const { t } = useTranslation();
  const q = useTimeline(ticketId);
  return (
    <section className="gd-card">
      <h2>{t('ticket.timeline')}</h2>
      {q.isLoading && <Spinner />}
      <ErrorBox error={q.error} onRetry={() => void q.refetch()} />
      {q.data && q.data.length === 0 && <EmptyState />}
      {q.data && q.data.length > 0 && <TimelineList entries={q.data} testId="timeline" />}
    </section>
  );
}

function Actions({ ticket }: { ticket: Ticket }) {
  const { t } = useTranslation();
  const { user } = useAuth();
  const [chosen, setChosen] = useState<TransitionAction | null>(null);
  const urge = useUrgeTicket();
  if (!user) return null;
  const actions = transitionActions(ticket, user.role);
  return (
    <>
      <MergeSuggestions ticket={ticket} />
      <section className="gd-card" data-testid="ticket-actions">
        <h2>{t('ticket.actions')}</h2>
        {actions.length === 0 && <p className="muted">{t('ticket.noActions')}</p>}
        <div className="gd-row">
          {actions.map((a) => (
            <button
              type="button"
              key={a.to}
              data-testid={`transition-${a.to}`}
              className={chosen?.to === a.to ? 'gd-primary' : ''}
              onClick={() => setChosen(a)}
            >
              {t('ticket.transitionTo', { status: t(`ticketStatus.${a.to}`) })}
            </button>
          ))}
          <button
            type="button"
            data-testid="urge"
            disabled={urge.isPending}
            onClick={() => urge.mutate({ id: ticket.id })}
          >
            {t('call.urge')}
          </button>
        </div>
        <ErrorBox error={urge.error} />
        {chosen && (
          <TransitionForm key={chosen.to} ticket={ticket} action={chosen} onDone={() => setChosen(null)} />
        )}
      </section>
      {/* A closed, cancelled or merged order has no one left to hand it to (the API refuses with 409). */}
      {!FINAL_STATUSES.includes(ticket.status) && <HandoffForm ticket={ticket} />}
      {canMerge(ticket, user.role) && <MergeForm ticket={ticket} />}
      {OUTAGE_ROLES.includes(user.role) &&
        ticket.type === 'fault_repair' &&
        ticket.location &&
        isOpenStatus(ticket.status) && <FaultOutagePanel ticket={ticket} />}
    </>
  );
}

function TransitionForm({
  ticket,
  action,
  onDone,
}: {
  ticket: Ticket;
  action: TransitionAction;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const m = useTransitionTicket();
  const [note, setNote] = useState('');
  const [cause, setCause] = useState('');
  const [workDone, setWorkDone] = useState('');
  const [materials, setMaterials] = useState('');

  function submit(e: FormEvent) {
    e.preventDefault();
    m.mutate(
      {
        id: ticket.id,
        to: action.to,
        note: note.trim() || undefined,
        report:
          action.requires === 'report'
            ? { cause: cause.trim(), workDone: workDone.trim(), materials: materials.trim() || undefined }
            : undefined,
      },
      { onSuccess: onDone },
    );
  }

  return (
    <form className="stack" onSubmit={submit} data-testid="transition-form">
      {action.requires === 'report' && (
        <>
          <label>
            {t('ticket.cause')}
            <input required value={cause} onChange={(e) => setCause(e.target.value)} />
          </label>
          <label>
            {t('ticket.workDone')}
            <input required value={workDone} onChange={(e) => setWorkDone(e.target.value)} />
          </label>
          <label>
            {t('ticket.materials')}
            <input value={materials} onChange={(e) => setMaterials(e.target.value)} />
          </label>
        </>
      )}
      <label>
        {action.requires === 'resolution' ? t('ticket.resolution') : t('ticket.note')}
        <textarea
          required={action.requires === 'note' || action.requires === 'resolution'}
          rows={2}
          placeholder={t('ticket.notePlaceholder')}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          data-testid="transition-note"
        />
      </label>
      <ErrorBox error={m.error} />
      <div className="gd-row">
        <button type="submit" className="gd-primary" disabled={m.isPending} data-testid="transition-confirm">
          {t('ticket.confirm')}
        </button>
        <button type="button" onClick={onDone}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

function HandoffForm({ ticket }: { ticket: Ticket }) {
  const { t } = useTranslation();
  const staff = useStaff();
  const m = useHandoffTicket();
  const [to, setTo] = useState('');
  const [reason, setReason] = useState('');
  const candidates = (staff.data ?? []).filter(
    (s) => !s.disabled && s.role !== 'crew' && s.id !== ticket.ownerId,
  );
  return (
    <form
      className="gd-card stack"
      data-testid="handoff-form"
      onSubmit={(e) => {
        e.preventDefault();
        m.mutate({ id: ticket.id, toUserId: to, reason: reason.trim() }, { onSuccess: () => setReason('') });
      }}
    >
      <h2>{t('ticket.handoff')}</h2>
      {staff.isLoading && <Spinner />}
      <ErrorBox error={staff.error} />
      <label>
        {t('ticket.handoffTo')}
        <select required value={to} onChange={(e) => setTo(e.target.value)} data-testid="handoff-to">
          <option value="">—</option>
          {candidates.map((s) => (
            <option key={s.id} value={s.id}>
              {s.displayName}（{t(`role.${s.role}`)}）
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('ticket.reason')}
        <input
          required
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          data-testid="handoff-reason"
        />
      </label>
      <ErrorBox error={m.error} />
      <button type="submit" disabled={m.isPending || !to} data-testid="handoff-submit">
        {t('ticket.handoff')}
      </button>
    </form>
  );
}

function MergeForm({ ticket }: { ticket: Ticket }) {
  const { t } = useTranslation();
  const m = useMergeTicket();
  const [master, setMaster] = useState('');
  const [invalid, setInvalid] = useState(false);
  const number = normalizeTicketNumber(master);
  return (
    <form
      className="gd-card stack"
      data-testid="merge-form"
      onSubmit={(e) => {
        e.preventDefault();
        setInvalid(!number);
        if (number) m.mutate({ id: ticket.id, masterNumber: number });
      }}
    >
      <h2>{t('ticket.merge')}</h2>
      <label>
        {t('ticket.parentNumber')}
        <input
          required
          value={master}
          placeholder={t('ticket.parentNumberPlaceholder')}
          onChange={(e) => {
            setMaster(e.target.value);
            setInvalid(false);
          }}
          data-testid="merge-parent"
        />
      </label>
      {invalid && (
        <p className="gd-error" role="alert">
          {t('ticket.lookupInvalid')}
        </p>
      )}
      {m.error instanceof ApiError && m.error.status === 404 ? (
        <p className="gd-error" role="alert" data-testid="merge-not-found">
          {t('ticket.lookupNotFound', { number })}
        </p>
      ) : (
        <ErrorBox error={m.error} />
      )}
      <button type="submit" disabled={m.isPending} data-testid="merge-submit">
        {t('ticket.merge')}
      </button>
    </form>
  );
}

/** The outage an order belongs to: its description and estimated restoration while it lasts. */
function OutageFact({ id }: { id: string }) {
  const { t } = useTranslation();
  const { timeZone } = useClientConfig();
  const outage = useActiveOutages().data?.find((o) => o.id === id);
  if (!outage) return <>{t('outages.ended')}</>;
  return (
    <>
      {outage.description}{' '}
      <span className="muted">
        {t('call.outageRestore', { at: formatDateTime(outage.estimatedRestoreAt, timeZone) })}
      </span>
    </>
  );
}
