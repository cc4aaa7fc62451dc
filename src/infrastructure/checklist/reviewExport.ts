/**
 * Writes the follow-up results of a year as a file: .xlsx (exceljs) or CSV for Swedish Excel (semicolons, UTF-8
 * with a byte order mark, CRLF). For `npm run reviews:export` and the bot's admin command, which sends the bytes.
 *
 * In CSV, every text cell that a spreadsheet could take for a formula (it starts with =, +, -, @, a tab or a
 * carriage return) gets a leading apostrophe: answers are typed by users, and the file is opened by others. An
 * .xlsx cell is typed, so text stays text there and is written as typed; dates and times are real dates.
 */
import ExcelJS from 'exceljs';

import type { Checklist } from '../../domain/checklist/checklist';
import { reviewExportRows, type ReviewExportRow } from '../../domain/checklist/reviewExport';
import type { Storage } from '../../domain/ports';
import { localDateTime } from '../../shared/dateTime';
import { say, type Lang } from '../../texts';
import {
  checklistTexts,
  followUpStatusTexts,
  reviewExportHeaders,
  reviewExportTexts,
} from '../../texts/checklist';

export type ReviewExportFormat = 'xlsx' | 'csv';

export interface ReviewExportOptions {
  year: number;
  format: ReviewExportFormat;
  lang: Lang;
  /** Times are written in this zone (TIME_ZONE). */
  timeZone: string;
}

export interface ReviewExportFile {
  fileName: string;
  contentType: string;
  bytes: Buffer;
  /** Data rows, without the header. */
  rowCount: number;
  systemCount: number;
}

const contentTypes: Record<ReviewExportFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
};

/** Reads the register and the year's reviews from storage and writes the export. */
export async function exportReviews(
  storage: Pick<Storage, 'systems' | 'reviews'>,
  options: ReviewExportOptions & { checklist: Checklist },
): Promise<ReviewExportFile> {
  const [systems, reviews] = await Promise.all([
    storage.systems.list(),
    storage.reviews.listByYear(options.year),
  ]);
  const rows = reviewExportRows({
    year: options.year,
    systems: systems.map((stored) => stored.value),
    reviews: reviews.map((stored) => stored.value),
    checklist: options.checklist,
  });
  return renderReviewExport(rows, options);
}

export async function renderReviewExport(
  rows: readonly ReviewExportRow[],
  options: ReviewExportOptions,
): Promise<ReviewExportFile> {
  const table = exportTable(rows, options.lang, options.timeZone);
  const bytes =
    options.format === 'csv'
      ? toCsv(table)
      : await toXlsx(table, say(options.lang, reviewExportTexts.sheetName, { year: options.year }));
  return {
    fileName: `${say(options.lang, reviewExportTexts.fileBaseName, { year: options.year })}.${options.format}`,
    contentType: contentTypes[options.format],
    bytes,
    rowCount: rows.length,
    systemCount: new Set(rows.map((row) => row.systemId)).size,
  };
}

/**
 * A cell of the export: text, a day (an action's due date) or a moment shown in the municipality's time
 * (answered, submitted), both as "YYYY-MM-DD" / "YYYY-MM-DD HH:mm" local text.
 */
export type ExportCell = string | { kind: 'date'; text: string } | { kind: 'dateTime'; text: string };

/** The header and one line per row. */
export function exportTable(rows: readonly ReviewExportRow[], lang: Lang, timeZone: string): ExportCell[][] {
  const header = Object.values(reviewExportHeaders).map((text) => say(lang, text));
  const lines = rows.map((row) => [
    row.systemName,
    row.departments.length > 0 ? row.departments.join(', ') : say(lang, checklistTexts.noDepartment),
    row.sectionTitle[lang],
    row.questionText[lang],
    row.answerLabel?.[lang] ?? '',
    row.comment ?? '',
    row.action?.what ?? '',
    row.action?.who ?? '',
    row.action?.dueDate === undefined ? '' : dateCell(row.action.dueDate),
    row.answeredBy ?? '',
    row.answeredAt === undefined ? '' : dateTimeCell(row.answeredAt, timeZone),
    say(lang, followUpStatusTexts[row.status]),
    row.submittedAt === undefined ? '' : dateTimeCell(row.submittedAt, timeZone),
  ]);
  return [header, ...lines];
}

function dateCell(isoDate: string): ExportCell {
  return /^\d{4}-\d{2}-\d{2}$/.test(isoDate) ? { kind: 'date', text: isoDate } : isoDate;
}

function dateTimeCell(iso: string, timeZone: string): ExportCell {
  const local = localDateTime(iso, timeZone);
  return /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/.test(local) ? { kind: 'dateTime', text: local } : local;
}

function cellText(cell: ExportCell): string {
  return typeof cell === 'string' ? cell : cell.text;
}

/**
 * The cell as Excel should hold it: text as typed, a date or time as a Date whose UTC fields are the local
 * ones (Excel has no time zones: the sheet shows exactly the municipality's wall-clock time).
 */
function xlsxValue(cell: ExportCell): string | Date {
  if (typeof cell === 'string') return cell;
  const [date = '', time = '00:00'] = cell.text.split(' ');
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const [hour, minute] = time.split(':').map(Number) as [number, number];
  return new Date(Date.UTC(year, month - 1, day, hour, minute));
}

/** Prefixes an apostrophe to text a spreadsheet would read as a formula (CSV/formula injection). */
export function neutraliseCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

function toCsv(table: readonly (readonly ExportCell[])[]): Buffer {
  const quote = (cell: string) => (/[;"\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);
  const text =
    table.map((line) => line.map((cell) => quote(neutraliseCell(cellText(cell)))).join(';')).join('\r\n') +
    '\r\n';
  // The byte order mark makes Excel read the file as UTF-8 (å, ä, ö) instead of the system code page.
  return Buffer.from('\uFEFF' + text, 'utf8');
}

async function toXlsx(table: readonly (readonly ExportCell[])[], sheetName: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Systemkollen';
  const sheet = workbook.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  for (const line of table) {
    const row = sheet.addRow(line.map(xlsxValue));
    line.forEach((cell, index) => {
      if (typeof cell === 'string') return;
      row.getCell(index + 1).numFmt = cell.kind === 'date' ? 'yyyy-mm-dd' : 'yyyy-mm-dd hh:mm';
    });
  }
  sheet.getRow(1).font = { bold: true };
  const columnCount = table[0]?.length ?? 0;
  sheet.autoFilter = {
    from: { row: 1, column: 1 },
    to: { row: Math.max(1, table.length), column: columnCount },
  };
  const widths = [24, 28, 26, 60, 14, 40, 40, 22, 12, 22, 17, 12, 17];
  widths.slice(0, columnCount).forEach((width, index) => {
    sheet.getColumn(index + 1).width = width;
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
