import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { planImport } from '../../../src/domain/register/registerImport';
import { isRetired } from '../../../src/domain/register/system';
import { readRegisterFile } from '../../../src/infrastructure/registerFile/readRegisterFile';
import { RegisterFileError } from '../../../src/infrastructure/registerFile/registerFileError';
import { aSystemRow, registerCsv } from '../../domain/register/registerRows';
import { expectedSystems, headerRow, municipalWorkbook, registerSheetName } from './municipalWorkbook';

describe('a register workbook as municipalities write it', () => {
  let bytes: Buffer;

  before(async () => {
    bytes = await municipalWorkbook();
  });

  const read = (options: { sheet?: string } = {}) =>
    readRegisterFile({ fileName: 'Systemförteckning.xlsx', bytes }, options);

  it('finds the register on the sheet whose header it recognises, below the title rows', async () => {
    const table = await read();
    assert.equal(table.sheet, registerSheetName);
    assert.equal(table.headerLine, headerRow);
    assert.equal(table.headers[1], 'Systemnamn');
    assert.deepEqual(
      table.rows.map((row) => row.line),
      expectedSystems.map((system) => system.row),
    );
  });

  it('stores every person form as the people it names, under the names from Swedish practice', async () => {
    const plan = planImport(await read(), []);
    assert.equal(plan.refusal, undefined);
    assert.deepEqual(plan.rejected, []);
    for (const expected of expectedSystems) {
      const record = plan.changes.create.find((system) => system.id === expected.id);
      assert.ok(record, `${expected.name} is imported`);
      assert.equal(record.name, expected.name);
      assert.equal(record.owner, expected.owner, `${expected.name}: owner`);
      assert.deepEqual(record.responsible, expected.responsible, `${expected.name}: responsible`);
      assert.deepEqual(record.managers, expected.managers, `${expected.name}: managers`);
      assert.deepEqual(record.administrators, expected.administrators, `${expected.name}: administrators`);
      assert.equal(isRetired(record), expected.retired === true, `${expected.name}: retired`);
      assert.equal(record.extra['Förvaltningsobjekt'], 'Vård och omsorg', 'the object is kept as a fact');
      assert.equal(record.extra['Leverantör'], 'CGI');
      assert.equal(record.extra['Informationsägare'], 'Socialnämnden');
    }
  });

  it('warns, at the row Excel shows, for every cell that says nobody, and never stores a person for it', async () => {
    const plan = planImport(await read(), []);
    const nobody = plan.warnings
      .filter((reported) => reported.warning.code === 'nobody-in-role')
      .map((reported) => [
        reported.line,
        reported.warning.code === 'nobody-in-role' ? reported.warning.header : '',
        reported.warning.code === 'nobody-in-role' ? reported.warning.value : '',
      ]);
    const expected = expectedSystems.flatMap((system) =>
      Object.entries(system.nobody).map(([header, value]) => [system.row, header, value]),
    );
    assert.deepEqual(
      nobody.sort((a, b) => String(a).localeCompare(String(b))),
      expected.sort((a, b) => String(a).localeCompare(String(b))),
    );
    const names = plan.changes.create.flatMap((system) =>
      [system.responsible, ...system.managers, ...system.administrators].map((person) => person?.name),
    );
    for (const word of ['Vakant', '-', '–', 'saknas', 'ej tillsatt', 'N/A', 'N', 'A', '?']) {
      assert.ok(!names.includes(word), `nobody is named "${word}"`);
    }
  });

  it('lists the systems nobody can answer the follow-up for, leaving out the retired one', async () => {
    const plan = planImport(await read(), []);
    assert.deepEqual(
      plan.withoutAnswerer.map((system) => [system.name, system.line]),
      expectedSystems
        .filter((system) => system.responsible === undefined && system.retired !== true)
        .map((system) => [system.name, system.row]),
    );
  });

  it('reads the sheet named with --sheet, and says which sheets there are when it does not exist', async () => {
    const instructions = await read({ sheet: ' instruktioner ' });
    assert.equal(instructions.sheet, 'Instruktioner');
    await assert.rejects(read({ sheet: 'Blad9' }), (error: unknown) => {
      assert.ok(error instanceof RegisterFileError);
      assert.equal(error.code, 'sheet-not-found');
      assert.deepEqual(error.sheets, ['Instruktioner', registerSheetName]);
      return true;
    });
  });

  it('reads the first sheet with content when no sheet has a register header, so the refusal can list its columns', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Tom');
    const sheet = workbook.addWorksheet('Lista');
    sheet.addRow(['Namn på sak', 'Kommentar']);
    sheet.addRow(['Något', 'Annat']);
    const table = await readRegisterFile({
      fileName: 'lista.xlsx',
      bytes: Buffer.from(await workbook.xlsx.writeBuffer()),
    });
    assert.equal(table.sheet, 'Lista');
    assert.deepEqual(table.headers, ['Namn på sak', 'Kommentar']);
    assert.equal(planImport(table, []).refusal, 'missing-name-column');
  });

  it('reads a CSV file named .xlsx as the CSV it is, and says so', async () => {
    const text = registerCsv([aSystemRow({ name: 'Agresso' })]);
    const table = await readRegisterFile({ fileName: 'register.xlsx', bytes: Buffer.from(text, 'utf8') });
    assert.equal(table.readAs, 'csv');
    assert.equal(table.sheet, undefined);
    assert.equal(table.rows[0]?.cells[2], 'Agresso');
  });

  it('refuses --sheet for a CSV file, which has no sheets', async () => {
    const text = registerCsv([aSystemRow({ name: 'Agresso' })]);
    await assert.rejects(
      readRegisterFile({ fileName: 'register.csv', bytes: Buffer.from(text, 'utf8') }, { sheet: 'Blad1' }),
      (error: unknown) => error instanceof RegisterFileError && error.code === 'sheet-not-found',
    );
  });

  it('skips title rows above the header of a CSV file, keeping the file lines', async () => {
    const text = `Systemförteckning 2025\r\n\r\n${registerCsv([aSystemRow({ name: 'Agresso' })])}`;
    const table = await readRegisterFile({ fileName: 'register.csv', bytes: Buffer.from(text, 'utf8') });
    assert.equal(table.headerLine, 3);
    assert.equal(table.headers[2], 'IT-systemets namn');
    assert.deepEqual(
      table.rows.map((row) => [row.line, row.cells[2]]),
      [[4, 'Agresso']],
    );
  });

  it('refuses an HTML table saved under a spreadsheet name as neither .xlsx nor CSV', async () => {
    const html = '<html><body><table><tr><td>System</td></tr></table></body></html>';
    await assert.rejects(
      readRegisterFile({ fileName: 'export.xlsx', bytes: Buffer.from(html, 'utf8') }),
      (error: unknown) => error instanceof RegisterFileError && error.code === 'unsupported-format',
    );
  });
});
