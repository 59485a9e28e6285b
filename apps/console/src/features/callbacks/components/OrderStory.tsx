import type { CallbackDetail } from '@gd/domain';
import { formatDateTime, formatPhone, useClientConfig } from '@gd/web';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { TimelineList } from '../../tickets/components/TimelineList.js';

/** Everything that happened to the order, beside the survey: facts, calls, crew report, timeline, earlier tries. */
export function OrderStory({ detail }: { detail: CallbackDetail }) {
  const { t } = useTranslation();
  const { timeZone } = useClientConfig();
  const dt = (iso: string | null | undefined) => formatDateTime(iso ?? null, timeZone);
  const tk = detail.ticket;
  return (
    <div className="stack" data-testid="callback-story">
      <section className="gd-card">
        <div className="gd-row gd-row--between">
          <h2>
            <Link to={`/tickets/${tk.id}`} data-testid="callback-ticket-link">
              {tk.number}
            </Link>{' '}
            <span className="muted">{t(`ticketType.${tk.type}`)}</span>
          </h2>
          <Link to={`/tickets/${tk.id}/print`} className="muted" data-testid="callback-print-link">
            {t('callbacks.print')}
          </Link>
        </div>
        <dl className="facts">
          <dt>{t('callbacks.customer')}</dt>
          <dd>
            {detail.customerName ?? '–'} <span className="mono">{formatPhone(detail.customerPhone)}</span>
          </dd>
          <dt>{t('ticket.address')}</dt>
          <dd>{detail.address ?? '–'}</dd>
          <dt>{t('ticket.description')}</dt>
          <dd className="pre">{tk.description}</dd>
          <dt>{t('ticket.status')}</dt>
          <dd>{t(`ticketStatus.${tk.status}`)}</dd>
          <dt>{t('callbacks.firstResponder')}</dt>
          <dd>{detail.firstResponderName ?? '–'}</dd>
          {detail.crewName && (
            <>
              <dt>{t('callbacks.crew')}</dt>
              <dd>{detail.crewName}</dd>
            </>
          )}
          <dt>{t('ticket.createdAt')}</dt>
          <dd>{dt(tk.createdAt)}</dd>
          {tk.arrivedAt && (
            <>
              <dt>{t('ticket.arrivedAt')}</dt>
              <dd>{dt(tk.arrivedAt)}</dd>
            </>
          )}
          <dt>{t('ticket.completedAt')}</dt>
          <dd>{dt(tk.completedAt)}</dd>
          {tk.report && (
            <>
              <dt>{t('callbacks.crewReport')}</dt>
              <dd data-testid="callback-report">
                {tk.report.cause}；{tk.report.workDone}
                {tk.report.materials ? `；${tk.report.materials}` : ''}
              </dd>
            </>
          )}
          {tk.resolution && (
            <>
              <dt>{t('ticket.resolution')}</dt>
              <dd>{tk.resolution}</dd>
            </>
          )}
        </dl>
      </section>
      <section className="gd-card" data-testid="callback-calls">
        <h3>{t('callbacks.calls')}</h3>
        {detail.calls.length === 0 ? (
          <p className="muted">{t('callbacks.noCalls')}</p>
        ) : (
          <ul className="plain">
            {detail.calls.map((c) => (
              <li key={c.id}>
                {dt(c.startedAt)} · {t(`channel.${c.channel}`)} ·{' '}
                <span className="mono">{formatPhone(c.phone)}</span>
                {c.notes ? ` · ${c.notes}` : ''}
              </li>
            ))}
          </ul>
        )}
      </section>
      {detail.history.length > 0 && (
        <section className="gd-card" data-testid="callback-history">
          <h3>{t('callbacks.history')}</h3>
          <ul className="plain">
            {detail.history.map((a) => (
              <li key={a.id}>
                {t('callbacks.attemptLine', {
                  at: dt(a.at),
                  who: a.agentName ?? '',
                  what: a.reached
                    ? `${a.satisfaction ? t(`callbacks.scale.${a.satisfaction}`) : ''}${a.resolved === false ? ` / ${t('callbacks.no')}${t('callbacks.resolved')}` : ''}`
                    : t('callbacks.notReached'),
                })}
                {a.comment ? ` —「${a.comment}」` : ''}
              </li>
            ))}
          </ul>
        </section>
      )}
      <section className="gd-card">
        <h3>{t('callbacks.timeline')}</h3>
        <TimelineList entries={detail.timeline} testId="callback-timeline" />
      </section>
    </div>
  );
}
