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

const MUTE_KEY = 'gd.notices.muteRoutine';

const Ctx = createContext<{
  notices: Notice[];
  clear: () => void;
  muted: boolean;
  setMuted: (m: boolean) => void;
}>({ notices: [], clear: () => undefined, muted: false, setMuted: () => undefined });

/**
 * Collects personal notices (`notification`) and SLA warnings/breaches of the user's own orders, keeps the last 50
 * and shows each new one as a toast for a few seconds.
 */
export function NotificationsProvider({ children }: { children: ReactNode }) {
  const { user } = useAuth();
  const { t } = useTranslation();
  const [notices, setNotices] = useState<Notice[]>([]);
  const [toasts, setToasts] = useState<Notice[]>([]);
  // Routine status changes muted: listed (greyed) but never popped up; the important ones always are.
  const [muted, setMutedState] = useState(() => localStorage.getItem(MUTE_KEY) === '1');
  const setMuted = useCallback((m: boolean) => {
    localStorage.setItem(MUTE_KEY, m ? '1' : '0');
    setMutedState(m);
  }, []);

  const push = useCallback(
    (n: Notice) => {
      setNotices((all) => (all.some((x) => x.id === n.id) ? all : keepNotices([n, ...all])));
      if (muted && !isImportant(n.kind)) return;
      setToasts((all) => [n, ...all.filter((x) => x.id !== n.id)].slice(0, 3));
    },
    [muted],
  );

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
    <Ctx.Provider value={{ notices, clear: () => setNotices([]), muted, setMuted }}>
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
  const { notices, clear, muted, setMuted } = useNotifications();
  const shown = muted ? notices.filter((n) => isImportant(n.kind)) : notices;
  const hidden = notices.length - shown.length;
  const { timeZone } = useClientConfig();
  return (
    <section className="gd-card notices" data-testid="notifications">
      <div className="gd-row gd-row--between">
        <h3>{t('queue.notifications')}</h3>
        <label className="inline">
          <input
            type="checkbox"
            checked={muted}
            onChange={(e) => setMuted(e.target.checked)}
            data-testid="notices-mute"
          />
          {t('notice.importantOnly')}
        </label>
        {notices.length > 0 && (
          <button type="button" onClick={clear}>
            {t('queue.clear')}
          </button>
        )}
      </div>
      {muted && hidden > 0 && (
        <p className="muted" data-testid="notices-hidden">
          {t('notice.hiddenRoutine', { n: hidden })}
        </p>
      )}
      {shown.length === 0 ? (
        <p className="muted">{t('queue.noNotifications')}</p>
      ) : (
        <ul>
          {shown.map((n) => (
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
