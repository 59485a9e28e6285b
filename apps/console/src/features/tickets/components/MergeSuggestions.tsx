import type { Ticket } from '@gd/domain';
import { ErrorBox, useAuth } from '@gd/web';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMergeCluster, useMergeSuggestions } from '../api/get-merge-suggestions.js';
import { canMerge } from '../lib/actions.js';

/**
 * Several fault orders from one area in a short window are most likely one fault: the system proposes their master
 * (the one furthest along) and merges the rest into it in one click.
 */
export function MergeSuggestions({ ticket }: { ticket: Ticket }) {
  const { t } = useTranslation();
  const { user } = useAuth();
  const q = useMergeSuggestions(ticket.id, ticket.type === 'fault_repair');
  const merge = useMergeCluster();
  const s = q.data;
  if (!s?.suggested || !s.masterId) return null;
  const master = s.tickets.find((o) => o.id === s.masterId);
  // The orders this user may merge (an order already on site stays where it is for a dispatcher to decide).
  const others = s.tickets.filter((o) => o.id !== s.masterId && user && canMerge(o, user.role));
  if (!master || others.length === 0) return null;
  return (
    <section className="gd-card stack merge-suggestion" data-testid="merge-suggestion">
      <h2>{t('ticket.mergeSuggestion')}</h2>
      <p>{t('ticket.mergeSuggestionText', { n: s.tickets.length, number: master.number })}</p>
      <ul>
        {s.tickets.map((o) => (
          <li key={o.id}>
            <Link to={`/tickets/${o.id}`}>{o.number}</Link> {o.address ?? ''}{' '}
            <span className="muted">
              {t(`ticketStatus.${o.status}`)}
              {o.id === master.id ? ` · ${t('ticket.parent')}` : ''}
            </span>
          </li>
        ))}
      </ul>
      <ErrorBox error={merge.error} />
      <button
        type="button"
        className="gd-primary"
        disabled={merge.isPending}
        onClick={() => merge.mutate({ masterId: master.id, ids: others.map((o) => o.id) })}
        data-testid="merge-suggestion-accept"
      >
        {t('ticket.mergeSuggestionAccept', { n: others.length, number: master.number })}
      </button>
    </section>
  );
}
