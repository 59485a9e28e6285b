import { type Action, can } from '@gd/domain';
import { LanguageSwitch, useAuth, useSocketConnected } from '@gd/web';
import { useTranslation } from 'react-i18next';
import { NavLink, Outlet } from 'react-router';
import { NotificationsProvider } from '../features/notifications/components/Notifications.js';
import { useLiveTickets } from '../features/queue/hooks/useLiveTickets.js';
import { OrderLookup } from '../features/tickets/components/OrderLookup.js';

interface NavItem {
  to: string;
  label: string;
  /** Shown to the roles that may do this (the permission table in @gd/domain), as the route's guard is. */
  action: Action;
  external?: boolean;
}

export const NAV: readonly NavItem[] = [
  { to: '/', label: 'nav.call', action: 'screen.call' },
  { to: '/queue', label: 'nav.queue', action: 'screen.queue' },
  { to: '/callbacks', label: 'nav.callbacks', action: 'callback.read' },
  { to: '/outage-notices', label: 'nav.outages', action: 'outage.publish' },
  { to: '/dashboard', label: 'nav.dashboard', action: 'dashboard.read' },
  { to: '/storm', label: 'nav.storm', action: 'sla.emergency' },
  { to: '/audit', label: 'nav.audit', action: 'audit.read' },
  { to: '/admin/staff', label: 'nav.staff', action: 'staff.manage' },
  { to: '/admin/crews', label: 'nav.crews', action: 'crew.manage' },
  { to: '/map/', label: 'nav.map', action: 'screen.map', external: true },
];

export function Layout() {
  const { t } = useTranslation();
  const { user, logout } = useAuth();
  const live = useSocketConnected();
  useLiveTickets();
  if (!user) return null;
  return (
    <NotificationsProvider>
      <div className="shell">
        <header className="topbar">
          <strong className="brand">{t('app.name')}</strong>
          <nav>
            {NAV.filter((n) => can(user.role, n.action)).map((n) =>
              n.external ? (
                <a key={n.to} href={n.to}>
                  {t(n.label)}
                </a>
              ) : (
                <NavLink key={n.to} to={n.to} end data-testid={`nav-${n.to}`}>
                  {t(n.label)}
                </NavLink>
              ),
            )}
          </nav>
          <OrderLookup />
          <span className="spacer" />
          <span className={live ? 'live on' : 'live'} data-testid="socket-status">
            ● {live ? t('nav.live') : t('nav.offline')}
          </span>
          <span
            data-testid="current-user"
            title={t('auth.signedInAs', { name: user.displayName, role: t(`role.${user.role}`) })}
          >
            {t('auth.signedInAs', { name: user.displayName, role: t(`role.${user.role}`) })}
          </span>
          <LanguageSwitch />
          <button type="button" onClick={logout} data-testid="logout">
            {t('auth.signOut')}
          </button>
        </header>
        <main className="content">
          <Outlet />
        </main>
        {user.role === 'agent' && <footer className="hint-bar">{t('nav.shortcuts')}</footer>}
      </div>
    </NotificationsProvider>
  );
}
