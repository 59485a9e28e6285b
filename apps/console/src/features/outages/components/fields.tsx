import { useTranslation } from 'react-i18next';

/** Radii a dispatcher picks an outage's area by (km): a building's block up to a feeder's reach. */
export const OUTAGE_RADII_KM = [0.3, 0.5, 1, 2, 5] as const;

export function RadiusSelect({
  value,
  onChange,
  testId,
}: {
  value: number;
  onChange: (km: number) => void;
  testId: string;
}) {
  const { t } = useTranslation();
  return (
    <label>
      {t('outages.radius')}
      <select value={value} onChange={(e) => onChange(Number(e.target.value))} data-testid={testId}>
        {OUTAGE_RADII_KM.map((r) => (
          <option key={r} value={r}>
            {t('outages.km', { n: r })}
          </option>
        ))}
      </select>
    </label>
  );
}

/** A wall time in the business time zone (see fromDateTimeLocal), required. */
export function DateTimeField({
  label,
  value,
  onChange,
  testId,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  testId: string;
}) {
  return (
    <label>
      {label}
      <input
        type="datetime-local"
        required
        value={value}
        onChange={(e) => onChange(e.target.value)}
        data-testid={testId}
      />
    </label>
  );
}

/** An outage's description as callers will hear it read out, required; and, beneath, why the form was refused. */
export function DescriptionField({
  value,
  onChange,
  placeholder,
  testId,
  problem,
}: {
  value: string;
  onChange: (value: string) => void;
  placeholder?: string;
  testId?: string;
  problem: string | null;
}) {
  const { t } = useTranslation();
  return (
    <>
      <label>
        {t('outages.description')}
        <textarea
          required
          rows={2}
          maxLength={2000}
          placeholder={placeholder}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          data-testid={testId}
        />
      </label>
      {problem && (
        <p className="gd-error" role="alert">
          {problem}
        </p>
      )}
    </>
  );
}
