import {
  type Customer,
  isOpenStatus,
  type Outage,
  type ScreenPop as Pop,
  type PopOrder,
  type Ticket,
} from '@gd/domain';
import { ErrorBox, formatDateTime, formatPhone, Spinner, useClientConfig, useNow } from '@gd/web';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useCustomer } from '../../customers/api/get-customer.js';
import { EditCustomer } from '../../customers/components/EditCustomer.js';
import { MessagesPanel } from '../../messages/components/MessagesPanel.js';
import { useActiveOutagesAt } from '../../outages/api/get-outages.js';
import { useUrgeTicket } from '../../tickets/api/urge-ticket.js';
import { TicketClocks } from '../../tickets/components/TicketClocks.js';

/** Red banners for known outages covering the caller, with the estimated restoration time. */
export function OutageBanners({ outages }: { outages: Outage[] }) {
  const { t } = useTranslation();
  const { timeZone } = useClientConfig();
  if (outages.length === 0) return null;
  return (
    <>
      {outages.map((o) => (
        <div key={o.id} className="outage-banner" role="alert" data-testid="outage-banner">
          <strong>
            {t(`call.outageKind.${o.kind}`)} · {t('call.outageBanner', { desc: o.description })}
          </strong>
          <span>
            {o.estimatedRestoreAt
              ? t('call.outageRestore', { at: formatDateTime(o.estimatedRestoreAt, timeZone) })
              : t('call.outageUnknownRestore')}
          </span>
        </div>
      ))}
    </>
  );
}

/**
 * What the agent sees once the call is open: the customer, their open orders (Alt+1…9 urges one; F4 the first)
 * and any known outage over their location. When the agent picks another customer than the one the call matched,
 * their orders and outages are fetched.
 */
export function ScreenPopPanel({
  pop,
  customer,
  onUrged,
  onCustomerChanged,
}: {
  pop: Pop;
  customer: Customer | null;
  onUrged: (t: Ticket) => void;
  onCustomerChanged: (c: Customer) => void;
}) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const now = useNow();
  const matched = customer !== null && customer.id === pop.customerId;
  const details = useCustomer(customer && !matched ? customer.id : null);
  const outagesQ = useActiveOutagesAt(customer && !matched ? customer.location : null);
  const { timeZone } = useClientConfig();
  const openTickets: PopOrder[] = matched
    ? pop.openTickets
    : (details.data?.recentOrders ?? []).filter((o) => isOpenStatus(o.status));
  const outages = matched || !customer ? pop.knownOutages : (outagesQ.data ?? []);
  const urge = useUrgeTicket();

  function doUrge(ticket: Ticket | undefined) {
    if (!ticket || urge.isPending) return;
    urge.mutate({ id: ticket.id, callId: pop.id }, { onSuccess: onUrged });
  }

  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      if (e.key === 'F4') {
        e.preventDefault();
        doUrge(openTickets[0]);
      } else if (e.altKey && /^[1-9]$/.test(e.key)) {
        e.preventDefault();
        doUrge(openTickets[Number(e.key) - 1]);
      }
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  return (
    <section className="gd-card screen-pop" data-testid="screen-pop">
      <OutageBanners outages={outages} />
      <div className="gd-row gd-row--between">
        <h2>
          {customer ? (
            <span data-testid="pop-customer">
              {customer.name} · {formatPhone(customer.phone)}
            </span>
          ) : (
            <span className="muted">{t('call.unknownCaller')}</span>
          )}
        </h2>
        <span className="muted">
          {t('call.callId')} {formatPhone(pop.phone)} · {t(`channel.${pop.channel}`)}
        </span>
      </div>
      {customer && editing && (
        <EditCustomer
          // A new form for each customer: nothing typed for one caller stays for the next.
          key={customer.id}
          customer={customer}
          onSaved={(c) => {
            setEditing(false);
            onCustomerChanged(c);
          }}
          onCancel={() => setEditing(false)}
        />
      )}
      {customer && !editing && (
        <dl className="facts">
          <dt>{t('call.account')}</dt>
          <dd>{customer.accountNo}</dd>
          <dt>{t('call.address')}</dt>
          <dd>
            {customer.address}{' '}
            <button
              type="button"
              className="gd-link"
              onClick={() => setEditing(true)}
              data-testid="edit-customer-open"
            >
              {t('customer.edit')}
            </button>
          </dd>
          <dt>{t('call.zone')}</dt>
          <dd>{t(`zoneClass.${customer.zoneClass}`)}</dd>
          {customer.tags.length > 0 && (
            <>
              <dt>{t('customerTag.tags')}</dt>
              <dd>
                {customer.tags.map((tag) => (
                  <span key={tag} className="tag">
                    {t(`customerTag.${tag}`, { defaultValue: tag })}
                  </span>
                ))}
              </dd>
            </>
          )}
        </dl>
      )}
      {customer && <MessagesPanel filter={{ customerId: customer.id }} compact />}
      <h3>{t('call.openOrders')}</h3>
      {(details.isLoading || outagesQ.isLoading) && <Spinner />}
      <ErrorBox error={details.error ?? outagesQ.error ?? urge.error} />
      {openTickets.length === 0 ? (
        <p className="muted">{t('call.noOpenOrders')}</p>
      ) : (
        <ol className="open-orders">
          {openTickets.map((o, i) => (
            <li key={o.id} className={i === 0 ? 'offered' : ''} data-testid="pop-open-order">
              <Link to={`/tickets/${o.id}`}>{o.number}</Link>
              <span>{t(`ticketType.${o.type}`)}</span>
              <span>{t(`ticketStatus.${o.status}`)}</span>
              <TicketClocks ticket={o} now={now} />
              <WhenTheyCome order={o} timeZone={timeZone} />
              {o.urgeCount > 0 && <span className="muted">{t('call.urged', { n: o.urgeCount })}</span>}
              <button
                type="button"
                data-testid="urge-button"
                onClick={() => doUrge(o)}
                disabled={urge.isPending}
              >
                {t('call.urge')} <kbd>{i === 0 ? 'F4' : `Alt+${i + 1}`}</kbd>
              </button>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

/** The crew on the order and when they come (or came), and when power should be back: the caller's first question. */
function WhenTheyCome({ order, timeZone }: { order: PopOrder; timeZone: string }) {
  const { t } = useTranslation();
  const crew = order.crew;
  const arrived = crew?.arrivedAt ?? order.arrivedAt;
  return (
    <span className="when-they-come" data-testid="pop-order-crew">
      {crew ? (
        <>
          <strong>{crew.name}</strong>{' '}
          {arrived
            ? t('call.crewArrived', { at: formatDateTime(arrived, timeZone) })
            : crew.etaAt
              ? t('call.crewEta', { at: formatDateTime(crew.etaAt, timeZone) })
              : t('call.crewNoEta')}
        </>
      ) : order.crewId === null && order.type === 'fault_repair' ? (
        <span className="muted">{t('call.noCrewYet')}</span>
      ) : null}
      {order.estimatedRestoreAt && (
        <span data-testid="pop-order-restore">
          {' · '}
          {t('call.restoreBy', { at: formatDateTime(order.estimatedRestoreAt, timeZone) })}
        </span>
      )}
    </span>
  );
}
