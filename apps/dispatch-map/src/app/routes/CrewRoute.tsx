import { LanguageSwitch, useAuth, useClientConfig } from '@gd/web';
import { useTranslation } from 'react-i18next';
import { CrewPhoneView } from '../../features/crew-phone/components/CrewPhoneView';

/** `/map/crew`: the crew member's phone screen. */
export function CrewRoute() {
  const { t } = useTranslation();
  const { user, logout } = useAuth();
  const { timeZone } = useClientConfig();
  return (
    <div className="cp-app">
      <header className="cp-header">
        <h1>{t('phone.title')}</h1>
        <span className="cp-user">{user?.displayName}</span>
        <LanguageSwitch />
        <button type="button" onClick={logout} data-testid="sign-out">
          {t('auth.signOut')}
        </button>
      </header>
      {user?.crewId ? (
        <CrewPhoneView crewId={user.crewId} timeZone={timeZone} />
      ) : (
        <p className="cp-empty">{t('phone.crewMissing')}</p>
      )}
    </div>
  );
}
