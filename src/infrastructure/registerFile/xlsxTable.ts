import ExcelJS from 'exceljs';
import type { RegisterRow, RegisterTable } from '../../domain/register/registerTable';

/**
 * Reads the first worksheet that has content. The first non-empty row is the header; every row keeps its
 * sheet row number. Cells become text as a person sees them: a date cell "2019-03-01", a number "1200",
 * a hyperlinked e-mail its text, a formula its result.
 */
export async function parseXlsxTable(bytes: Uint8Array): Promise<RegisterTable> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as never);
  const sheet = workbook.worksheets.find((candidate) => candidate.actualRowCount > 0);
  if (!sheet) return { headers: [], rows: [] };

  let headers: string[] | undefined;
  const rows: RegisterRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, columnNumber) => {
      cells[columnNumber - 1] = cellText(cell.value);
    });
    for (let index = 0; index < cells.length; index++) cells[index] ??= '';
    if (headers === undefined) {
      if (cells.every((cell) => cell.trim() === '')) return;
      headers = cells;
      return;
    }
    rows.push({ line: rowNumber, cells });
  });
  return { headers: headers ?? [], rows };
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
