import { TICKET_TYPES, ZONE_CLASSES } from '@gd/domain';
import { ErrorBox, Spinner, useClientConfig } from '@gd/web';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAgentsReport } from '../api/get-agents.js';
import { useFilterOptions } from '../api/get-options.js';
import { useOverview } from '../api/get-overview.js';
import { type DashboardFilters, defaultFilters, filterErrors, overviewQuery } from '../lib/filters.js';
import { LiveTiles } from './LiveTiles.js';
import { Overview } from './Overview.js';
import '../dashboard.css';

/** `/dashboard`: live tiles over the socket, and the historical figures for the chosen filters. */
export function DashboardPage() {
  const { t } = useTranslation();
  const { timeZone } = useClientConfig();
  const [draft, setDraft] = useState<DashboardFilters>(() => defaultFilters(new Date(), timeZone));
  const [applied, setApplied] = useState<DashboardFilters>(draft);
  const options = useFilterOptions();
  const errors = filterErrors(draft);
  const query = useMemo(
    () => (filterErrors(applied).length ? null : overviewQuery(applied, timeZone)),
    [applied, timeZone],
  );
  const overview = useOverview(query);
  const agents = useAgentsReport(query ? { from: query.from!, to: query.to! } : null);
  const set = (patch: Partial<DashboardFilters>) => setDraft((f) => ({ ...f, ...patch }));

  return (
    <div className="dashboard-page" data-testid="dashboard-page">
      <h1>{t('dashboard.title')}</h1>
      <LiveTiles />
      <section className="history">
        <h2>{t('dashboard.history')}</h2>
        <form
          className="filters no-print"
          data-testid="dashboard-filters"
          onSubmit={(e) => {
            e.preventDefault();
            if (!errors.length) setApplied(draft);
          }}
        >
          <label>
            {t('dashboard.filters.from')}
            <input
              type="date"
              value={draft.fromDay}
              data-testid="filter-from"
              onChange={(e) => set({ fromDay: e.target.value })}
            />
          </label>
          <label>
            {t('dashboard.filters.to')}
            <input
              type="date"
              value={draft.toDay}
              data-testid="filter-to"
              onChange={(e) => set({ toDay: e.target.value })}
            />
          </label>
          <label>
            {t('dashboard.filters.district')}
            <select
              value={draft.district}
              data-testid="filter-district"
              onChange={(e) => set({ district: e.target.value })}
            >
              <option value="">{t('dashboard.filters.any')}</option>
              {options.districts.map((d) => (
                <option key={d} value={d}>
                  {d}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('dashboard.filters.zoneClass')}
            <select
              value={draft.zoneClass}
              data-testid="filter-zoneClass"
              onChange={(e) => set({ zoneClass: e.target.value as DashboardFilters['zoneClass'] })}
            >
              <option value="">{t('dashboard.filters.any')}</option>
              {ZONE_CLASSES.map((z) => (
                <option key={z} value={z}>
                  {t(`zoneClass.${z}`)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('dashboard.filters.crew')}
            <select
              value={draft.crewId}
              data-testid="filter-crew"
              onChange={(e) => set({ crewId: e.target.value })}
            >
              <option value="">{t('dashboard.filters.any')}</option>
              {options.crews.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('dashboard.filters.agent')}
            <select
              value={draft.agentId}
              data-testid="filter-agent"
              onChange={(e) => set({ agentId: e.target.value })}
            >
              <option value="">{t('dashboard.filters.any')}</option>
              {options.agents.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('dashboard.filters.type')}
            <select
              value={draft.type}
              data-testid="filter-type"
              onChange={(e) => set({ type: e.target.value as DashboardFilters['type'] })}
            >
              <option value="">{t('dashboard.filters.any')}</option>
              {TICKET_TYPES.map((ty) => (
                <option key={ty} value={ty}>
                  {t(`ticketType.${ty}`)}
                </option>
              ))}
            </select>
          </label>
          <button
            type="submit"
            className="gd-primary"
            disabled={errors.length > 0}
            data-testid="filter-apply"
          >
            {t('dashboard.filters.apply')}
          </button>
          {errors.length > 0 && (
            <span className="form-errors" data-testid="filter-errors">
              {errors.map((e) => t(`dashboard.errors.${e}`)).join('；')}
            </span>
          )}
        </form>
        {overview.isLoading && <Spinner />}
        <ErrorBox error={overview.error ?? agents.error} onRetry={() => void overview.refetch()} />
        {overview.data && <Overview report={overview.data} agents={agents.data ?? []} />}
      </section>
    </div>
  );
}
