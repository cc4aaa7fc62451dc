/**
 * Writes the follow-up results of a year as a file: .xlsx (exceljs) or CSV for Swedish Excel (semicolons, UTF-8
 * with a byte order mark, CRLF). For `npm run reviews:export` and the bot's admin command, which sends the bytes.
 *
 * Every text cell that a spreadsheet could take for a formula (it starts with =, +, -, @, a tab or a carriage
 * return) gets a leading apostrophe: answers are typed by users, and the file is opened by others.
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

/** The header and one line per row, as text, neutralised. */
export function exportTable(rows: readonly ReviewExportRow[], lang: Lang, timeZone: string): string[][] {
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
    row.action?.dueDate ?? '',
    row.answeredBy ?? '',
    row.answeredAt === undefined ? '' : localDateTime(row.answeredAt, timeZone),
    say(lang, followUpStatusTexts[row.status]),
    row.submittedAt === undefined ? '' : localDateTime(row.submittedAt, timeZone),
  ]);
  return [header, ...lines].map((line) => line.map(neutraliseCell));
}

/** Prefixes an apostrophe to text a spreadsheet would read as a formula (CSV/formula injection). */
export function neutraliseCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

function toCsv(table: readonly (readonly string[])[]): Buffer {
  const quote = (cell: string) => (/[;"\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);
  const text = table.map((line) => line.map(quote).join(';')).join('\r\n') + '\r\n';
  // The byte order mark makes Excel read the file as UTF-8 (å, ä, ö) instead of the system code page.
  return Buffer.from('\uFEFF' + text, 'utf8');
}

async function toXlsx(table: readonly (readonly string[])[], sheetName: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Systemkollen';
  const sheet = workbook.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  for (const line of table) sheet.addRow([...line]);
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
