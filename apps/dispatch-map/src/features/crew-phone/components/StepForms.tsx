import type { CrewReport } from '@gd/domain';
import { PHOTO_MAX_PER_ORDER } from '@gd/domain';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type CrewButton, validateStep } from '../utils/crewActions';
import { resizePhoto } from '../utils/photos';
import {
  CAUSE_CATALOGUE,
  CAUSE_CLASSES,
  type CauseClass,
  causeText,
  MATERIALS,
  type MaterialId,
  materialsText,
  OTHER,
} from '../utils/report';

/** Asks what a step needs (a reason for manual arrival, the report for completion), then calls `onSubmit`. */
export function StepForm({
  step,
  onSubmit,
  onCancel,
}: {
  step: CrewButton;
  onSubmit: (input: { note?: string; report?: CrewReport; photos?: string[] }) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [workDone, setWorkDone] = useState('');
  const [causeClass, setCauseClass] = useState<CauseClass | typeof OTHER | ''>('');
  const [cause, setCause] = useState('');
  const [otherCause, setOtherCause] = useState('');
  const [quantities, setQuantities] = useState<Partial<Record<MaterialId, number>>>({});
  const [missing, setMissing] = useState<string[]>([]);
  const [photos, setPhotos] = useState<{ id: number; dataUrl: string }[]>([]);
  const [photoBusy, setPhotoBusy] = useState(0);
  const [photoError, setPhotoError] = useState(false);

  async function addPhotos(files: FileList | null) {
    const list = [...(files ?? [])].slice(0, PHOTO_MAX_PER_ORDER - photos.length);
    setPhotoError(false);
    setPhotoBusy((n) => n + list.length);
    for (const file of list) {
      try {
        const dataUrl = await resizePhoto(file);
        setPhotos((p) =>
          p.length < PHOTO_MAX_PER_ORDER ? [...p, { id: Date.now() + Math.random(), dataUrl }] : p,
        );
      } catch {
        setPhotoError(true); // not an image the phone can read
      } finally {
        setPhotoBusy((n) => n - 1);
      }
    }
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    if (step.needs === 'confirm') return onSubmit({});
    const report: CrewReport = {
      cause:
        causeText(
          causeClass === OTHER ? '' : causeClass,
          causeClass === OTHER ? OTHER : cause,
          otherCause,
          (c) => t(`phone.causeClasses.${c}`),
        ) ?? '',
      workDone,
      materials:
        materialsText(
          quantities,
          (id, n) => {
            const unit = MATERIALS.find((m) => m.id === id)!.unit;
            return t(`phone.materialQty.${unit}`, { name: t(`phone.materialNames.${id}`), n });
          },
          t('phone.materialsSep'),
        ) ?? '',
    };
    const v = validateStep(step, { reason, report });
    if (!v.ok) {
      setMissing(v.missing);
      return;
    }
    onSubmit({ note: v.note, report: v.report, photos: photos.map((p) => p.dataUrl) });
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
      {step.needs === 'confirm' && (
        <p className="cp-confirm" data-testid="confirm-restored">
          {t('phone.confirmRestored')}
        </p>
      )}
      {step.needs === 'report' && (
        <>
          <h3>{t('phone.report')}</h3>
          <fieldset className="cp-cause">
            <legend>
              {t('phone.cause')} {req('cause')}
            </legend>
            <label>
              {t('phone.causeClass')}
              <select
                data-testid="report-cause-class"
                value={causeClass}
                onChange={(e) => {
                  setCauseClass(e.target.value as CauseClass | typeof OTHER | '');
                  setCause('');
                }}
              >
                <option value="">{t('phone.causePick')}</option>
                {[...CAUSE_CLASSES, OTHER].map((c) => (
                  <option key={c} value={c}>
                    {t(`phone.causeClasses.${c}`)}
                  </option>
                ))}
              </select>
            </label>
            {causeClass && causeClass !== OTHER && (
              <div className="cp-choices" role="radiogroup" aria-label={t('phone.cause')}>
                {CAUSE_CATALOGUE[causeClass].map((c) => (
                  <label key={c} className="cp-choice">
                    <input
                      type="radio"
                      name="cause"
                      value={c}
                      checked={cause === c}
                      onChange={() => setCause(c)}
                      data-testid="report-cause-option"
                    />
                    {c}
                  </label>
                ))}
                <label className="cp-choice">
                  <input
                    type="radio"
                    name="cause"
                    checked={cause === OTHER}
                    onChange={() => setCause(OTHER)}
                  />
                  {t('phone.causeOther')}
                </label>
              </div>
            )}
            {(causeClass === OTHER || cause === OTHER) && (
              <input
                data-testid="report-cause-other"
                aria-label={t('phone.causeOtherText')}
                placeholder={t('phone.causeOtherText')}
                maxLength={200}
                value={otherCause}
                onChange={(e) => setOtherCause(e.target.value)}
              />
            )}
          </fieldset>
          <label>
            {t('phone.workDone')} {req('workDone')}
            <textarea
              data-testid="report-work-done"
              rows={3}
              maxLength={2000}
              value={workDone}
              onChange={(e) => setWorkDone(e.target.value)}
            />
          </label>
          <fieldset className="cp-materials">
            <legend>{t('phone.materials')}</legend>
            {MATERIALS.map((m) => (
              <label key={m.id} className="cp-material">
                <span>{t(`phone.materialNames.${m.id}`)}</span>
                <input
                  type="number"
                  inputMode="numeric"
                  min={0}
                  max={999}
                  step={1}
                  value={quantities[m.id] ?? ''}
                  placeholder="0"
                  data-testid={`report-material-${m.id}`}
                  onChange={(e) => {
                    const n = Math.max(0, Math.min(999, Math.floor(Number(e.target.value) || 0)));
                    setQuantities((q) => ({ ...q, [m.id]: n }));
                  }}
                />
                <span className="cp-unit">{t(`phone.materialUnit.${m.unit}`)}</span>
              </label>
            ))}
          </fieldset>
          <fieldset className="cp-photos">
            <legend>{t('phone.photos')}</legend>
            <p className="cp-unit cp-photo-hint">{t('phone.photosHint', { max: PHOTO_MAX_PER_ORDER })}</p>
            {photos.length > 0 && (
              <ul className="cp-thumbs" data-testid="report-photos">
                {photos.map((p, i) => (
                  <li key={p.id}>
                    <img src={p.dataUrl} alt={t('phone.photoN', { n: i + 1 })} data-testid="report-photo" />
                    <button
                      type="button"
                      className="cp-thumb-remove"
                      aria-label={t('phone.photoRemove', { n: i + 1 })}
                      data-testid="report-photo-remove"
                      onClick={() => setPhotos((all) => all.filter((x) => x.id !== p.id))}
                    >
                      ×
                    </button>
                  </li>
                ))}
              </ul>
            )}
            {photoBusy > 0 && <p className="cp-unit">{t('phone.photoResizing')}</p>}
            {photoError && (
              <p className="cp-required" role="alert">
                {t('phone.photoUnreadable')}
              </p>
            )}
            {photos.length < PHOTO_MAX_PER_ORDER && (
              <label className="cp-btn cp-btn--link cp-photo-add">
                {t('phone.photoAdd')}
                <input
                  type="file"
                  accept="image/*"
                  capture="environment"
                  multiple
                  hidden
                  data-testid="report-photo-input"
                  onChange={(e) => {
                    void addPhotos(e.target.files);
                    e.target.value = '';
                  }}
                />
              </label>
            )}
          </fieldset>
        </>
      )}
      <div className="cp-form__buttons">
        <button type="button" className="cp-btn" onClick={onCancel}>
          {t('phone.cancel')}
        </button>
        <button
          type="submit"
          className="cp-btn cp-btn--primary"
          data-testid="step-submit"
          disabled={photoBusy > 0}
        >
          {step.needs === 'confirm' ? t('phone.confirmRestoredYes') : t('phone.submit')}
        </button>
      </div>
    </form>
  );
}
