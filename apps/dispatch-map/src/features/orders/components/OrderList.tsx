import { SlaBadge, useNow } from '@gd/web';
import { useTranslation } from 'react-i18next';
import { ORDER_SLA_COLOR, type OrderRow } from '../utils/orders';

export const ORDER_LIST_LIMIT = 300;

/** Open orders, most urgent first (only the first few hundred are rendered; the map shows them all). */
export function OrderList({
  rows,
  selectedId,
  onSelect,
}: {
  rows: readonly OrderRow[];
  selectedId: string | null;
  onSelect: (row: OrderRow) => void;
}) {
  const { t } = useTranslation();
  const now = useNow(1000); // countdowns tick here, not in the whole screen
  const shown = rows.slice(0, ORDER_LIST_LIMIT);
  if (rows.length === 0) return <p className="dm-empty">{t('map.noOrders')}</p>;
  return (
    <>
      {rows.length > shown.length && (
        <p className="dm-muted">{t('map.showing', { shown: shown.length, total: rows.length })}</p>
      )}
      <ul className="dm-list" data-testid="order-list">
        {shown.map((row) => {
          const { ticket, sla } = row;
          const clock = sla.kind ? ticket.sla[sla.kind] : undefined;
          return (
            <li key={ticket.id}>
              <button
                type="button"
                className={`dm-row${ticket.id === selectedId ? ' dm-row--selected' : ''}`}
                style={{ borderLeftColor: ORDER_SLA_COLOR[sla.state] }}
                data-testid="order-row"
                data-ticket-id={ticket.id}
                data-sla-state={sla.state}
                onClick={() => onSelect(row)}
              >
                <span className="dm-row__main">
                  <strong>{ticket.number}</strong>
                  <span className="dm-tag">{t(`ticketType.${ticket.type}`)}</span>
                  <span className="dm-tag dm-tag--status">{t(`ticketStatus.${ticket.status}`)}</span>
                  {ticket.urgeCount > 0 && (
                    <span className="dm-tag dm-tag--urge">
                      {t('order.urged', { count: ticket.urgeCount })}
                    </span>
                  )}
                </span>
                <span className="dm-row__sub">
                  {ticket.district ?? ''} {ticket.address ?? ''}
                </span>
                {clock && sla.kind && <SlaBadge clock={clock} kind={sla.kind} now={now} />}
              </button>
            </li>
          );
        })}
      </ul>
    </>
  );
}
