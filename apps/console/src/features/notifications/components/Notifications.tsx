import type { NotificationEvent, SlaEvent } from '@gd/domain';
import { formatDateTime, useAuth, useClientConfig, useSocketEvent } from '@gd/web';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { isImportant, keepNotices, noticeText } from '../lib/notice-text.js';

export interface Notice {
  id: string;
  ticketId: string | null;
  kind: string;
  message: string;
  at: string;
}

const Ctx = createContext<{ notices: Notice[]; clear: () => void }>({ notices: [], clear: () => undefined });

/**
 * Collects personal notices (`notification`) and SLA warnings/breaches of the user's own orders, keeps the last 50
 * and shows each new one as a toast for a few seconds.
 */
export function NotificationsProvider({ children }: { children: ReactNode }) {
  const { user } = useAuth();
  const { t } = useTranslation();
  const [notices, setNotices] = useState<Notice[]>([]);
  const [toasts, setToasts] = useState<Notice[]>([]);

  const push = useCallback((n: Notice) => {
    setNotices((all) => (all.some((x) => x.id === n.id) ? all : keepNotices([n, ...all])));
    setToasts((all) => [n, ...all.filter((x) => x.id !== n.id)].slice(0, 3));
  }, []);

  useSocketEvent('notification', (e: NotificationEvent) => {
    if (user && e.userId !== user.id) return;
    push({ id: e.id, ticketId: e.ticketId, kind: e.kind, message: e.message, at: e.at });
  });
  const onSla = (kind: 'warning' | 'breached') => (e: SlaEvent) => {
    if (!user || e.firstResponderId !== user.id) return;
    push({
      id: `${kind}-${e.id}`,
      ticketId: e.ticketId,
      kind: `sla.${kind}`,
      message: `${e.number} · ${t(`sla.${e.clock}`)} · ${t(`sla.${kind}`)}`,
      at: e.at,
    });
  };
  useSocketEvent('sla.warning', onSla('warning'));
  useSocketEvent('sla.breached', onSla('breached'));

  useEffect(() => {
    if (toasts.length === 0) return;
    const id = setTimeout(() => setToasts((all) => all.slice(0, -1)), 6000);
    return () => clearTimeout(id);
  }, [toasts]);

  return (
    <Ctx.Provider value={{ notices, clear: () => setNotices([]) }}>
      {children}
      <div className="toasts" aria-live="polite">
        {toasts.map((n) => (
          <div
            key={n.id}
            className={`toast toast--${n.kind.replace('.', '-')}${isImportant(n.kind) ? ' toast--important' : ''}`}
            data-testid="toast"
          >
            {n.ticketId ? (
              <Link to={`/tickets/${n.ticketId}`}>{noticeText(n.kind, n.message, t)}</Link>
            ) : (
              noticeText(n.kind, n.message, t)
            )}
          </div>
        ))}
      </div>
    </Ctx.Provider>
  );
}

export function useNotifications() {
  return useContext(Ctx);
}

export function NotificationList() {
  const { t } = useTranslation();
  const { notices, clear } = useNotifications();
  const { timeZone } = useClientConfig();
  return (
    <section className="gd-card notices" data-testid="notifications">
      <div className="gd-row gd-row--between">
        <h3>{t('queue.notifications')}</h3>
        {notices.length > 0 && (
          <button type="button" onClick={clear}>
            {t('queue.clear')}
          </button>
        )}
      </div>
      {notices.length === 0 ? (
        <p className="muted">{t('queue.noNotifications')}</p>
      ) : (
        <ul>
          {notices.map((n) => (
            <li key={n.id} className={isImportant(n.kind) ? 'notice--important' : undefined}>
              <span className="muted">{formatDateTime(n.at, timeZone)}</span>{' '}
              {isImportant(n.kind) && <strong className="tag">{t('notice.important')}</strong>}{' '}
              {n.ticketId ? (
                <Link to={`/tickets/${n.ticketId}`}>{noticeText(n.kind, n.message, t)}</Link>
              ) : (
                noticeText(n.kind, n.message, t)
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
