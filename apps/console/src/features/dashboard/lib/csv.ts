/** A column of an exported table: its header and how to read a cell from a row. */
export interface Column<R> {
  header: string;
  value: (row: R) => string | number | boolean | null | undefined;
}

/** Cells that a spreadsheet would run as a formula (CSV injection) are prefixed with a quote. */
const FORMULA = /^[=+\-@\t\r]/;

export function csvCell(v: string | number | boolean | null | undefined): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  const s = FORMULA.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/**
 * RFC 4180 CSV with CRLF line ends and a UTF-8 byte-order mark, so Excel opens Chinese text correctly.
 * @example toCsv([{ header: '区', value: (r) => r.d }], [{ d: '天心' }]) // '\uFEFF区\r\n天心\r\n'
 */
export function toCsv<R>(columns: readonly Column<R>[], rows: readonly R[]): string {
  const lines = [columns.map((c) => csvCell(c.header)).join(',')];
  for (const row of rows) lines.push(columns.map((c) => csvCell(c.value(row))).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** A file name safe on every OS: the title, the date, the extension. */
export function exportFileName(title: string, ext: 'csv' | 'xlsx', date = new Date()): string {
  const safe = title.replace(/[\\/:*?"<>|\s]+/g, '_').replace(/^_+|_+$/g, '') || 'export';
  return `${safe}_${date.toISOString().slice(0, 10)}.${ext}`;
}

/** Rows as the plain values a spreadsheet cell takes (for the Excel export). */
export function toMatrix<R>(
  columns: readonly Column<R>[],
  rows: readonly R[],
): (string | number | boolean | null)[][] {
  return rows.map((r) =>
    columns.map((c) => {
      const v = c.value(r);
      return v === undefined ? null : typeof v === 'number' && !Number.isFinite(v) ? null : v;
    }),
  );
}
