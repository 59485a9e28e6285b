import { can, type SlaEmergency } from '@gd/domain';
import {
  EmptyState,
  ErrorBox,
  formatDateTime,
  fromDateTimeLocal,
  Spinner,
  toDateTimeLocal,
  useAuth,
  useClientConfig,
  useNow,
  useZones,
} from '@gd/web';
import { type FormEvent, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DateTimeField } from '../../outages/components/fields.js';
import { useDeclareEmergency, useEmergencies, useEndEmergency } from '../api/emergencies.js';
import { emergencyPhase, splitEmergencies, windowProblem } from '../lib/storm.js';
import { PauseQueue } from './PauseQueue.js';
import '../storm.css';
import { ZonePicker } from './ZonePicker.js';

/** A new emergency's default window: from now, for six hours (a storm night). */
const DEFAULT_HOURS = 6;

/**
 * Supervisors on a storm night: the area emergencies in force and planned (end one early), the queue of SLA pause
 * requests from crews and dispatchers, and a new emergency declared for zones picked on the map or in the list.
 */
export function StormPage() {
  const { t } = useTranslation();
  const { user } = useAuth();
  return (
    <div className="stack storm" data-testid="storm-page">
      <h1>{t('storm.title')}</h1>
      {/* What needs a decision comes first: the emergencies in force and the requests waiting; then a new one. */}
      {can(user?.role, 'sla.emergency') && <Emergencies />}
      {can(user?.role, 'sla.pause-decide') && <PauseQueue />}
      {can(user?.role, 'sla.emergency') && <DeclareForm />}
    </div>
  );
}

function Emergencies() {
  const { t } = useTranslation();
  const q = useEmergencies();
  const now = useNow(15_000);
  const split = useMemo(() => splitEmergencies(q.data ?? [], now), [q.data, now]);
  const shown = [...split.inForce, ...split.planned];
  return (
    <section className="gd-card" data-testid="storm-emergencies">
      <h2>{t('storm.inForce')}</h2>
      {q.isLoading && <Spinner />}
      <ErrorBox error={q.error} onRetry={() => void q.refetch()} />
      {q.data && shown.length === 0 && <EmptyState>{t('storm.none')}</EmptyState>}
      {shown.length > 0 && (
        <table className="gd-table" data-testid="storm-emergency-table">
          <thead>
            <tr>
              <th>{t('storm.phase')}</th>
              <th>{t('storm.zones')}</th>
              <th>{t('storm.mode')}</th>
              <th>{t('storm.window')}</th>
              <th>{t('storm.reason')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {shown.map((e) => (
              <EmergencyRow key={e.id} emergency={e} now={now} />
            ))}
          </tbody>
        </table>
      )}
      {split.over.length > 0 && (
        <details className="storm-over">
          <summary>{t('storm.recentlyOver', { n: split.over.length })}</summary>
          <ul className="plain" data-testid="storm-over">
            {split.over.map((e) => (
              <li key={e.id}>
                <Window emergency={e} /> · <ZoneNames ids={e.zoneIds} /> · {e.reason}
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}

function Window({ emergency }: { emergency: SlaEmergency }) {
  const { timeZone } = useClientConfig();
  return (
    <>
      {formatDateTime(emergency.startsAt, timeZone)} – {formatDateTime(emergency.endsAt, timeZone)}
    </>
  );
}

function ZoneNames({ ids }: { ids: string[] }) {
  const zones = useZones();
  const names = new Map((zones.data?.features ?? []).map((f) => [f.properties.id, f.properties.name]));
  return <>{ids.map((id) => names.get(id) ?? id).join('、')}</>;
}

function EmergencyRow({ emergency, now }: { emergency: SlaEmergency; now: number }) {
  const { t } = useTranslation();
  const end = useEndEmergency();
  const [ending, setEnding] = useState(false);
  const [reason, setReason] = useState('');
  const phase = emergencyPhase(emergency, now);
  return (
    <tr data-testid="storm-emergency-row" data-emergency-id={emergency.id} data-phase={phase}>
      <td>
        <span className={`storm-phase storm-phase--${phase}`}>{t(`storm.phases.${phase}`)}</span>
      </td>
      <td>
        <ZoneNames ids={emergency.zoneIds} />
      </td>
      <td>{t(`storm.modes.${emergency.mode}`)}</td>
      <td>
        <Window emergency={emergency} />
      </td>
      <td>{emergency.reason}</td>
      <td>
        {ending ? (
          <form
            className="gd-row"
            onSubmit={(e) => {
              e.preventDefault();
              if (reason.trim()) end.mutate({ id: emergency.id, reason: reason.trim() });
            }}
          >
            <input
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              placeholder={t('storm.endReasonPlaceholder')}
              maxLength={500}
              required
              aria-label={t('storm.endReason')}
              data-testid="storm-end-reason"
            />
            <button
              type="submit"
              className="gd-primary"
              disabled={end.isPending}
              data-testid="storm-end-confirm"
            >
              {t('storm.endConfirm')}
            </button>
            <button type="button" onClick={() => setEnding(false)}>
              {t('common.cancel')}
            </button>
          </form>
        ) : (
          <button type="button" data-testid="storm-end" onClick={() => setEnding(true)}>
            {t(phase === 'planned' ? 'storm.cancelPlanned' : 'storm.end')}
          </button>
        )}
        <ErrorBox error={end.error} />
      </td>
    </tr>
  );
}

function DeclareForm() {
  const { t } = useTranslation();
  const { timeZone } = useClientConfig();
  const declare = useDeclareEmergency();
  const initial = () => {
    const now = Date.now();
    return {
      startsAt: toDateTimeLocal(new Date(now).toISOString(), timeZone),
      endsAt: toDateTimeLocal(new Date(now + DEFAULT_HOURS * 3_600_000).toISOString(), timeZone),
    };
  };
  const [zoneIds, setZoneIds] = useState<string[]>([]);
  const [window, setWindow] = useState(initial);
  const [mode, setMode] = useState<'pause' | 'exempt'>('pause');
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [declared, setDeclared] = useState<SlaEmergency | null>(null);

  function submit(e: FormEvent) {
    e.preventDefault();
    const from = fromDateTimeLocal(window.startsAt, timeZone);
    const to = fromDateTimeLocal(window.endsAt, timeZone);
    if (zoneIds.length === 0) return setProblem(t('storm.needZones'));
    const bad = windowProblem(from, to, Date.now());
    if (bad) return setProblem(t(`storm.problems.${bad}`));
    if (!reason.trim()) return setProblem(t('storm.needReason'));
    setProblem(null);
    declare.mutate(
      { zoneIds, startsAt: from!, endsAt: to!, mode, reason: reason.trim() },
      {
        onSuccess: (created) => {
          setDeclared(created);
          setZoneIds([]);
          setReason('');
          setWindow(initial());
        },
      },
    );
  }

  return (
    <form className="gd-card stack" onSubmit={submit} data-testid="storm-declare-form">
      <h2>{t('storm.declare')}</h2>
      <p className="muted">{t('storm.declareHint')}</p>
      {declared && (
        <p className="gd-hint" role="status" data-testid="storm-declared">
          {t('storm.declaredSummary', {
            n: declared.affectedClocks ?? 0,
            mode: t(`storm.modes.${declared.mode}`),
          })}
        </p>
      )}
      <ZonePicker selected={zoneIds} onChange={setZoneIds} />
      <div className="gd-row">
        <DateTimeField
          label={t('storm.startsAt')}
          value={window.startsAt}
          onChange={(v) => setWindow((w) => ({ ...w, startsAt: v }))}
          testId="storm-start"
        />
        <DateTimeField
          label={t('storm.endsAt')}
          value={window.endsAt}
          onChange={(v) => setWindow((w) => ({ ...w, endsAt: v }))}
          testId="storm-end-at"
        />
        <div role="radiogroup" aria-label={t('storm.mode')} className="gd-row">
          {(['pause', 'exempt'] as const).map((m) => (
            <label key={m} className="inline" title={t(`storm.modeHints.${m}`)}>
              <input
                type="radio"
                name="storm-mode"
                checked={mode === m}
                onChange={() => setMode(m)}
                data-testid={`storm-mode-${m}`}
              />
              {t(`storm.modes.${m}`)}
            </label>
          ))}
        </div>
      </div>
      <p className="muted small">{t(`storm.modeHints.${mode}`)}</p>
      <label>
        {t('storm.reason')}
        <textarea
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          placeholder={t('storm.reasonPlaceholder')}
          maxLength={500}
          rows={2}
          data-testid="storm-reason"
        />
      </label>
      {problem && (
        <p className="gd-error" role="alert" data-testid="storm-problem">
          {problem}
        </p>
      )}
      <ErrorBox error={declare.error} />
      <button type="submit" className="gd-primary" disabled={declare.isPending} data-testid="storm-declare">
        {t('storm.declareSubmit')}
      </button>
    </form>
  );
}
