import type { NotificationEvent, SlaEvent } from '@gd/domain';
import {
  formatDateTime,
  noticeIsImportant,
  noticeText,
  useAuth,
  useClientConfig,
  useSocketEvent,
} from '@gd/web';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

export interface Notice {
  id: string;
  ticketId: string | null;
  kind: string;
  params: Record<string, unknown> | null;
  message: string;
  at: string;
}

/** Notices that need action stay until cleared (up to this many); routine ones keep the newest few. */
const IMPORTANT_KEPT = 100;
const ROUTINE_KEPT = 50;
const MUTE_KEY = 'gd.muteRoutineNotices';

interface NoticesState {
  important: Notice[];
  routine: Notice[];
  muted: boolean;
  setMuted: (muted: boolean) => void;
  clear: () => void;
}

const Ctx = createContext<NoticesState>({
  important: [],
  routine: [],
  muted: false,
  setMuted: () => undefined,
  clear: () => undefined,
});

/**
 * Collects personal notices (`notification`) and SLA warnings/breaches of the user's own orders. Those that need
 * action (reopened, handed over, urged, dispatch alerts, SLA warnings and breaches) are kept apart, so a burst of
 * routine status changes never pushes them out unread; routine ones can be muted (no toast, folded in the list).
 */
export function NotificationsProvider({ children }: { children: ReactNode }) {
  const { user } = useAuth();
  const [important, setImportant] = useState<Notice[]>([]);
  const [routine, setRoutine] = useState<Notice[]>([]);
  const [toasts, setToasts] = useState<Notice[]>([]);
  const [muted, setMutedState] = useState(() => localStorage.getItem(MUTE_KEY) === '1');
  const setMuted = useCallback((m: boolean) => {
    localStorage.setItem(MUTE_KEY, m ? '1' : '0');
    setMutedState(m);
  }, []);

  const push = useCallback(
    (n: Notice) => {
      const add = (all: Notice[], keep: number) =>
        all.some((x) => x.id === n.id) ? all : [n, ...all].slice(0, keep);
      const needsAction = noticeIsImportant(n);
      if (needsAction) setImportant((all) => add(all, IMPORTANT_KEPT));
      else setRoutine((all) => add(all, ROUTINE_KEPT));
      if (needsAction || !muted) setToasts((all) => [n, ...all.filter((x) => x.id !== n.id)].slice(0, 3));
    },
    [muted],
  );

  useSocketEvent('notification', (e: NotificationEvent) => {
    if (user && e.userId !== user.id) return;
    push({
      id: e.id,
      ticketId: e.ticketId,
      kind: e.kind,
      params: e.params ?? null,
      message: e.message,
      at: e.at,
    });
  });
  const onSla = (kind: 'warning' | 'breached') => (e: SlaEvent) => {
    if (!user || e.firstResponderId !== user.id) return;
    push({
      id: `${kind}-${e.id}`,
      ticketId: e.ticketId,
      kind: `sla.${kind}`,
      params: { number: e.number, clock: e.clock, dueAt: e.dueAt },
      message: `${e.number} · ${e.clock} · ${kind}`,
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

  const clear = useCallback(() => {
    setImportant([]);
    setRoutine([]);
  }, []);

  return (
    <Ctx.Provider value={{ important, routine, muted, setMuted, clear }}>
      {children}
      <div className="toasts" aria-live="polite">
        {toasts.map((n) => (
          <NoticeToast key={n.id} notice={n} />
        ))}
      </div>
    </Ctx.Provider>
  );
}

function NoticeToast({ notice }: { notice: Notice }) {
  const { t } = useTranslation();
  const { timeZone } = useClientConfig();
  const text = noticeText(t, notice, timeZone);
  return (
    <div
      className={`toast toast--${notice.kind.replace('.', '-')}${noticeIsImportant(notice) ? ' toast--important' : ''}`}
      data-testid="toast"
    >
      {notice.ticketId ? <Link to={`/tickets/${notice.ticketId}`}>{text}</Link> : text}
    </div>
  );
}

export function useNotifications() {
  return useContext(Ctx);
}

export function NotificationList() {
  const { t } = useTranslation();
  const { important, routine, muted, setMuted, clear } = useNotifications();
  const { timeZone } = useClientConfig();
  const item = (n: Notice) => {
    const text = noticeText(t, n, timeZone);
    return (
      <li key={n.id} className={noticeIsImportant(n) ? 'notice--important' : undefined}>
        <span className="muted">{formatDateTime(n.at, timeZone)}</span>{' '}
        {n.ticketId ? <Link to={`/tickets/${n.ticketId}`}>{text}</Link> : text}
      </li>
    );
  };
  return (
    <section className="gd-card notices" data-testid="notifications">
      <div className="gd-row gd-row--between">
        <h3>{t('queue.notifications')}</h3>
        <label className="muted">
          <input
            type="checkbox"
            checked={muted}
            onChange={(e) => setMuted(e.target.checked)}
            data-testid="notices-mute"
          />{' '}
          {t('queue.muteRoutine')}
        </label>
        {important.length + routine.length > 0 && (
          <button type="button" onClick={clear}>
            {t('queue.clear')}
          </button>
        )}
      </div>
      {important.length + routine.length === 0 && <p className="muted">{t('queue.noNotifications')}</p>}
      {important.length > 0 && (
        <>
          <h4>{t('queue.needsAction')}</h4>
          <ul data-testid="notices-important">{important.map(item)}</ul>
        </>
      )}
      {routine.length > 0 &&
        (muted ? (
          <p className="muted">{t('queue.routineMuted', { count: routine.length })}</p>
        ) : (
          <>
            <h4>{t('queue.routine')}</h4>
            <ul data-testid="notices-routine">{routine.map(item)}</ul>
          </>
        ))}
    </section>
  );
}
