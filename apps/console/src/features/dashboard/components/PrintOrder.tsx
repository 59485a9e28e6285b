import { EmptyState, ErrorBox, formatDateTime, Spinner, useClientConfig } from '@gd/web';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { TicketPhotos } from '../../tickets/components/TicketPhotos.js';
import { useOrderHistory } from '../api/get-order-history.js';
import '../dashboard.css';

const MILESTONES = [
  'createdAt',
  'dispatchedAt',
  'acknowledgedAt',
  'arrivedAt',
  'restoredAt',
  'completedAt',
  'closedAt',
] as const;

/** `/tickets/:id/print`: the order's history on paper (A4, print CSS hides the app's chrome). */
export function PrintOrderPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const { timeZone } = useClientConfig();
  const q = useOrderHistory(id);
  const dt = (iso: string | null) => formatDateTime(iso, timeZone);
  if (q.isLoading) return <Spinner />;
  if (q.error) return <ErrorBox error={q.error} onRetry={() => void q.refetch()} />;
  if (!q.data) return <EmptyState />;
  const { ticket, timeline } = q.data;
  return (
    <article className="print-order" data-testid="print-order">
      <div className="no-print gd-row">
        <Link to={`/tickets/${ticket.id}`}>← {t('print.back')}</Link>
        <button
          type="button"
          className="gd-primary"
          data-testid="print-button"
          onClick={() => window.print()}
        >
          {t('dashboard.print')}
        </button>
      </div>
      <header>
        <h1>
          {t('print.title')} · <span className="mono">{ticket.number}</span>
        </h1>
        <p className="muted">{t('print.printedAt', { at: dt(new Date().toISOString()) })}</p>
      </header>
      <table className="print-facts">
        <tbody>
          <tr>
            <th>{t('ticket.type')}</th>
            <td>{t(`ticketType.${ticket.type}`)}</td>
            <th>{t('ticket.status')}</th>
            <td>{t(`ticketStatus.${ticket.status}`)}</td>
          </tr>
          <tr>
            <th>{t('ticket.priority')}</th>
            <td>{t(`priority.${ticket.priority}`)}</td>
            <th>{t('ticket.zoneClass')}</th>
            <td>
              {ticket.zoneClass ? t(`zoneClass.${ticket.zoneClass}`) : '–'} {ticket.district ?? ''}
            </td>
          </tr>
          <tr>
            <th>{t('ticket.address')}</th>
            <td colSpan={3}>{ticket.address ?? '–'}</td>
          </tr>
          <tr>
            <th>{t('ticket.description')}</th>
            <td colSpan={3} className="pre">
              {ticket.description}
            </td>
          </tr>
          {MILESTONES.filter((k) => ticket[k]).map((k) => (
            <tr key={k}>
              <th>{t(`ticket.${k}`)}</th>
              <td colSpan={3}>{dt(ticket[k])}</td>
            </tr>
          ))}
          {ticket.report && (
            <tr>
              <th>{t('ticket.report')}</th>
              <td colSpan={3}>
                {ticket.report.cause}；{ticket.report.workDone}
                {ticket.report.materials ? `；${ticket.report.materials}` : ''}
              </td>
            </tr>
          )}
          {ticket.resolution && (
            <tr>
              <th>{t('ticket.resolution')}</th>
              <td colSpan={3}>{ticket.resolution}</td>
            </tr>
          )}
          <tr>
            <th>{t('ticket.urgeCount')}</th>
            <td>{ticket.urgeCount}</td>
            <th>{t('print.reopenCount')}</th>
            <td>{ticket.reopenCount}</td>
          </tr>
        </tbody>
      </table>
      <TicketPhotos ticketId={ticket.id} print />
      <h2>{t('print.timeline')}</h2>
      <table className="print-timeline">
        <tbody>
          {timeline.map((e, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: entries have no id and never reorder
            <tr key={`${e.at}-${i}`}>
              <td className="nowrap">{dt(e.at)}</td>
              <td>{t(`timeline.${e.kind}`, { defaultValue: e.kind })}</td>
              <td>
                {typeof e.data.to === 'string' ? t(`ticketStatus.${e.data.to}`) : ''}
                {typeof e.data.note === 'string' ? ` ${e.data.note}` : ''}
                {typeof e.data.satisfaction === 'string'
                  ? ` ${t(`callbacks.scale.${e.data.satisfaction}`)}`
                  : ''}
                {typeof e.data.comment === 'string' ? ` 「${e.data.comment}」` : ''}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </article>
  );
}
