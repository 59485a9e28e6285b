import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from './api.js';
import { localizeApiMessage } from './apiMessages.js';

export function Spinner({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <div className="gd-spinner" role="status" aria-live="polite">
      <span className="gd-spinner__dot" aria-hidden="true" />
      {label ?? t('common.loading')}
    </div>
  );
}

/** Shows an error, with the API's per-field messages when it is an {@link ApiError}. */
export function ErrorBox({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t, i18n } = useTranslation();
  if (!error) return null;
  const messages =
    error instanceof ApiError
      ? error.status === 0
        ? [t('common.networkError')]
        : error.messages.map((m) => localizeApiMessage(m, t, i18n.language))
      : [error instanceof Error ? error.message : String(error)];
  return (
    <div className="gd-error" role="alert" data-testid="error-box">
      <strong>
        {error instanceof ApiError && error.status
          ? `${t(`common.status.${error.status}`, { defaultValue: t('common.error') })} (${error.status})`
          : t('common.error')}
      </strong>
      <ul>
        {messages.map((m) => (
          <li key={m}>{m}</li>
        ))}
      </ul>
      {onRetry && (
        <button type="button" onClick={onRetry}>
          {t('common.retry')}
        </button>
      )}
    </div>
  );
}

export function EmptyState({ children }: { children?: ReactNode }) {
  const { t } = useTranslation();
  return <div className="gd-empty">{children ?? t('common.empty')}</div>;
}

/**
 * `n / max` under a field the API limits, turning red near the limit, so an agent never learns of it from a 400.
 */
export function CharCount({ value, max }: { value: string; max: number }) {
  const n = [...value].length;
  return (
    <span
      className={`gd-charcount${n > max * 0.9 ? ' gd-charcount--near' : ''}`}
      data-testid="char-count"
      aria-live="polite"
    >
      {n} / {max}
    </span>
  );
}
