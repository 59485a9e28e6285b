import type { Clock, ClockKind } from '@gd/domain';
import { useTranslation } from 'react-i18next';
import { clockView } from './slaView.js';
import { formatDuration } from './time.js';

/** A countdown coloured by the clock's state (running, warning, breached, paused, met, exempt). */
export function SlaBadge({
  clock,
  now,
  kind = 'arrival',
  showKind = true,
}: {
  clock: Clock;
  now: number;
  kind?: ClockKind;
  showKind?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const view = clockView(kind, clock, now);
  const live = view.state === 'running' || view.state === 'warning' || view.state === 'breached';
  const d = formatDuration(Math.abs(view.remainingMs), i18n.language);
  const text = live
    ? view.remainingMs < 0
      ? t('sla.overdue', { d })
      : t('sla.left', { d })
    : t(`sla.${view.state}`);
  return (
    <span
      className={`gd-sla gd-sla--${view.state}`}
      data-testid="sla-badge"
      data-state={view.state}
      data-kind={kind}
      title={`${t(`sla.${kind}`)} · ${t(`sla.${view.state}`)} · ${clock.dueAt}`}
    >
      {showKind && <span className="gd-sla__kind">{t(`sla.${kind}`)}</span>}
      {text}
    </span>
  );
}
