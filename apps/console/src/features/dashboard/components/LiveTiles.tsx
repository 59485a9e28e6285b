import type { LiveDashboard } from '@gd/domain';
import {
  CrewStatusBadge,
  EmptyState,
  ErrorBox,
  formatDateTime,
  formatDuration,
  Spinner,
  useClientConfig,
  useSocketEvent,
} from '@gd/web';
import { useQueryClient } from '@tanstack/react-query';
import { useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useLive } from '../api/get-live.js';
import { statusMatrix } from '../lib/charts.js';
import type { Column } from '../lib/csv.js';
import { DataTable, ExportButtons } from './ExportButtons.js';

/** Refetches the live tiles on any socket event that changes them, at most once per second. */
function useLiveRefresh() {
  const qc = useQueryClient();
  const last = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const refresh = () => {
    if (timer.current) return;
    const wait = Math.max(0, 1000 - (Date.now() - last.current));
    timer.current = setTimeout(() => {
      timer.current = null;
      last.current = Date.now();
      void qc.invalidateQueries({ queryKey: ['reports', 'live'] });
    }, wait);
  };
  useSocketEvent('ticket.created', refresh);
  useSocketEvent('ticket.updated', refresh);
  useSocketEvent('sla.warning', refresh);
  useSocketEvent('sla.breached', refresh);
  useSocketEvent('crew.status', refresh);
  useSocketEvent('outage.updated', refresh);
  useSocketEvent('callback.due', refresh);
}

export function LiveTiles() {
  const { t, i18n } = useTranslation();
  const live = useLive();
  useLiveRefresh();
  const { timeZone } = useClientConfig();
  if (live.isLoading) return <Spinner />;
  if (live.error) return <ErrorBox error={live.error} onRetry={() => void live.refetch()} />;
  if (!live.data) return null;
  const d = live.data;
  const tile = (key: string, value: number, tone = '') => (
    <div className={`tile ${tone}`} data-testid={`tile-${key}`}>
      <div className="tile-value">{value}</div>
      <div className="tile-label">{t(`dashboard.tiles.${key}`)}</div>
    </div>
  );
  return (
    <section className="live-panel" data-testid="live-tiles">
      <div className="gd-row gd-row--between">
        <h2>
          {t('dashboard.live')}{' '}
          <span className="muted small">
            {t('dashboard.updatedAt', { at: formatDateTime(d.at, timeZone) })}
          </span>
        </h2>
      </div>
      <div className="tiles">
        {tile('open', d.openTotal)}
        {tile('breached', d.breaching.breached, d.breaching.breached ? 'danger' : '')}
        {tile('dueSoon', d.breaching.dueSoon, d.breaching.dueSoon ? 'warn' : '')}
        {tile('calls', d.callsLastHour)}
        {tile('outages', d.activeOutages.count, d.activeOutages.count ? 'warn' : '')}
        {tile('callbacks', d.callbacksDue)}
      </div>
      <h3 title={t('dashboard.backlogHint')}>{t('dashboard.backlog')}</h3>
      <div className="tiles" data-testid="backlog-tiles">
        {tile('waiting', d.backlog.waiting, d.backlog.waiting ? 'warn' : '')}
        <div className="tile" data-testid="tile-oldestWait">
          <div className="tile-value">
            {d.backlog.oldestWaitingSince
              ? formatDuration(Date.parse(d.at) - Date.parse(d.backlog.oldestWaitingSince), i18n.language)
              : t('dashboard.noWait')}
          </div>
          <div className="tile-label">{t('dashboard.tiles.oldestWait')}</div>
        </div>
        {tile('breachesNextHour', d.backlog.breachesNextHour, d.backlog.breachesNextHour ? 'danger' : '')}
      </div>
      <p className="muted small">{t('dashboard.backlogHint')}</p>
      <div className="live-grid">
        <StatusTable live={d} />
        <BreachingTable live={d} />
        <div className="gd-card" data-testid="crew-status">
          <h3>{t('dashboard.crews')}</h3>
          <ul className="plain crew-status">
            {d.crewsByStatus.map((c) => (
              <li key={c.status}>
                <CrewStatusBadge status={c.status} /> <strong>{c.count}</strong>
              </li>
            ))}
          </ul>
          {d.activeOutages.items.length > 0 && (
            <ul className="plain outage-list" data-testid="live-outages">
              {d.activeOutages.items.map((o) => (
                <li key={o.id}>
                  ⚡ {o.description}
                  {o.estimatedRestoreAt && (
                    <span className="muted"> → {formatDateTime(o.estimatedRestoreAt, timeZone)}</span>
                  )}
                </li>
              ))}
            </ul>
          )}
        </div>
      </div>
    </section>
  );
}

function StatusTable({ live }: { live: LiveDashboard }) {
  const { t } = useTranslation();
  const rows = useMemo(() => statusMatrix(live.openByStatus), [live.openByStatus]);
  type Row = (typeof rows)[number];
  const columns: Column<Row>[] = [
    { header: t('dashboard.cols.status'), value: (r) => t(`ticketStatus.${r.status}`) },
    { header: t('zoneClass.urban'), value: (r) => r.urban },
    { header: t('zoneClass.rural'), value: (r) => r.rural },
    { header: t('zoneClass.remote'), value: (r) => r.remote },
    { header: t('dashboard.unknownZone'), value: (r) => r.unknown },
    { header: t('dashboard.total'), value: (r) => r.total },
  ];
  return (
    <div className="gd-card">
      <div className="gd-row gd-row--between">
        <h3>{t('dashboard.openByStatus')}</h3>
        <ExportButtons name="live-status" title={t('dashboard.openByStatus')} columns={columns} rows={rows} />
      </div>
      {rows.length === 0 ? (
        <EmptyState />
      ) : (
        <DataTable name="live-status" columns={columns} rows={rows} rowKey={(r) => r.status} />
      )}
    </div>
  );
}

function BreachingTable({ live }: { live: LiveDashboard }) {
  const { t } = useTranslation();
  const { timeZone } = useClientConfig();
  type Row = LiveDashboard['breaching']['items'][number];
  const columns: Column<Row>[] = [
    { header: t('dashboard.cols.number'), value: (r) => r.number },
    { header: t('dashboard.cols.clock'), value: (r) => t(`dashboard.clock.${r.clock}`) },
    { header: t('dashboard.dueAt'), value: (r) => formatDateTime(r.dueAt, timeZone) },
    { header: t('dashboard.cols.status'), value: (r) => t(`dashboard.state.${r.state}`) },
    { header: t('dashboard.cols.district'), value: (r) => r.district ?? '' },
  ];
  const rows = live.breaching.items;
  return (
    <div className="gd-card">
      <div className="gd-row gd-row--between">
        <h3>{t('dashboard.breaching')}</h3>
        <ExportButtons name="breaching" title={t('dashboard.breaching')} columns={columns} rows={rows} />
      </div>
      {rows.length === 0 ? (
        <EmptyState />
      ) : (
        <table className="report-table" data-testid="table-breaching">
          <thead>
            <tr>
              {columns.map((c) => (
                <th key={c.header}>{c.header}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr
                key={`${r.ticketId}-${r.clock}`}
                className={r.state === 'breached' ? 'overdue' : 'due-soon'}
              >
                <td>
                  <Link to={`/tickets/${r.ticketId}`} className="mono">
                    {r.number}
                  </Link>
                </td>
                {columns.slice(1).map((c) => (
                  <td key={c.header}>{String(c.value(r))}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
