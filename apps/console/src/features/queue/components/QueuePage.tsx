import { TICKET_STATUSES, TICKET_TYPES } from '@gd/domain';
import {
  EmptyState,
  ErrorBox,
  formatDateTime,
  formatPhone,
  Spinner,
  useAuth,
  useClientConfig,
  useNow,
} from '@gd/web';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { NotificationList } from '../../notifications/components/Notifications.js';
import { useStaffNames } from '../../staff/api/get-staff.js';
import { useTickets } from '../../tickets/api/get-tickets.js';
import { TicketClocks } from '../../tickets/components/TicketClocks.js';
import {
  type QueueName,
  type QueueSearch,
  queueFilter,
  queuesFor,
  searchQueue,
  sortQueue,
} from '../lib/queue.js';
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
  const sorted = useMemo(() => sortQueue(list.data?.items ?? [], Date.now()), [list.data, sortTick]);
  const [search, setSearch] = useState<QueueSearch>({ text: '', type: '', status: '' });
  const rows = useMemo(() => searchQueue(sorted, search), [sorted, search]);
  const filtered = rows.length !== sorted.length;

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
              {filtered
                ? t('queue.countFiltered', { n: rows.length, of: sorted.length })
                : list.data.total > list.data.items.length
                  ? t('queue.countMore', { n: list.data.items.length, total: list.data.total })
                  : t('queue.count', { n: rows.length, count: rows.length })}
            </span>
          )}
        </div>
        <div className="gd-row queue-search">
          <input
            type="search"
            aria-label={t('queue.search')}
            placeholder={t('queue.searchPlaceholder')}
            value={search.text}
            onChange={(e) => setSearch((s) => ({ ...s, text: e.target.value }))}
            data-testid="queue-search"
          />
          <select
            aria-label={t('ticket.type')}
            value={search.type}
            onChange={(e) => setSearch((s) => ({ ...s, type: e.target.value as QueueSearch['type'] }))}
            data-testid="queue-filter-type"
          >
            <option value="">{t('queue.allTypes')}</option>
            {TICKET_TYPES.map((ty) => (
              <option key={ty} value={ty}>
                {t(`ticketType.${ty}`)}
              </option>
            ))}
          </select>
          <select
            aria-label={t('ticket.status')}
            value={search.status}
            onChange={(e) => setSearch((s) => ({ ...s, status: e.target.value as QueueSearch['status'] }))}
            data-testid="queue-filter-status"
          >
            <option value="">{t('queue.allStatuses')}</option>
            {TICKET_STATUSES.map((st) => (
              <option key={st} value={st}>
                {t(`ticketStatus.${st}`)}
              </option>
            ))}
          </select>
        </div>
        {list.isLoading && <Spinner />}
        <ErrorBox error={list.error} onRetry={() => void list.refetch()} />
        {list.isSuccess && rows.length === 0 && (
          <EmptyState>{filtered ? t('queue.noMatch') : t('queue.empty')}</EmptyState>
        )}
        {rows.length > 0 && (
          <table className="queue-table" data-testid="queue-table">
            <thead>
              <tr>
                <th>{t('ticket.sla')}</th>
                <th>{t('ticket.number')}</th>
                <th>{t('ticket.type')}</th>
                <th>{t('ticket.status')}</th>
                <th>{t('ticket.priority')}</th>
                <th>{t('queue.customer')}</th>
                <th>{t('queue.address')}</th>
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
                  <td data-testid="queue-customer">
                    {ticket.customerName ?? <span className="muted">–</span>}
                    {ticket.customerPhone && <div className="muted">{formatPhone(ticket.customerPhone)}</div>}
                  </td>
                  <td className="addr" data-testid="queue-address">
                    {ticket.address ?? ticket.district ?? '–'}
                  </td>
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
