import type { CrewReport, Ticket, TicketStatus } from '@gd/domain';
import {
  ErrorBox,
  formatDateTime,
  formatPhone,
  SlaBadge,
  Spinner,
  useNow,
  useSocketConnected,
  useSocketEvent,
} from '@gd/web';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCustomer } from '../api/get-customer';
import { useMyCrew } from '../api/get-my-crew';
import { useTicket } from '../api/get-ticket';
import { useSetCrewStatus } from '../api/set-crew-status';
import { useGpsShare } from '../hooks/useGpsShare';
import { newId, useOutbox } from '../hooks/useOutbox';
import { usePositionSender } from '../hooks/usePositionSender';
import {
  amapNavigationUri,
  type CrewButton,
  crewButtons,
  effectiveStatus,
  geoUri,
  telUri,
} from '../utils/crewActions';
import { PauseRequest } from './PauseRequestForm';
import { StepForm } from './StepForms';

function useOnline() {
  const [online, setOnline] = useState(() => navigator.onLine);
  useEffect(() => {
    const on = () => setOnline(true);
    const off = () => setOnline(false);
    window.addEventListener('online', on);
    window.addEventListener('offline', off);
    return () => {
      window.removeEventListener('online', on);
      window.removeEventListener('offline', off);
    };
  }, []);
  return online;
}

/** The crew phone: the current order, big step buttons, GPS sharing, and an outbox that rides out network losses. */
export function CrewPhoneView({ crewId, timeZone }: { crewId: string; timeZone: string }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const crew = useMyCrew(crewId);
  const ticketId = crew.data?.ticketId ?? null;
  const ticket = useTicket(ticketId);
  // The order may carry the contact itself (crews may not read customer records); otherwise ask for the customer.
  const contact = ticket.data as
    | (Ticket & { customerPhone?: string | null; customerName?: string | null })
    | undefined;
  const customer = useCustomer(contact && !contact.customerPhone ? (contact.customerId ?? null) : null);
  const outbox = useOutbox(crewId, (t) => qc.setQueryData(['ticket', t.id], t));
  const online = useOnline();
  const connected = useSocketConnected();
  const now = useNow(1000);

  // Live: a dispatch, a reassignment or a geofence arrival shows at once, not at the next poll.
  useSocketEvent('ticket.updated', (e) => {
    if (e.id === ticketId) qc.setQueryData(['ticket', e.id], e.ticket);
    if (e.ticket.crewId === crewId || e.id === ticketId)
      void qc.invalidateQueries({ queryKey: ['my-crew', crewId] });
  });
  useSocketEvent('crew.status', (e) => {
    if (e.crewId === crewId) void qc.invalidateQueries({ queryKey: ['my-crew', crewId] });
  });

  // On or off duty is the server's: off duty, the crew receives no orders (and GPS sharing stops with it).
  const duty = useSetCrewStatus(crewId);
  const [asked, setAsked] = useState<boolean | null>(null);
  const onDuty = asked ?? (crew.data ? crew.data.status !== 'off_duty' : false);
  const switchDuty = (on: boolean) => {
    setAsked(on);
    duty.mutate(on ? 'available' : 'off_duty', { onSettled: () => setAsked(null) });
  };

  const backlog = outbox.entries.some((e) => e.kind === 'position');
  const sender = usePositionSender(backlog, outbox.addPosition);
  const gps = useGpsShare(onDuty, sender.send);

  const [form, setForm] = useState<CrewButton | null>(null);
  const [notice, setNotice] = useState<{ kind: 'queued' | 'sent' | 'refused'; entryId: string } | null>(null);
  const [refusal, setRefusal] = useState('');

  const queuedSteps = outbox.entries.flatMap((e) => (e.kind === 'transition' ? [e] : []));

  async function runStep(
    step: CrewButton,
    input: { note?: string; report?: CrewReport; photos?: string[] },
    order: Ticket,
  ) {
    setForm(null);
    setNotice(null);
    // The report's photos go first, so the office sees them with the completed order.
    for (const dataUrl of input.photos ?? []) {
      void outbox.add({
        kind: 'photo',
        id: newId(),
        ticketId: order.id,
        dataUrl,
        queuedAt: new Date().toISOString(),
      });
    }
    const entry = {
      kind: 'transition' as const,
      id: newId(),
      ticketId: order.id,
      to: step.to as TicketStatus,
      queuedAt: new Date().toISOString(),
      ...(input.note ? { note: input.note } : {}),
      ...(input.report ? { report: input.report } : {}),
    };
    const r = await outbox.add(entry);
    const refused = r.dropped.find((d) => d.entry.id === entry.id);
    setRefusal(refused?.reason ?? '');
    if (refused) setNotice({ kind: 'refused', entryId: entry.id });
    else if (outbox.isPending(entry.id)) setNotice({ kind: 'queued', entryId: entry.id });
    else setNotice({ kind: 'sent', entryId: entry.id });
    if (entry.to === 'on_site') manualArrival.current = order.id;
    void qc.invalidateQueries({ queryKey: ['ticket', order.id] });
    void qc.invalidateQueries({ queryKey: ['my-crew', crewId] });
  }

  // A banner says only what is still true: 网络不可用 while the step waits in the outbox, then 已发送 for a few
  // seconds once it went; a refusal until the next step.
  const shownNotice =
    notice?.kind === 'queued' && !queuedSteps.some((e) => e.id === notice.entryId)
      ? { ...notice, kind: 'sent' as const }
      : notice;
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new step's notice restarts the timer
  useEffect(() => {
    if (shownNotice?.kind !== 'sent') return;
    const timer = setTimeout(() => setNotice(null), 4000);
    return () => clearTimeout(timer);
  }, [shownNotice?.kind, shownNotice?.entryId]);

  const order = ticket.data;
  // Arrived by the geofence (not by this phone's button): said, so the crew does not look for the button.
  const manualArrival = useRef<string | null>(null);
  const geofenced =
    order?.status === 'on_site' &&
    order.arrivalManual === false &&
    order.arrivedAt &&
    manualArrival.current !== order.id
      ? order.arrivedAt
      : null;
  const status = order ? effectiveStatus(order, queuedSteps) : null;
  const buttons = order && status ? crewButtons({ type: order.type, status }) : [];
  const phone = contact?.customerPhone ?? customer.data?.phone;
  const customerName = contact?.customerName ?? customer.data?.name ?? '';

  return (
    <div className="cp">
      <div className="cp-status">
        <span
          className={`cp-pill ${online && connected ? 'cp-pill--ok' : 'cp-pill--bad'}`}
          data-testid="crew-online"
        >
          {online && connected ? t('phone.online') : t('phone.offline')}
        </span>
        {outbox.entries.length > 0 && (
          <span
            className="cp-pill cp-pill--warn"
            data-testid="outbox-pending"
            data-count={outbox.entries.length}
          >
            {t('phone.pending', { count: outbox.entries.length })}
          </span>
        )}
        <label className="cp-duty">
          <input
            type="checkbox"
            role="switch"
            aria-checked={onDuty}
            data-testid="duty-switch"
            checked={onDuty}
            disabled={!crew.data || duty.isPending}
            onChange={(e) => switchDuty(e.target.checked)}
          />
          {onDuty ? t('phone.onDuty') : t('phone.offDuty')}
        </label>
      </div>
      <p className="cp-gps" data-testid="gps-state" data-state={gps.kind}>
        {t('phone.gps')}:{' '}
        {gps.kind === 'off'
          ? t('phone.gpsOff')
          : gps.kind === 'waiting'
            ? t('phone.gpsWaiting')
            : gps.kind === 'error'
              ? t('phone.gpsError', {
                  message: t(`phone.gpsErrors.c${gps.code}`, { defaultValue: gps.message }),
                })
              : t('phone.gpsOk', {
                  time: formatDateTime(gps.position.recordedAt, timeZone, true).slice(11),
                  acc: gps.position.accuracyM ?? '?',
                })}
      </p>
      {duty.error && (
        <div data-testid="duty-error">
          <ErrorBox error={duty.error} />
        </div>
      )}
      {sender.refused && (
        <p className="cp-notice cp-notice--refused">{t('phone.refused', { reason: sender.refused })}</p>
      )}
      {shownNotice && (
        <p
          className={`cp-notice cp-notice--${shownNotice.kind}`}
          role="status"
          data-testid="step-notice"
          data-kind={shownNotice.kind}
        >
          {shownNotice.kind === 'refused'
            ? t('phone.refused', { reason: refusal })
            : t(shownNotice.kind === 'queued' ? 'phone.queued' : 'phone.sent')}
        </p>
      )}
      {geofenced && (
        <p className="cp-notice cp-notice--sent" role="status" data-testid="geofence-arrival">
          {t('phone.geofenceArrival', { time: formatDateTime(geofenced, timeZone, true).slice(11) })}
        </p>
      )}

      {crew.isPending && <Spinner />}
      {crew.error && <ErrorBox error={crew.error} onRetry={() => void crew.refetch()} />}
      {crew.data === null && <p className="cp-empty">{t('phone.crewMissing')}</p>}
      {crew.data && !ticketId && (
        <p className="cp-empty" data-testid="no-order">
          {t('phone.noOrder')}
        </p>
      )}
      {ticketId && ticket.isPending && <Spinner />}
      {ticket.error && <ErrorBox error={ticket.error} onRetry={() => void ticket.refetch()} />}

      {order && status && (
        <section className="cp-card" data-testid="crew-order" data-ticket-id={order.id} data-status={status}>
          <header>
            <span className="cp-number">{order.number}</span>
            <span className="cp-state">{t(`ticketStatus.${status}`)}</span>
          </header>
          <p className="cp-address" data-testid="crew-order-address">
            {order.district} {order.address}
          </p>
          <p className="cp-desc">{order.description}</p>
          <div className="cp-badges">
            {order.sla.arrival && <SlaBadge kind="arrival" clock={order.sla.arrival} now={now} />}
            {order.sla.restoration && <SlaBadge kind="restoration" clock={order.sla.restoration} now={now} />}
          </div>
          <PauseRequest order={order} />
          <div className="cp-links">
            {phone && (
              <a className="cp-btn cp-btn--link" href={telUri(phone)} data-testid="call-customer">
                {t('phone.call')} {customerName} {formatPhone(phone)}
              </a>
            )}
            {order.location && (
              <>
                <a
                  className="cp-btn cp-btn--link"
                  href={amapNavigationUri(order.location, order.address ?? order.number)}
                  target="_blank"
                  rel="noreferrer"
                  data-testid="navigate-amap"
                >
                  {t('phone.navigateAmap')}
                </a>
                <a
                  className="cp-btn cp-btn--link"
                  href={geoUri(order.location, order.address ?? undefined)}
                  data-testid="navigate-geo"
                >
                  {t('phone.navigateGeo')}
                </a>
              </>
            )}
          </div>
          {form ? (
            <StepForm
              step={form}
              onCancel={() => setForm(null)}
              onSubmit={(input) => void runStep(form, input, order)}
            />
          ) : (
            <div className="cp-steps">
              {buttons.map((b) => (
                <button
                  key={b.to}
                  type="button"
                  className={`cp-btn cp-btn--step cp-btn--${b.to}`}
                  data-testid={`step-${b.to}`}
                  disabled={!b.enabled}
                  onClick={() => (b.needs === 'none' ? void runStep(b, {}, order) : setForm(b))}
                >
                  {t(`phone.steps.${b.to}`)}
                </button>
              ))}
            </div>
          )}
        </section>
      )}
    </div>
  );
}
