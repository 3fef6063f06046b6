import { PassThrough, Readable } from 'node:stream';
import { createRequire } from 'node:module';
import { berlinClock, type Locale } from '../i18n/index.ts';

/*
 * Downloads of tables (the overview's figures and lists, an event's registrations) as CSV (UTF-8 with
 * BOM and semicolons, which German Excel opens correctly with a double click) and XLSX. Long lists
 * arrive as batches from an async iterator and leave as a stream, so a million rows never sit in memory
 * at once.
 */

export const CSV_TYPE = 'text/csv; charset=utf-8';
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** Excel opens at most 1,048,576 rows, the header included; longer lists are cut there (CSV is not). */
export const XLSX_MAX_ROWS = 1_048_575;

/** A cell value as exported; the caller turns what it must not show into text first (the overview's "< 5"). */
export type ExportValue = string | number | Date | null;

/** A column of a sheet: its header, and for numbers how many digits after the decimal point. */
export interface ExportColumn {
  label: string;
  numeric?: boolean;
  /** Digits after the decimal point for numeric columns. */
  decimals?: number;
}

export interface ExportSheet {
  title: string;
  columns: ExportColumn[];
  /** Batches of rows; a table already in memory is one batch. */
  batches: AsyncIterable<ExportValue[][]> | Iterable<ExportValue[][]>;
}

/** Text that a spreadsheet would run as a formula gets a leading apostrophe (CSV injection). */
function safeText(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

function csvField(value: ExportValue, locale: Locale, decimals: number | undefined): string {
  if (value === null) return '';
  let text: string;
  if (value instanceof Date) {
    const c = berlinClock(value);
    text = `${c.year}-${c.month}-${c.day} ${c.hour}:${c.minute}`;
  }
  else if (typeof value === 'number') {
    text = decimals !== undefined && !Number.isInteger(value) ? String(Math.round(value * 10 ** decimals) / 10 ** decimals) : String(value);
    if (locale === 'de') text = text.replace('.', ',');
  } else text = safeText(value);
  return /[";\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function csvLine(values: ExportValue[], columns: ExportColumn[], locale: Locale): string {
  return `${values.map((v, i) => csvField(v, locale, columns[i]?.decimals)).join(';')}\r\n`;
}

/** The CSV as a stream that pulls the next batch only when the reader has taken the last one. */
export function csvStream(sheet: ExportSheet, locale: Locale): Readable {
  async function* lines() {
    yield `\uFEFF${csvLine(
      sheet.columns.map((c) => c.label),
      [],
      locale,
    )}`;
    for await (const batch of sheet.batches) {
      yield batch.map((row) => csvLine(row, sheet.columns, locale)).join('');
    }
  }
  return Readable.from(lines());
}

/** Excel allows 31 characters and no []:*?/\ in a sheet name. */
export function sheetName(title: string): string {
  return title.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31).trim() || 'Tabelle';
}

/**
 * The XLSX as a stream: exceljs's streaming writer commits each row to the zip as it comes, and the
 * writer waits whenever the reader is behind.
 */
export function xlsxStream(sheet: ExportSheet): Readable {
  const output = new PassThrough();
  // Loaded on first use: exceljs takes 0.4 s to load and most processes never export.
  const ExcelJS = createRequire(import.meta.url)('exceljs') as typeof import('exceljs');
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useStyles: true, useSharedStrings: false });
  workbook.creator = 'Mitmachnetz';
  const worksheet = workbook.addWorksheet(sheetName(sheet.title), { views: [{ state: 'frozen', ySplit: 1 }] });
  worksheet.columns = sheet.columns.map((c) => ({
    header: c.label,
    width: Math.min(60, Math.max(12, c.label.length + 2)),
    style: c.numeric ? { numFmt: c.decimals ? `0.${'0'.repeat(c.decimals)}` : '0' } : {},
  }));
  worksheet.getRow(1).font = { bold: true };
  worksheet.getRow(1).commit();
  void (async () => {
    try {
      let written = 0;
      for await (const batch of sheet.batches) {
        for (const row of batch.slice(0, XLSX_MAX_ROWS - written)) worksheet.addRow(row.map((v) => (v === null ? undefined : v))).commit();
        written += batch.length;
        if (written >= XLSX_MAX_ROWS) break;
        if (output.writableNeedDrain) await new Promise((resolve) => output.once('drain', resolve));
      }
      worksheet.commit();
      await workbook.commit();
    } catch (error) {
      output.destroy(error as Error);
    }
  })();
  return output;
}

/** A file name without characters that need quoting in a Content-Disposition header. */
export function attachment(name: string): string {
  const ascii = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ß/g, 'ss')
    .replace(/[^A-Za-z0-9._-]+/g, '-');
  return `attachment; filename="${ascii}"`;
}
