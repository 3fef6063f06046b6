import type { ExportSheet, ExportValue } from '../../platform/http/export.ts';
import { isMasked, type Cell, type DataTable } from './present.ts';

/*
 * An overview table as a sheet for the platform's CSV and XLSX writers (platform/http/export.ts). Masked
 * counts stay "< 5" (never the number).
 */

export function exportValue(cell: Cell, maskedText: string): ExportValue {
  if (isMasked(cell)) return maskedText;
  return cell;
}

export function sheetOfTable(table: DataTable, maskedText: string): ExportSheet {
  const rows = table.rows.map((row) => row.map((c) => exportValue(c, maskedText)));
  if (table.footer) rows.push(table.footer.map((c) => exportValue(c, maskedText)));
  return { title: table.caption, columns: table.columns, batches: [rows] };
}
