import type { Role } from '@gd/domain';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from './auth.js';
import { LanguageSwitch } from './i18n.js';
import { LoginPage } from './LoginPage.js';

/** Children when signed in with one of `roles` (any role when omitted); the login page or a refusal otherwise. */
export function RequireAuth({ roles, children }: { roles?: readonly Role[]; children: ReactNode }) {
  const { user } = useAuth();
  if (!user) return <LoginPage />;
  if (roles && !roles.includes(user.role)) return <Forbidden role={user.role} />;
  return <>{children}</>;
}

function Forbidden({ role }: { role: Role }) {
  const { t } = useTranslation();
  const { logout } = useAuth();
  return (
    <div className="gd-center" data-testid="forbidden">
      <div className="gd-card">
        <h1>{t('auth.forbiddenTitle')}</h1>
        <p>{t('auth.forbidden', { role: t(`role.${role}`) })}</p>
        <div className="gd-row">
          <button type="button" onClick={logout}>
            {t('auth.signOut')}
          </button>
          <LanguageSwitch />
        </div>
      </div>
    </div>
  );
}
