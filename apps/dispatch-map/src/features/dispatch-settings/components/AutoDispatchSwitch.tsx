import { ApiError } from '@gd/web';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDispatchSettings } from '../api/get-dispatch-settings';
import { useUpdateDispatchSettings } from '../api/update-dispatch-settings';

/** The auto-dispatch switch (`GET/PUT /api/dispatch/settings`); says so plainly when the route is missing. */
export function AutoDispatchSwitch({ canChange }: { canChange: boolean }) {
  const { t } = useTranslation();
  const settings = useDispatchSettings();
  const update = useUpdateDispatchSettings();
  // Shown at once on click; back to the server's value when the save fails.
  const [optimistic, setOptimistic] = useState<boolean | null>(null);
  const on = optimistic ?? settings.data?.autoDispatch ?? false;
  const error = update.error ?? settings.error;
  const message =
    error instanceof ApiError && (error.status === 404 || error.status === 405)
      ? `${t('autoDispatch.unavailable')} (${error.status})`
      : error
        ? `${update.error ? t('autoDispatch.failed') : t('autoDispatch.unavailable')}: ${(error as Error).message}`
        : null;
  return (
    <div className="dm-switch" data-testid="auto-dispatch">
      <label className={`dm-toggle${on ? ' dm-toggle--on' : ''}`}>
        <input
          type="checkbox"
          role="switch"
          aria-checked={on}
          data-testid="auto-dispatch-switch"
          checked={on}
          disabled={!canChange || !settings.data}
          onChange={(e) => {
            setOptimistic(e.target.checked);
            update.mutate({ autoDispatch: e.target.checked }, { onSettled: () => setOptimistic(null) });
          }}
        />
        <span>
          {t('autoDispatch.label')}: <strong>{on ? t('autoDispatch.on') : t('autoDispatch.off')}</strong>
        </span>
      </label>
      {message && (
        <span className="dm-switch__error" role="alert" data-testid="auto-dispatch-error">
          {message}
        </span>
      )}
    </div>
  );
}
