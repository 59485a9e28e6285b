import type { Role } from '@gd/domain';
import { LanguageSwitch, useAuth, useSocketConnected } from '@gd/web';
import { useTranslation } from 'react-i18next';
import { NavLink, Outlet } from 'react-router';
import { NotificationsProvider } from '../features/notifications/components/Notifications.js';
import { OUTAGE_ROLES } from '../features/outages/roles.js';
import { useLiveTickets } from '../features/queue/hooks/useLiveTickets.js';
import { OrderLookup } from '../features/tickets/components/OrderLookup.js';

interface NavItem {
  to: string;
  label: string;
  roles: readonly Role[];
  external?: boolean;
}

/** Navigation by role; QA and dashboard screens slot in here later. */
export const NAV: readonly NavItem[] = [
  { to: '/', label: 'nav.call', roles: ['agent'] },
  { to: '/queue', label: 'nav.queue', roles: ['agent', 'qa', 'dispatcher', 'supervisor', 'admin'] },
  { to: '/callbacks', label: 'nav.callbacks', roles: ['qa', 'supervisor', 'admin'] },
  { to: '/outages', label: 'nav.outages', roles: OUTAGE_ROLES },
  { to: '/dashboard', label: 'nav.dashboard', roles: ['supervisor', 'admin'] },
  { to: '/audit', label: 'nav.audit', roles: ['supervisor', 'admin'] },
  { to: '/admin/staff', label: 'nav.staff', roles: ['admin'] },
  { to: '/admin/crews', label: 'nav.crews', roles: ['admin'] },
  { to: '/map/', label: 'nav.map', roles: ['dispatcher', 'supervisor', 'admin'], external: true },
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
            {NAV.filter((n) => n.roles.includes(user.role)).map((n) =>
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
          <span data-testid="current-user">
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
