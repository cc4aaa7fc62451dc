import ExcelJS from 'exceljs';
import { findHeaderRow } from '../../domain/register/registerColumns';
import type { RegisterRow, RegisterTable } from '../../domain/register/registerTable';

export interface XlsxReadOptions {
  /** The worksheet to read, by name (case and surrounding spaces ignored); otherwise it is found. */
  sheet?: string;
}

/** The workbook has no worksheet of the name asked for; carries the names it has. */
export class SheetNotFoundError extends Error {
  constructor(
    readonly sheet: string,
    readonly sheets: string[],
  ) {
    super('worksheet not found');
    this.name = 'SheetNotFoundError';
  }
}

interface SheetRows {
  name: string;
  rows: RegisterRow[];
}

/**
 * Reads the register from a workbook. Registers are kept in workbooks that often start with an "Instruktioner"
 * or "Version" sheet, and with title rows above the header, so the register is the first worksheet with a row
 * the import recognises as a register header (see findHeaderRow), read from that row on; rows above it are
 * skipped. When no sheet has one, the first worksheet with content is read from its first non-blank row, so
 * the refusal can name the columns it found. With `sheet`, that worksheet is read the same way.
 *
 * Every row keeps the row number Excel shows. Cells become text as a person sees them: a date cell
 * "2019-03-01", a number "1200", a hyperlinked e-mail its text, a formula its result.
 */
export async function parseXlsxTable(
  bytes: Uint8Array,
  options: XlsxReadOptions = {},
): Promise<RegisterTable> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as never);
  const worksheets = workbook.worksheets;

  if (options.sheet !== undefined) {
    const wanted = options.sheet.trim().toLocaleLowerCase('sv');
    const sheet = worksheets.find((candidate) => candidate.name.trim().toLocaleLowerCase('sv') === wanted);
    if (!sheet)
      throw new SheetNotFoundError(
        options.sheet,
        worksheets.map((candidate) => candidate.name),
      );
    return tableFrom(sheetRows(sheet));
  }

  let firstWithContent: SheetRows | undefined;
  for (const sheet of worksheets) {
    if (sheet.actualRowCount === 0) continue;
    const read = sheetRows(sheet);
    if (read.rows.length === 0) continue;
    firstWithContent ??= read;
    const header = findHeaderRow(read.rows.map((row) => row.cells));
    if (header !== undefined) return tableFrom(read, header);
  }
  return firstWithContent ? tableFrom(firstWithContent) : { headers: [], rows: [] };
}

/** The non-empty rows of a sheet, each with its sheet row number. */
function sheetRows(sheet: ExcelJS.Worksheet): SheetRows {
  const rows: RegisterRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, columnNumber) => {
      cells[columnNumber - 1] = cellText(cell.value);
    });
    for (let index = 0; index < cells.length; index++) cells[index] ??= '';
    rows.push({ line: rowNumber, cells });
  });
  return { name: sheet.name, rows };
}

/** The table from the header row on: the recognised header, else the first non-blank row. */
function tableFrom(read: SheetRows, headerIndex?: number): RegisterTable {
  const index =
    headerIndex ??
    findHeaderRow(read.rows.map((row) => row.cells)) ??
    read.rows.findIndex((row) => row.cells.some((cell) => cell.trim() !== ''));
  if (index < 0) return { headers: [], rows: [], sheet: read.name };
  const header = read.rows[index];
  return {
    headers: header?.cells ?? [],
    rows: read.rows.slice(index + 1),
    sheet: read.name,
    ...(header === undefined ? {} : { headerLine: header.line }),
  };
}

export function cellText(value: ExcelJS.CellValue | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'Ja' : 'Nej';
  if (value instanceof Date) return isoDate(value);
  if ('richText' in value) return value.richText.map((run) => run.text).join('');
  if ('hyperlink' in value) return cellText(value.text as ExcelJS.CellValue);
  if ('formula' in value || 'sharedFormula' in value) return cellText(value.result as ExcelJS.CellValue);
  // An error cell (#N/A, #REF!) holds nothing the register can use.
  return '';
}

/**
 * exceljs gives a date cell as the instant of its calendar date at midnight UTC, so the UTC parts are the
 * date the sheet shows, whatever the local time zone.
 */
function isoDate(date: Date): string {
  if (Number.isNaN(date.getTime())) return '';
  return date.toISOString().slice(0, 10);
}
