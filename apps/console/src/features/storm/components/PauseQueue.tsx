import type { SlaPauseRequest } from '@gd/domain';
import { EmptyState, ErrorBox, formatDateTime, SlaBadge, Spinner, useClientConfig, useNow } from '@gd/web';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import {
  useApprovePauseRequest,
  usePendingPauseRequests,
  useRefusePauseRequest,
} from '../api/pause-requests.js';

/** The supervisors' queue of SLA pause requests, oldest first: approve (the clock pauses) or refuse with a reason. */
export function PauseQueue() {
  const { t } = useTranslation();
  const q = usePendingPauseRequests();
  return (
    <section className="gd-card" data-testid="pause-queue">
      <h2>
        {t('storm.pauseQueue')}{' '}
        {q.data && q.data.length > 0 && <span className="storm-count">{q.data.length}</span>}
      </h2>
      <p className="muted">{t('storm.pauseQueueHint')}</p>
      {q.isLoading && <Spinner />}
      <ErrorBox error={q.error} onRetry={() => void q.refetch()} />
      {q.data && q.data.length === 0 && <EmptyState>{t('storm.noRequests')}</EmptyState>}
      {q.data && q.data.length > 0 && (
        <table className="gd-table" data-testid="pause-queue-table">
          <thead>
            <tr>
              <th>{t('storm.order')}</th>
              <th>{t('storm.clock')}</th>
              <th>{t('storm.reason')}</th>
              <th>{t('storm.requestedBy')}</th>
              <th>{t('storm.clockNow')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {q.data.map((r) => (
              <RequestRow key={r.id} request={r} />
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function RequestRow({ request: r }: { request: SlaPauseRequest }) {
  const { t } = useTranslation();
  const { timeZone } = useClientConfig();
  const now = useNow(1000);
  const approve = useApprovePauseRequest();
  const refuse = useRefusePauseRequest();
  const [refusing, setRefusing] = useState(false);
  const [why, setWhy] = useState('');
  const busy = approve.isPending || refuse.isPending;
  return (
    <tr data-testid="pause-request-row" data-request-id={r.id} data-ticket-id={r.ticketId}>
      <td>
        <Link to={`/tickets/${r.ticketId}`}>{r.number}</Link>
      </td>
      <td>{t(`sla.${r.clock}`)}</td>
      <td>
        {t(`pauseReason.${r.reason}`)}
        {r.note && <div className="muted small">{r.note}</div>}
      </td>
      <td>
        {r.requestedBy.displayName} <span className="muted small">{t(`role.${r.requestedBy.role}`)}</span>
        <div className="muted small">{formatDateTime(r.requestedAt, timeZone)}</div>
      </td>
      <td>{r.clockNow ? <SlaBadge kind={r.clock} clock={r.clockNow} now={now} /> : '–'}</td>
      <td>
        {refusing ? (
          <form
            className="gd-row"
            onSubmit={(e) => {
              e.preventDefault();
              if (why.trim()) refuse.mutate({ id: r.id, reason: why.trim() });
            }}
          >
            <input
              value={why}
              onChange={(e) => setWhy(e.target.value)}
              placeholder={t('storm.refuseReasonPlaceholder')}
              maxLength={500}
              required
              aria-label={t('storm.refuseReason')}
              data-testid="pause-refuse-reason"
            />
            <button type="submit" disabled={busy} data-testid="pause-refuse-confirm">
              {t('storm.refuseConfirm')}
            </button>
            <button type="button" onClick={() => setRefusing(false)}>
              {t('common.cancel')}
            </button>
          </form>
        ) : (
          <span className="gd-row">
            <button
              type="button"
              className="gd-primary"
              disabled={busy}
              onClick={() => approve.mutate(r.id)}
              data-testid="pause-approve"
            >
              {t('storm.approve')}
            </button>
            <button
              type="button"
              disabled={busy}
              onClick={() => setRefusing(true)}
              data-testid="pause-refuse"
            >
              {t('storm.refuse')}
            </button>
          </span>
        )}
        <ErrorBox error={approve.error ?? refuse.error} />
      </td>
    </tr>
  );
}
