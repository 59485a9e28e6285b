import { EmptyState, ErrorBox, formatDateTime, Spinner, useAuth, useClientConfig, useNow } from '@gd/web';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { NotificationList } from '../../notifications/components/Notifications.js';
import { useStaffNames } from '../../staff/api/get-staff.js';
import { useTickets } from '../../tickets/api/get-tickets.js';
import { TicketClocks } from '../../tickets/components/TicketClocks.js';
import { type QueueName, queueFilter, queuesFor, sortQueue } from '../lib/queue.js';
import { MyFigures } from './MyFigures.js';

export function QueuePage() {
  const { t } = useTranslation();
  const { user } = useAuth();
  const [params, setParams] = useSearchParams();
  const requested = params.get('q') as QueueName | null;
  const fallback: QueueName = user?.role === 'agent' ? 'mine' : 'open';
  const queues = queuesFor(user);
  const queue: QueueName = requested && queues.includes(requested) ? requested : fallback;
  const list = useTickets(queueFilter(queue, user?.id ?? ''), Boolean(user));
  const now = useNow();
  const { timeZone } = useClientConfig();
  const names = useStaffNames();
  const navigate = useNavigate();
  // Re-sort each 10 s, not every tick, so rows do not jump under the pointer.
  const sortTick = Math.floor(now / 10_000);
  // biome-ignore lint/correctness/useExhaustiveDependencies: sortTick drives the re-sort
  const rows = useMemo(() => sortQueue(list.data?.items ?? [], Date.now()), [list.data, sortTick]);

  return (
    <div className="queue-page">
      <div className="col-main">
        <div className="tabs" role="tablist">
          {queues.map((q) => (
            <button
              type="button"
              role="tab"
              key={q}
              aria-selected={q === queue}
              className={q === queue ? 'tab active' : 'tab'}
              data-testid={`queue-tab-${q}`}
              onClick={() => setParams({ q })}
            >
              {t(`queue.${q}`)}
            </button>
          ))}
          {list.data && (
            <span className="muted" data-testid="queue-count">
              {list.data.total > list.data.items.length
                ? t('queue.countMore', { n: list.data.items.length, total: list.data.total })
                : t('queue.count', { n: rows.length })}
            </span>
          )}
        </div>
        {list.isLoading && <Spinner />}
        <ErrorBox error={list.error} onRetry={() => void list.refetch()} />
        {list.isSuccess && rows.length === 0 && <EmptyState>{t('queue.empty')}</EmptyState>}
        {rows.length > 0 && (
          <table className="queue-table" data-testid="queue-table">
            <thead>
              <tr>
                <th>{t('ticket.sla')}</th>
                <th>{t('ticket.number')}</th>
                <th>{t('ticket.type')}</th>
                <th>{t('ticket.status')}</th>
                <th>{t('ticket.priority')}</th>
                <th>{t('ticket.description')}</th>
                <th>{t('ticket.owner')}</th>
                <th>{t('ticket.createdAt')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map(({ ticket, urgent }) => (
                <tr
                  key={ticket.id}
                  data-testid="queue-row"
                  data-ticket-id={ticket.id}
                  className={`row--${urgent?.view.state ?? 'none'}`}
                  tabIndex={0}
                  onKeyDown={(e) => e.key === 'Enter' && navigate(`/tickets/${ticket.id}`)}
                >
                  <td>
                    <TicketClocks ticket={ticket} now={now} only={urgent?.kind as never} />
                  </td>
                  <td>
                    <Link to={`/tickets/${ticket.id}`}>{ticket.number}</Link>
                    {ticket.urgeCount > 0 && <span className="tag">催 {ticket.urgeCount}</span>}
                  </td>
                  <td>{t(`ticketType.${ticket.type}`)}</td>
                  <td>{t(`ticketStatus.${ticket.status}`)}</td>
                  <td className={`prio prio--${ticket.priority}`}>{t(`priority.${ticket.priority}`)}</td>
                  <td className="desc">{ticket.description}</td>
                  <td>{names(ticket.ownerId)}</td>
                  <td>{formatDateTime(ticket.createdAt, timeZone)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
      <aside className="col-side">
        {user?.role === 'agent' && <MyFigures />}
        <NotificationList />
      </aside>
    </div>
  );
}
