import {
  CREW_STATUSES,
  type CrewStatus,
  TICKET_STATUSES,
  TICKET_TYPES,
  type TicketStatus,
  type TicketType,
} from '@gd/domain';
import { useTranslation } from 'react-i18next';

export interface MapFilter {
  district: string;
  orderType: TicketType | '';
  orderStatus: TicketStatus | '';
  crewStatus: CrewStatus | '';
  slaState: string;
}
export const EMPTY_FILTER: MapFilter = {
  district: '',
  orderType: '',
  orderStatus: '',
  crewStatus: '',
  slaState: '',
};

const OPEN_TICKET_STATUSES = TICKET_STATUSES.filter(
  (s) => !['completed', 'closed', 'cancelled', 'merged'].includes(s),
);

/** District, order type, order status and crew status filters (SLA state is toggled from the legend). */
export function FilterBar({
  filter,
  districts,
  onChange,
}: {
  filter: MapFilter;
  districts: string[];
  onChange: (f: MapFilter) => void;
}) {
  const { t } = useTranslation();
  const set = <K extends keyof MapFilter>(k: K, v: MapFilter[K]) => onChange({ ...filter, [k]: v });
  const dirty = Object.values(filter).some((v) => v !== '');
  return (
    <div className="dm-filters" data-testid="filters">
      <select
        aria-label={t('map.allDistricts')}
        data-testid="filter-district"
        value={filter.district}
        onChange={(e) => set('district', e.target.value)}
      >
        <option value="">{t('map.allDistricts')}</option>
        {districts.map((d) => (
          <option key={d} value={d}>
            {d}
          </option>
        ))}
      </select>
      <select
        aria-label={t('map.allTypes')}
        data-testid="filter-type"
        value={filter.orderType}
        onChange={(e) => set('orderType', e.target.value as TicketType | '')}
      >
        <option value="">{t('map.allTypes')}</option>
        {TICKET_TYPES.map((ty) => (
          <option key={ty} value={ty}>
            {t(`ticketType.${ty}`)}
          </option>
        ))}
      </select>
      <select
        aria-label={t('map.allStatuses')}
        data-testid="filter-status"
        value={filter.orderStatus}
        onChange={(e) => set('orderStatus', e.target.value as TicketStatus | '')}
      >
        <option value="">{t('map.allStatuses')}</option>
        {OPEN_TICKET_STATUSES.map((s) => (
          <option key={s} value={s}>
            {t(`ticketStatus.${s}`)}
          </option>
        ))}
      </select>
      <select
        aria-label={t('map.allCrewStatuses')}
        data-testid="filter-crew-status"
        value={filter.crewStatus}
        onChange={(e) => set('crewStatus', e.target.value as CrewStatus | '')}
      >
        <option value="">{t('map.allCrewStatuses')}</option>
        {CREW_STATUSES.map((s) => (
          <option key={s} value={s}>
            {t(`crewStatus.${s}`)}
          </option>
        ))}
      </select>
      {dirty && (
        <button type="button" data-testid="filter-clear" onClick={() => onChange(EMPTY_FILTER)}>
          {t('map.clearFilters')}
        </button>
      )}
    </div>
  );
}
