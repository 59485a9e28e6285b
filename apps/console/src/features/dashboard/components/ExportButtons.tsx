import { EmptyState } from '@gd/web';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Column } from '../lib/csv.js';
import { downloadCsv, downloadXlsx } from '../lib/export.js';

/** CSV and Excel export of one table, the same columns as on screen. */
export function ExportButtons<R>({
  name,
  title,
  columns,
  rows,
}: {
  name: string;
  title: string;
  columns: readonly Column<R>[];
  rows: readonly R[];
}) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  return (
    <span className="export-buttons no-print">
      <button
        type="button"
        data-testid={`export-csv-${name}`}
        onClick={() => downloadCsv(title, columns, rows)}
      >
        {t('dashboard.export.csv')}
      </button>
      <button
        type="button"
        disabled={busy}
        data-testid={`export-xlsx-${name}`}
        onClick={() => {
          setBusy(true);
          void downloadXlsx(title, columns, rows).finally(() => setBusy(false));
        }}
      >
        {t('dashboard.export.xlsx')}
      </button>
    </span>
  );
}

/** A plain table of the same columns the export writes. */
export function DataTable<R>({
  name,
  columns,
  rows,
  rowKey,
}: {
  name: string;
  columns: readonly Column<R>[];
  rows: readonly R[];
  rowKey: (r: R, i: number) => string;
}) {
  return (
    <table className="report-table" data-testid={`table-${name}`}>
      <thead>
        <tr>
          {columns.map((c) => (
            <th key={c.header}>{c.header}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r, i) => (
          <tr key={rowKey(r, i)}>
            {columns.map((c) => {
              const v = c.value(r);
              return (
                <td key={c.header} className={typeof v === 'number' ? 'num' : undefined}>
                  {v === null || v === undefined ? '–' : String(v)}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A titled card with a table and its CSV / Excel exports; an empty state when there are no rows. */
export function TableCard<R>({
  title,
  exportName,
  tableName,
  columns,
  rows,
  rowKey,
}: {
  title: string;
  exportName: string;
  tableName: string;
  columns: readonly Column<R>[];
  rows: readonly R[];
  rowKey: (r: R, i: number) => string;
}) {
  return (
    <section className="gd-card">
      <div className="gd-row gd-row--between">
        <h3>{title}</h3>
        <ExportButtons name={exportName} title={title} columns={columns} rows={rows} />
      </div>
      {rows.length ? (
        <DataTable name={tableName} columns={columns} rows={rows} rowKey={rowKey} />
      ) : (
        <EmptyState />
      )}
    </section>
  );
}

/** A titled chart card whose figures export as CSV / Excel. */
export function ChartCard<R>({
  testId,
  heading,
  exportName,
  exportTitle,
  columns,
  rows,
  children,
}: {
  testId: string;
  heading: string;
  exportName: string;
  exportTitle: string;
  columns: readonly Column<R>[];
  rows: readonly R[];
  children: ReactNode;
}) {
  return (
    <section className="gd-card chart-card" data-testid={testId}>
      <div className="gd-row gd-row--between">
        <h3>{heading}</h3>
        <ExportButtons name={exportName} title={exportTitle} columns={columns} rows={rows} />
      </div>
      {children}
    </section>
  );
}
