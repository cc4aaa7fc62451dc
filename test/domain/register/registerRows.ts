/**
 * Object Mother for register files in tests: a valid system row with sensible defaults, overridable per column,
 * turned into a RegisterTable (as a reader would give it) or into CSV text.
 */
import type { RegisterTable } from '../../../src/domain/register/registerTable';

export const swedishHeaders = {
  department: 'Förvaltning',
  unit: 'Avdelning',
  name: 'IT-systemets namn',
  description: 'Beskrivning',
  owner: 'Systemägare',
  responsible: 'Systemansvarig',
  managers: 'Systemförvaltare',
  administrators: 'Systemadministratör',
  pilots: 'Pilot/Ombud',
  chief: 'Ansvarig chef',
  users: 'Antal användare',
  critical: 'Verksamhetskritiskt (Ja/Nej)',
  goLive: 'Driftsättningsdatum',
  infoClass: 'Informationsklass',
  supplier: 'Leverantör',
} as const;

export type Column = keyof typeof swedishHeaders;
export type RowValues = Record<Column, string>;

export const columns = Object.keys(swedishHeaders) as Column[];

let counter = 0;

/** A valid row for a system named `name` (a fresh name when omitted). */
export function aSystemRow(overrides: Partial<RowValues> = {}): RowValues {
  counter++;
  return {
    department: 'Socialförvaltningen',
    unit: 'Vård och omsorg',
    name: `Testsystem ${counter}`,
    description: 'Dokumentation inom vård och omsorg',
    owner: 'Socialnämnden',
    responsible: 'Maria Sundberg <maria.sundberg@exempelkommun.se>',
    managers: 'Göran Nyström <goran.nystrom@exempelkommun.se>',
    administrators: 'Märta Löfgren <marta.lofgren@exempelkommun.se>',
    pilots: '',
    chief: '',
    users: '120',
    critical: 'Nej',
    goLive: '2019-01-01',
    infoClass: 'K3 R3 T2',
    supplier: 'CGI',
    ...overrides,
  };
}

/** The table a reader gives for these rows under the Swedish headers; the first row is on line 2. */
export function registerTable(
  rows: RowValues[],
  headers: Record<Column, string> = swedishHeaders,
): RegisterTable {
  return {
    headers: columns.map((column) => headers[column]),
    rows: rows.map((row, index) => ({ line: index + 2, cells: columns.map((column) => row[column]) })),
  };
}

/** CSV text as Excel writes it: fields holding the separator, quotes or line breaks are quoted. */
export function registerCsv(rows: RowValues[], separator = ';', lineBreak = '\r\n'): string {
  const quote = (cell: string) =>
    cell.includes(separator) || /["\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
  const lines = [
    columns.map((column) => quote(swedishHeaders[column])).join(separator),
    ...rows.map((row) => columns.map((column) => quote(row[column])).join(separator)),
  ];
  return lines.join(lineBreak) + lineBreak;
}
