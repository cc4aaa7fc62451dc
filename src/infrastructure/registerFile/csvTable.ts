import { parse } from 'csv-parse/sync';
import { findHeaderRow } from '../../domain/register/registerColumns';
import type { RegisterRow, RegisterTable } from '../../domain/register/registerTable';

export type CsvSeparator = ';' | ',' | '\t';

export class CsvSyntaxError extends Error {
  constructor(
    readonly line: number,
    options?: { cause?: unknown },
  ) {
    super(`CSV syntax error at line ${line}`);
    this.name = 'CsvSyntaxError';
    if (options?.cause !== undefined) this.cause = options.cause;
  }
}

/**
 * The separator of a register CSV, read from its header line: the candidate occurring most often outside
 * quotes. Ties go to `;` (Swedish Excel), then tab, then `,`; a one-column file gets `;`.
 */
export function detectSeparator(headerLine: string): CsvSeparator {
  const counts: Record<CsvSeparator, number> = { ';': 0, '\t': 0, ',': 0 };
  let quoted = false;
  for (const char of headerLine) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === ';' || char === ',' || char === '\t')) counts[char]++;
  }
  const order: CsvSeparator[] = [';', '\t', ','];
  return order.reduce((best, candidate) => (counts[candidate] > counts[best] ? candidate : best), ';');
}

/**
 * Parses register CSV text (already decoded, without BOM) into a table. The header is the first row the import
 * recognises (title rows above it are skipped), else the first non-blank row. Every row keeps the file line it
 * starts on, counting the lines inside quoted fields, so a rejected row can be found in an editor.
 * Throws CsvSyntaxError for a quote that is never closed or stands where no quote may.
 */
export function parseCsvTable(text: string): RegisterTable {
  // One line-break form lets csv-parse use a single record delimiter and makes lines countable in `raw`.
  let normalized = text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
  let firstLine = 1;
  // Excel writes "sep=;" above the header when asked to state the separator.
  const sepLine = /^sep=(.)\n/i.exec(normalized);
  let separator: CsvSeparator | undefined;
  if (sepLine) {
    const declared = sepLine[1];
    if (declared === ';' || declared === ',' || declared === '\t') separator = declared;
    normalized = normalized.slice(sepLine[0].length);
    firstLine = 2;
  }
  // Title rows above the header may hold no separator at all, so the first lines are counted together.
  separator ??= detectSeparator(firstNonBlankLines(normalized, 10).join('\n'));

  let records: { record: string[]; raw: string }[];
  try {
    records = parse(normalized, {
      delimiter: separator,
      record_delimiter: '\n',
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
      raw: true,
    }) as unknown as { record: string[]; raw: string }[];
  } catch (error) {
    const lines = (error as { lines?: unknown }).lines;
    throw new CsvSyntaxError((typeof lines === 'number' ? lines : 1) + firstLine - 1, { cause: error });
  }

  const all: RegisterRow[] = [];
  let line = firstLine;
  for (const { record, raw } of records) {
    all.push({ line, cells: record });
    line += countLineBreaks(raw);
  }
  // Title rows and notes above the header are skipped, as in a workbook (see parseXlsxTable).
  const headerIndex =
    findHeaderRow(all.map((row) => row.cells)) ??
    all.findIndex((row) => row.cells.some((cell) => cell.trim() !== ''));
  if (headerIndex < 0) return { headers: [], rows: [] };
  const header = all[headerIndex];
  return {
    headers: header?.cells ?? [],
    rows: all.slice(headerIndex + 1),
    ...(header === undefined ? {} : { headerLine: header.line }),
  };
}

function firstNonBlankLines(text: string, count: number): string[] {
  const lines: string[] = [];
  let start = 0;
  while (start < text.length && lines.length < count) {
    const end = text.indexOf('\n', start);
    const line = text.slice(start, end === -1 ? text.length : end);
    if (line.trim() !== '') lines.push(line);
    if (end === -1) break;
    start = end + 1;
  }
  return lines;
}

function countLineBreaks(raw: string): number {
  let count = 0;
  for (let index = raw.indexOf('\n'); index !== -1; index = raw.indexOf('\n', index + 1)) count++;
  return count;
}
