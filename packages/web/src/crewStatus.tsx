import type { CrewStatus } from '@gd/domain';
import { useTranslation } from 'react-i18next';

/**
 * One table of crew-status colours for every screen (the map's markers and legend, its crew list, the console's
 * tiles and registry): big, distinct colours a dispatcher reads at a glance. The words are `crewStatus.*` of the
 * shared texts, so they too are the same everywhere.
 */
export const CREW_STATUS_COLOR: Record<CrewStatus, string> = {
  available: '#1a9641',
  dispatched: '#f39c12',
  en_route: '#2b83ba',
  on_site: '#8e44ad',
  returning: '#17a2b8',
  off_duty: '#8c8c8c',
};

export const crewStatusZh: Record<CrewStatus, string> = {
  off_duty: '下班',
  available: '空闲',
  dispatched: '已派工',
  en_route: '出发途中',
  on_site: '现场作业',
  returning: '返程',
};

export const crewStatusEn: Record<CrewStatus, string> = {
  off_duty: 'Off duty',
  available: 'Available',
  dispatched: 'Dispatched',
  en_route: 'En route',
  on_site: 'On site',
  returning: 'Returning',
};

/** A crew's status as a coloured dot and its word. */
export function CrewStatusBadge({ status }: { status: CrewStatus }) {
  const { t } = useTranslation();
  return (
    <span className="gd-crew-status" data-testid="crew-status-badge" data-status={status}>
      <span
        className="gd-crew-status__dot"
        style={{ background: CREW_STATUS_COLOR[status] }}
        aria-hidden="true"
      />
      {t(`crewStatus.${status}`, { defaultValue: status })}
    </span>
  );
}
