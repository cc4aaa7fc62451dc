/**
 * The register as an .xlsx workbook in the import's own format: one row per system, the headers the import
 * recognises, people as "Name <e-mail>" separated by ";", and the extra columns by their original headers.
 * Importing the file again changes nothing (test/infrastructure/registerFile/registerExport.test.ts), so an
 * admin can take the register to Excel, edit it, and send it back.
 */
import ExcelJS from 'exceljs';
import type { SystemRepository } from '../../domain/ports';
import type { RegisterField } from '../../domain/register/registerColumns';
import type { Person, SystemRecord } from '../../domain/register/system';

export interface RegisterExportFile {
  fileName: string;
  contentType: string;
  bytes: Buffer;
  systemCount: number;
}

const xlsxContentType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The headers written, each one the import reads as its field. */
export const registerExportHeaders: Readonly<Record<RegisterField, string>> = {
  departments: 'Förvaltning',
  unit: 'Avdelning',
  name: 'IT-systemets namn',
  aliases: 'Även kallat',
  description: 'Beskrivning',
  owner: 'Systemägare',
  responsible: 'Systemansvarig',
  managers: 'Systemförvaltare',
  administrators: 'Systemadministratör',
  pilots: 'Pilot',
  responsibleChief: 'Ansvarig chef',
  userCount: 'Antal användare',
  businessCritical: 'Verksamhetskritiskt',
  goLiveDate: 'Driftsättningsdatum',
  informationClass: 'Informationsklass',
  status: 'Status',
};

export async function exportRegister(systems: SystemRepository, today: string): Promise<RegisterExportFile> {
  const records = (await systems.list())
    .map((stored) => stored.value)
    .sort((a, b) => a.name.localeCompare(b.name, 'sv'));
  return {
    fileName: `Systemregister ${today}.xlsx`,
    contentType: xlsxContentType,
    bytes: await registerWorkbook(records),
    systemCount: records.length,
  };
}

export async function registerWorkbook(records: readonly SystemRecord[]): Promise<Buffer> {
  const fields = Object.keys(registerExportHeaders) as RegisterField[];
  const known = new Set<string>(Object.values(registerExportHeaders));
  const extraHeaders = [...new Set(records.flatMap((record) => Object.keys(record.extra)))]
    .filter((header) => !known.has(header))
    .sort((a, b) => a.localeCompare(b, 'sv'));
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Systemkollen';
  const sheet = workbook.addWorksheet('Systemregister', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.addRow([...fields.map((field) => registerExportHeaders[field]), ...extraHeaders]);
  sheet.getRow(1).font = { bold: true };
  for (const record of records) {
    // Cells are written as text (never formulas), so a value starting with "=" stays a value.
    sheet.addRow([
      ...fields.map((field) => cellOf(record, field)),
      ...extraHeaders.map((header) => record.extra[header] ?? ''),
    ]);
  }
  fields.forEach((_, index) => {
    sheet.getColumn(index + 1).width = 22;
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function cellOf(record: SystemRecord, field: RegisterField): string {
  switch (field) {
    case 'departments':
      return record.departments.join('; ');
    case 'aliases':
      return (record.aliases ?? []).join(', ');
    case 'responsible':
    case 'responsibleChief':
      return record[field] === undefined ? '' : personCell(record[field]);
    case 'managers':
    case 'administrators':
    case 'pilots':
      return record[field].map(personCell).join('; ');
    case 'userCount':
      return record.userCount === undefined ? '' : String(record.userCount);
    case 'businessCritical':
      return record.businessCritical === undefined ? '' : record.businessCritical ? 'Ja' : 'Nej';
    case 'goLiveDate':
    case 'informationClass':
    case 'status':
      return record[field] ?? '';
    case 'name':
    case 'unit':
    case 'description':
    case 'owner':
      return record[field];
  }
}

function personCell(person: Person): string {
  return person.email === undefined ? person.name : `${person.name} <${person.email}>`;
}
