import type { CallbackListItem, Satisfaction } from '@gd/domain';
import { ErrorBox, formatDateTime, useClientConfig } from '@gd/web';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useRecordAttempt } from '../api/record-attempt.js';
import {
  EMPTY_SURVEY,
  SCALE,
  type SurveyState,
  surveyErrors,
  surveyKey,
  surveyOutcome,
  toAttemptInput,
} from '../lib/survey.js';

interface Props {
  callback: CallbackListItem;
  onNext: () => void;
  onPrev: () => void;
  /** What the survey did, for the page to show once this task has left the queue. */
  onSaved: (message: string) => void;
}

/** The survey, keyboard first: see `surveyKey` for the keys. */
export function SurveyForm({ callback, onNext, onPrev, onSaved }: Props) {
  const { t } = useTranslation();
  const { timeZone } = useClientConfig();
  const [state, setState] = useState<SurveyState>(EMPTY_SURVEY);
  const [showErrors, setShowErrors] = useState(false);
  const record = useRecordAttempt();
  const closed = callback.status !== 'due';

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new task starts a fresh form
  useEffect(() => {
    setState(EMPTY_SURVEY);
    setShowErrors(false);
    record.reset();
  }, [callback.id]);

  const submit = () => {
    if (closed || record.isPending) return;
    if (surveyErrors(state).length) {
      setShowErrors(true);
      return;
    }
    const predicted = surveyOutcome(state);
    record.mutate(
      { id: callback.id, ...toAttemptInput(state) },
      {
        onSuccess: (cb) => {
          const key =
            cb.status === 'unreachable'
              ? 'unreachable'
              : cb.status === 'due'
                ? 'retry'
                : (cb.outcome ?? predicted ?? 'resolved');
          onSaved(
            `${cb.ticketNumber}: ${t(`callbacks.saved.${key}`, { at: formatDateTime(cb.nextAttemptAt, timeZone) })}`,
          );
          setState(EMPTY_SURVEY);
          setShowErrors(false);
        },
      },
    );
  };

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      const typing =
        target &&
        (target.tagName === 'TEXTAREA' || target.tagName === 'INPUT' || target.tagName === 'SELECT');
      if (typing && !(e.key === 'Enter' && (e.ctrlKey || e.metaKey))) return;
      if (e.altKey) return;
      const r = surveyKey(state, e.key, e.ctrlKey || e.metaKey);
      if (r.kind === 'none') return;
      e.preventDefault();
      if (r.kind === 'next') onNext();
      else if (r.kind === 'prev') onPrev();
      else if (r.kind === 'submit') submit();
      else if (!closed) setState(r.state);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  const errors = surveyErrors(state);
  const outcome = surveyOutcome(state);
  const set = (patch: Partial<SurveyState>) => setState((s) => ({ ...s, ...patch }));

  const scaleRow = (field: 'satisfaction' | 'timeliness' | 'attitude', keys: string) => (
    <fieldset className="survey-scale" disabled={closed || state.reached === false}>
      <legend>
        {t(`callbacks.${field}`)} <span className="muted">({keys})</span>
      </legend>
      {SCALE.map((v: Satisfaction) => (
        <button
          type="button"
          key={v}
          aria-pressed={state[field] === v}
          className={state[field] === v ? 'choice on' : 'choice'}
          data-testid={`survey-${field}-${v}`}
          onClick={() => set({ reached: true, [field]: v })}
        >
          {t(`callbacks.scale.${v}`)}
        </button>
      ))}
    </fieldset>
  );

  return (
    <form
      className="gd-card survey-form"
      data-testid="survey-form"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <h2>{t('callbacks.survey')}</h2>
      <fieldset disabled={closed}>
        <legend>
          {t('callbacks.reached')} <span className="muted">(R / U)</span>
        </legend>
        <button
          type="button"
          aria-pressed={state.reached === true}
          className={state.reached === true ? 'choice on' : 'choice'}
          data-testid="survey-reached"
          onClick={() => set({ reached: true })}
        >
          {t('callbacks.reached')}
        </button>
        <button
          type="button"
          aria-pressed={state.reached === false}
          className={state.reached === false ? 'choice on' : 'choice'}
          data-testid="survey-unreachable"
          onClick={() =>
            set({ reached: false, resolved: null, satisfaction: null, timeliness: null, attitude: null })
          }
        >
          {t('callbacks.unreachable')}
        </button>
      </fieldset>
      <fieldset disabled={closed || state.reached === false}>
        <legend>
          {t('callbacks.resolved')} <span className="muted">(Y / N)</span>
        </legend>
        <button
          type="button"
          aria-pressed={state.resolved === true}
          className={state.resolved === true ? 'choice on' : 'choice'}
          data-testid="survey-resolved-yes"
          onClick={() => set({ reached: true, resolved: true })}
        >
          {t('callbacks.yes')}
        </button>
        <button
          type="button"
          aria-pressed={state.resolved === false}
          className={state.resolved === false ? 'choice on' : 'choice'}
          data-testid="survey-resolved-no"
          onClick={() => set({ reached: true, resolved: false })}
        >
          {t('callbacks.no')}
        </button>
      </fieldset>
      {scaleRow('satisfaction', '1 / 2 / 3')}
      {scaleRow('timeliness', 'Q / W / E')}
      {scaleRow('attitude', 'A / S / D')}
      <label>
        {t('callbacks.comment')}
        <textarea
          rows={3}
          value={state.comment}
          disabled={closed}
          data-testid="survey-comment"
          onChange={(e) => set({ comment: e.target.value })}
        />
      </label>
      {showErrors && errors.length > 0 && (
        <ul className="form-errors" data-testid="survey-errors">
          {errors.map((e) => (
            <li key={e}>{t(`callbacks.errors.${e}`)}</li>
          ))}
        </ul>
      )}
      {outcome && !closed && (
        <p
          className={outcome === 'reopened' ? 'survey-outcome warn' : 'survey-outcome'}
          data-testid="survey-outcome"
        >
          → {outcome === 'retry' ? t('callbacks.unreachable') : t(`callbacks.outcome.${outcome}`)}
        </p>
      )}
      <ErrorBox error={record.error} />
      <button
        type="submit"
        className="gd-primary"
        disabled={closed || record.isPending}
        data-testid="survey-submit"
      >
        {record.isPending ? t('callbacks.submitting') : t('callbacks.submit')}
      </button>
      <p className="muted small">{t('callbacks.keys')}</p>
    </form>
  );
}
