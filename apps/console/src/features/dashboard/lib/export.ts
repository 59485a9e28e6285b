import { type Column, exportFileName, toCsv, toMatrix } from './csv.js';

function download(blob: Blob, name: string) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function downloadCsv<R>(title: string, columns: readonly Column<R>[], rows: readonly R[]) {
  download(
    new Blob([toCsv(columns, rows)], { type: 'text/csv;charset=utf-8' }),
    exportFileName(title, 'csv'),
  );
}

/** An .xlsx with one sheet; exceljs is loaded only when someone exports. */
export async function downloadXlsx<R>(title: string, columns: readonly Column<R>[], rows: readonly R[]) {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  wb.created = new Date();
  const ws = wb.addWorksheet(title.slice(0, 31).replace(/[\\/?*[\]:]/g, ' ') || 'Sheet1');
  ws.addRow(columns.map((c) => c.header)).font = { bold: true };
  for (const r of toMatrix(columns, rows)) ws.addRow(r);
  ws.columns.forEach((col, i) => {
    col.width = Math.max(10, Math.min(40, (columns[i]?.header.length ?? 8) * 2 + 4));
  });
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  const buf = await wb.xlsx.writeBuffer();
  download(
    new Blob([buf], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }),
    exportFileName(title, 'xlsx'),
  );
}
