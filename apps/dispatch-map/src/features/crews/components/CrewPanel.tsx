import type { Crew } from '@gd/domain';
import { CrewStatusBadge, ErrorBox, formatDateTime } from '@gd/web';
import { useTranslation } from 'react-i18next';
import type { useCrewTrail } from '../api/get-crew-trail';
import { CREW_STATUS_COLOR } from '../utils/crews';

export const TRAIL_HOURS = [1, 4, 12] as const;

/** The selected crew: status, skills, last fix, current order and its trail on demand. */
export function CrewPanel({
  crew,
  timeZone,
  trailHours,
  trail,
  onTrail,
  orderNumber,
  onOpenOrder,
  onClose,
}: {
  crew: Crew;
  timeZone: string;
  trailHours: number | null;
  trail: ReturnType<typeof useCrewTrail>;
  onTrail: (hours: number | null) => void;
  /** The number of the crew's current order (GD…), once known. */
  orderNumber: string | null;
  onOpenOrder: (ticketId: string) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <aside className="dm-panel" data-testid="crew-panel" data-crew-id={crew.id}>
      <header className="dm-panel__head">
        <h2>
          <span className="dm-dot" style={{ background: CREW_STATUS_COLOR[crew.status] }} /> {crew.name}
        </h2>
        <button type="button" onClick={onClose} aria-label={t('order.close')}>
          ×
        </button>
      </header>
      <dl className="dm-facts">
        <dt>{t('crew.status')}</dt>
        <dd data-testid="crew-status">
          <CrewStatusBadge status={crew.status} />
        </dd>
        <dt>{t('crew.skills')}</dt>
        <dd>{crew.skills.map((s) => t(`skills.${s}`)).join(t('map.listSep'))}</dd>
        <dt>{t('crew.lastSeen')}</dt>
        <dd>{crew.position ? formatDateTime(crew.position.at, timeZone, true) : t('crew.noPosition')}</dd>
        {crew.ticketId && (
          <>
            <dt>{t('crew.currentOrder')}</dt>
            <dd>
              <button
                type="button"
                className="dm-link dm-mono"
                onClick={() => onOpenOrder(crew.ticketId!)}
                data-testid="crew-current-order"
              >
                {orderNumber ?? '…'}
              </button>
            </dd>
          </>
        )}
      </dl>
      <section className="dm-section">
        <h3>{t('crew.trail')}</h3>
        <div className="dm-chips">
          {TRAIL_HOURS.map((h) => (
            <button
              key={h}
              type="button"
              className={trailHours === h ? 'gd-primary' : ''}
              data-testid="trail-button"
              data-hours={h}
              onClick={() => onTrail(trailHours === h ? null : h)}
            >
              {t('crew.trailHours', { h })}
            </button>
          ))}
          {trailHours !== null && (
            <button type="button" onClick={() => onTrail(null)}>
              {t('crew.hideTrail')}
            </button>
          )}
        </div>
        {trailHours !== null && trail.error && <ErrorBox error={trail.error} />}
        {trailHours !== null && trail.data && trail.data.length < 2 && (
          <p className="dm-muted">{t('crew.trailEmpty')}</p>
        )}
        {trailHours !== null && trail.data && trail.data.length >= 2 && (
          <p className="dm-muted" data-testid="trail-count">
            {trail.data.length} GPS
          </p>
        )}
      </section>
    </aside>
  );
}
