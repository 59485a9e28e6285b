import type { AgentReportRowDetail, OverviewReport } from '@gd/domain';
import { EmptyState } from '@gd/web';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  Legend,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import {
  type DistrictDatum,
  districtData,
  type HistogramDatum,
  histogramData,
  pct,
  type TrendDatum,
  trendData,
} from '../lib/charts.js';
import type { Column } from '../lib/csv.js';
import { ChartCard, ExportButtons, TableCard } from './ExportButtons.js';

const ARRIVAL = '#1565c0';
const RESTORATION = '#2e7d32';
const LATE = '#c62828';

/** The historical figures for the filters: KPIs, three charts, and the tables behind them (each exportable). */
export function Overview({ report, agents }: { report: OverviewReport; agents: AgentReportRowDetail[] }) {
  const { t } = useTranslation();
  const trend = useMemo(() => trendData(report.trend), [report.trend]);
  // A line needs two days: a single day (or two) is drawn as filled points, or the chart would look empty.
  const trendDot = (color: string) => (trend.length <= 2 ? { r: 5, fill: color } : false);
  const districts = useMemo(() => districtData(report.byDistrict), [report.byDistrict]);
  const hist = useMemo(() => histogramData(report.arrivalHistogram), [report.arrivalHistogram]);
  const minutes = (n: number | null) => (n === null ? '–' : t('dashboard.kpi.minutes', { n }));
  const percent = (r: number | null) => (r === null ? '–' : `${pct(r)}%`);

  const kpis: [string, string][] = [
    ['orders', String(report.orders)],
    ['dispatchAvg', minutes(report.timeToDispatch.avgMin)],
    ['dispatchP90', minutes(report.timeToDispatch.p90Min)],
    ['repeatCalls', report.repeatCallsPerOrder === null ? '–' : report.repeatCallsPerOrder.toFixed(2)],
    ['satisfaction', percent(report.callbackSatisfactionRate)],
    ['reopen', percent(report.reopenRate)],
    ['manualArrival', percent(report.manualArrivalRate)],
  ];

  const trendCols: Column<TrendDatum>[] = [
    { header: t('dashboard.cols.day'), value: (r) => r.day },
    { header: t('dashboard.cols.orders'), value: (r) => r.orders },
    { header: t('dashboard.cols.arrival'), value: (r) => r.arrival },
    { header: t('dashboard.cols.restoration'), value: (r) => r.restoration },
  ];
  const districtCols: Column<DistrictDatum>[] = [
    { header: t('dashboard.cols.district'), value: (r) => r.district },
    { header: t('dashboard.cols.orders'), value: (r) => r.orders },
    { header: t('dashboard.cols.arrival'), value: (r) => r.arrival },
    { header: t('dashboard.cols.restoration'), value: (r) => r.restoration },
  ];
  const histCols: Column<HistogramDatum>[] = [
    { header: t('dashboard.cols.bucket'), value: (r) => r.label },
    { header: t('dashboard.cols.count'), value: (r) => r.count },
  ];
  const agentCols: Column<AgentReportRowDetail>[] = [
    { header: t('dashboard.cols.agent'), value: (r) => r.displayName ?? r.agentId },
    { header: t('dashboard.cols.firstResponded'), value: (r) => r.firstResponded },
    { header: t('dashboard.cols.closed'), value: (r) => r.closed },
    { header: t('dashboard.cols.closedOnTime'), value: (r) => r.closedOnTime },
    { header: t('dashboard.cols.repeatCallRate'), value: (r) => pct(r.repeatCallRate) },
    { header: t('dashboard.cols.satisfactionRate'), value: (r) => pct(r.satisfactionRate) },
    { header: t('dashboard.cols.surveyed'), value: (r) => r.surveyed },
  ];

  return (
    <div className="stack" data-testid="overview">
      <div className="kpis">
        {kpis.map(([k, v]) => (
          <div className="kpi" key={k} data-testid={`kpi-${k}`}>
            <div className="kpi-value">{v}</div>
            <div className="kpi-label">{t(`dashboard.kpi.${k}`)}</div>
          </div>
        ))}
      </div>
      {report.orders === 0 && <EmptyState>{t('dashboard.noData')}</EmptyState>}
      <div className="charts">
        <ChartCard
          testId="chart-trend"
          heading={t('dashboard.charts.trend')}
          exportName="trend"
          exportTitle={t('dashboard.tables.trend')}
          columns={trendCols}
          rows={trend}
        >
          <ResponsiveContainer width="100%" height={240}>
            <LineChart data={trend} margin={{ top: 8, right: 16, bottom: 0, left: -8 }}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="label" fontSize={11} />
              <YAxis domain={[0, 100]} unit="%" fontSize={11} />
              <Tooltip />
              <Legend />
              <Line
                type="monotone"
                dataKey="arrival"
                name={t('dashboard.charts.arrival')}
                stroke={ARRIVAL}
                dot={trendDot(ARRIVAL)}
                connectNulls
                isAnimationActive={false}
              />
              <Line
                type="monotone"
                dataKey="restoration"
                name={t('dashboard.charts.restoration')}
                stroke={RESTORATION}
                dot={trendDot(RESTORATION)}
                connectNulls
                isAnimationActive={false}
              />
            </LineChart>
          </ResponsiveContainer>
        </ChartCard>
        <ChartCard
          testId="chart-districts"
          heading={t('dashboard.charts.districts')}
          exportName="districts"
          exportTitle={t('dashboard.tables.districts')}
          columns={districtCols}
          rows={districts}
        >
          <ResponsiveContainer width="100%" height={240}>
            <BarChart data={districts} margin={{ top: 8, right: 16, bottom: 0, left: -8 }}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="district" fontSize={11} />
              <YAxis domain={[0, 100]} unit="%" fontSize={11} />
              <Tooltip />
              <Legend />
              <Bar
                dataKey="arrival"
                name={t('dashboard.charts.arrival')}
                fill={ARRIVAL}
                isAnimationActive={false}
              />
              <Bar
                dataKey="restoration"
                name={t('dashboard.charts.restoration')}
                fill={RESTORATION}
                isAnimationActive={false}
              />
            </BarChart>
          </ResponsiveContainer>
        </ChartCard>
        <section className="gd-card chart-card" data-testid="chart-histogram">
          <div className="gd-row gd-row--between">
            <h3>
              {t('dashboard.charts.histogram')}{' '}
              {hist.withinShare !== null && (
                <span className="muted small">
                  {t('dashboard.charts.withinShare', { pct: pct(hist.withinShare) })}
                </span>
              )}
            </h3>
            <ExportButtons
              name="histogram"
              title={t('dashboard.tables.histogram')}
              columns={histCols}
              rows={hist.data}
            />
          </div>
          <ResponsiveContainer width="100%" height={240}>
            <BarChart data={hist.data} margin={{ top: 16, right: 16, bottom: 0, left: -8 }}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="label" fontSize={11} />
              <YAxis allowDecimals={false} fontSize={11} />
              <Tooltip />
              <Bar dataKey="count" name={t('dashboard.charts.count')} isAnimationActive={false}>
                {hist.data.map((d) => (
                  <Cell key={d.label} fill={d.withinTarget ? ARRIVAL : LATE} />
                ))}
              </Bar>
              {hist.targetLabel && (
                <ReferenceLine
                  x={hist.targetLabel}
                  position={hist.targetPosition}
                  stroke={LATE}
                  strokeDasharray="6 3"
                  strokeWidth={2}
                  label={{
                    value: t('dashboard.charts.target', { n: report.arrivalHistogram.targetMin }),
                    position: 'top',
                    fill: LATE,
                    fontSize: 11,
                  }}
                />
              )}
            </BarChart>
          </ResponsiveContainer>
        </section>
      </div>
      <div className="tables">
        <TableCard
          title={t('dashboard.tables.agents')}
          exportName="agents"
          tableName="agents"
          columns={agentCols}
          rows={agents}
          rowKey={(r) => r.agentId}
        />
        <TableCard
          title={t('dashboard.tables.districts')}
          exportName="districts-table"
          tableName="districts"
          columns={districtCols}
          rows={districts}
          rowKey={(r) => r.district}
        />
        <TableCard
          title={t('dashboard.tables.trend')}
          exportName="trend-table"
          tableName="trend"
          columns={trendCols}
          rows={trend}
          rowKey={(r) => r.day}
        />
      </div>
    </div>
  );
}
