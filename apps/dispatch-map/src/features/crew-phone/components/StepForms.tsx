import type { CrewReport } from '@gd/domain';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type CrewButton, validateStep } from '../utils/crewActions';

/** Asks what a step needs (a reason for manual arrival, the report for completion), then calls `onSubmit`. */
export function StepForm({
  step,
  onSubmit,
  onCancel,
}: {
  step: CrewButton;
  onSubmit: (input: { note?: string; report?: CrewReport }) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [report, setReport] = useState<CrewReport>({ cause: '', workDone: '', materials: '' });
  const [missing, setMissing] = useState<string[]>([]);

  function submit(e: FormEvent) {
    e.preventDefault();
    const v = validateStep(step, { reason, report });
    if (!v.ok) {
      setMissing(v.missing);
      return;
    }
    onSubmit({ note: v.note, report: v.report });
  }

  const req = (field: string) =>
    missing.includes(field) ? (
      <span className="cp-required" role="alert">
        {t('phone.required')}
      </span>
    ) : null;

  return (
    <form className="cp-form" onSubmit={submit} data-testid={`step-form-${step.to}`}>
      {step.needs === 'reason' && (
        <label>
          {t('phone.reason')} {req('reason')}
          <textarea
            data-testid="arrival-reason"
            rows={3}
            placeholder={t('phone.reasonPlaceholder')}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
        </label>
      )}
      {step.needs === 'report' && (
        <>
          <h3>{t('phone.report')}</h3>
          <label>
            {t('phone.cause')} {req('cause')}
            <textarea
              data-testid="report-cause"
              rows={2}
              value={report.cause}
              onChange={(e) => setReport({ ...report, cause: e.target.value })}
            />
          </label>
          <label>
            {t('phone.workDone')} {req('workDone')}
            <textarea
              data-testid="report-work-done"
              rows={3}
              value={report.workDone}
              onChange={(e) => setReport({ ...report, workDone: e.target.value })}
            />
          </label>
          <label>
            {t('phone.materials')}
            <textarea
              data-testid="report-materials"
              rows={2}
              value={report.materials}
              onChange={(e) => setReport({ ...report, materials: e.target.value })}
            />
          </label>
        </>
      )}
      <div className="cp-form__buttons">
        <button type="button" className="cp-btn" onClick={onCancel}>
          {t('phone.cancel')}
        </button>
        <button type="submit" className="cp-btn cp-btn--primary" data-testid="step-submit">
          {t('phone.submit')}
        </button>
      </div>
    </form>
  );
}
