import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from './api.js';
import { useAuth } from './auth.js';
import { useClientConfig } from './clientConfig.js';
import { LanguageSwitch } from './i18n.js';
import { ErrorBox } from './ui.js';

export function LoginPage({ title }: { title?: string }) {
  const { t } = useTranslation();
  const { login } = useAuth();
  const { config } = useClientConfig();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const usernameRef = useRef<HTMLInputElement>(null);
  useEffect(() => usernameRef.current?.focus(), []);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await login(username.trim(), password);
    } catch (err) {
      setError(err instanceof ApiError && err.status === 401 ? new ApiError(401, [t('login.failed')]) : err);
      setBusy(false);
    }
  }

  return (
    <div className="gd-center">
      <form className="gd-card gd-login" onSubmit={onSubmit} data-testid="login-form">
        <div className="gd-row gd-row--between">
          <h1>{title ?? t('app.name')}</h1>
          <LanguageSwitch />
        </div>
        <h2>{t('login.title')}</h2>
        <label>
          {t('login.username')}
          <input
            name="username"
            data-testid="login-username"
            autoComplete="username"
            ref={usernameRef}
            required
            value={username}
            onChange={(e) => setUsername(e.target.value)}
          />
        </label>
        <label>
          {t('login.password')}
          <input
            name="password"
            type="password"
            data-testid="login-password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        <ErrorBox error={error} />
        <button type="submit" className="gd-primary" data-testid="login-submit" disabled={busy}>
          {busy ? t('login.submitting') : t('login.submit')}
        </button>
        {config?.demo && (
          <p className="gd-hint" data-testid="demo-hint">
            {t('login.demoHint')}
          </p>
        )}
      </form>
    </div>
  );
}
