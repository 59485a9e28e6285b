import { EmptyState, ErrorBox, formatDateTime, Spinner, useClientConfig } from '@gd/web';
import { useTranslation } from 'react-i18next';
import { type MessagesFilter, useMessages } from '../api/get-messages.js';
import { summary, wordsFor } from '../lib/labels.js';
import './messages.css';

/**
 * 短信/消息: what the customer was told about an order (or, on the customer's card, about anything), when, and
 * whether it went, so an agent sees at a glance that the customer already knows.
 */
export function MessagesPanel({ filter, compact = false }: { filter: MessagesFilter; compact?: boolean }) {
  const { i18n } = useTranslation();
  const w = wordsFor(i18n.language);
  const { timeZone } = useClientConfig();
  const q = useMessages(filter);
  // Only a list is a list (a proxy's error page or an older API must not take the call screen down with it).
  const all = Array.isArray(q.data) ? q.data : [];
  const list = compact ? all.slice(0, 3) : all;
  const Heading = compact ? 'h3' : 'h2';
  return (
    <section
      className={compact ? 'gd-messages gd-messages--compact' : 'gd-card gd-messages'}
      data-testid="messages"
    >
      <Heading>
        {w.title}
        {Array.isArray(q.data) && (
          <span className="muted gd-messages__summary" data-testid="messages-summary">
            {' · '}
            {summary(w, all)}
          </span>
        )}
      </Heading>
      {q.isLoading && <Spinner />}
      <ErrorBox error={q.error} onRetry={() => void q.refetch()} />
      {Array.isArray(q.data) && all.length === 0 && !compact && <EmptyState />}
      {list.length > 0 && (
        <ol className="gd-messages__list">
          {list.map((m) => (
            <li key={m.id} data-status={m.status}>
              <span className={`gd-messages__status gd-messages__status--${m.status}`}>
                {w.status[m.status]}
              </span>
              <span className="gd-messages__what">{w.template[m.template] ?? m.template}</span>
              <time dateTime={m.sentAt ?? m.createdAt}>
                {formatDateTime(m.sentAt ?? m.createdAt, timeZone)}
              </time>
              {!compact && <span className="gd-messages__text">{m.text}</span>}
              {m.heldUntil ? (
                <span className="muted" data-testid="message-held">
                  {w.quiet.replace('{t}', formatDateTime(m.heldUntil, timeZone))}
                </span>
              ) : (
                m.status === 'queued' &&
                m.nextAttemptAt &&
                new Date(m.nextAttemptAt) > new Date() && (
                  <span className="muted">
                    {w.held.replace('{t}', formatDateTime(m.nextAttemptAt, timeZone))}
                  </span>
                )
              )}
              {m.error && <span className="gd-messages__error">{m.error}</span>}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
